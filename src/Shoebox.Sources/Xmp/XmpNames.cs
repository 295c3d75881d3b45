using System.Xml.Linq;

namespace Shoebox.Sources.Xmp;

/// <summary>
/// The XMP namespaces Shoebox reads or writes. Properties are matched by namespace URI, never by prefix: a tool
/// may bind "dc" to anything.
/// </summary>
internal static class XmpNames
{
    public static readonly XNamespace Meta = "adobe:ns:meta/";
    public static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    public static readonly XNamespace Xmp = "http://ns.adobe.com/xap/1.0/";
    public static readonly XNamespace Lightroom = "http://ns.adobe.com/lightroom/1.0/";
    public static readonly XNamespace DigiKam = "http://www.digikam.org/ns/1.0/";
    public static readonly XNamespace Exif = "http://ns.adobe.com/exif/1.0/";
    public static readonly XNamespace Photoshop = "http://ns.adobe.com/photoshop/1.0/";

    /// <summary>Where Shoebox records what it put into a sidecar, so it removes only its own entries later.</summary>
    public static readonly XNamespace Shoebox = "https://shoebox.local/ns/1.0/";

    public static readonly XName XmpMeta = Meta + "xmpmeta";
    public static readonly XName RdfRoot = Rdf + "RDF";
    public static readonly XName Description = Rdf + "Description";
    public static readonly XName About = Rdf + "about";
    public static readonly XName Bag = Rdf + "Bag";
    public static readonly XName Seq = Rdf + "Seq";
    public static readonly XName Alt = Rdf + "Alt";
    public static readonly XName Li = Rdf + "li";
    public static readonly XName Lang = XNamespace.Xml + "lang";

    public static readonly XName Subject = Dc + "subject";
    public static readonly XName DcDescription = Dc + "description";
    public static readonly XName Title = Dc + "title";
    public static readonly XName HierarchicalSubject = Lightroom + "hierarchicalSubject";
    public static readonly XName TagsList = DigiKam + "TagsList";
    public static readonly XName Rating = Xmp + "Rating";
    public static readonly XName DateTimeOriginal = Exif + "DateTimeOriginal";
    public static readonly XName DateCreated = Photoshop + "DateCreated";
    public static readonly XName GpsLatitude = Exif + "GPSLatitude";
    public static readonly XName GpsLongitude = Exif + "GPSLongitude";
    public static readonly XName GpsAltitude = Exif + "GPSAltitude";
    public static readonly XName GpsAltitudeRef = Exif + "GPSAltitudeRef";

    public static readonly XName ShoeboxSubject = Shoebox + "Subject";
    public static readonly XName ShoeboxHierarchicalSubject = Shoebox + "HierarchicalSubject";
    public static readonly XName ShoeboxTagsList = Shoebox + "TagsList";
    public static readonly XName ShoeboxDescription = Shoebox + "Description";

    /// <summary>The prefix each namespace gets when Shoebox has to declare it.</summary>
    public static string PreferredPrefix(XNamespace ns) => ns.NamespaceName switch
    {
        "http://purl.org/dc/elements/1.1/" => "dc",
        "http://ns.adobe.com/lightroom/1.0/" => "lr",
        "http://www.digikam.org/ns/1.0/" => "digiKam",
        "https://shoebox.local/ns/1.0/" => "shoebox",
        "http://ns.adobe.com/xap/1.0/" => "xmp",
        _ => "ns",
    };
}
