using Shoebox.Core;
using System.Xml.Linq;

namespace Shoebox.Sources.Xmp;

/// <summary>
/// Finds and reads the XMP sidecar beside an image. What Shoebox itself wrote into a sidecar (recorded in its own
/// namespace) is left out: those keywords and captions are the catalog's already, and echoing them back would
/// keep them alive after the user removes them in Shoebox.
/// </summary>
public static class XmpSidecar
{
    public const string SourceName = "xmp";

    /// <summary>
    /// The sidecar describing <paramref name="imagePath"/>, or null: "IMG_1.CR2.xmp" when present, else "IMG_1.xmp"
    /// when it belongs to this image (see <see cref="SidecarNames"/> for the rule).
    /// </summary>
    public static string? FindFor(string imagePath)
    {
        ArgumentNullException.ThrowIfNull(imagePath);
        return SidecarNames.FullName(imagePath) ?? SidecarNames.StemName(imagePath);
    }

    /// <summary>Reads a sidecar; throws <see cref="XmpFormatException"/> when it is not XML or not XMP.</summary>
    public static SourceFacts Read(string sidecarPath)
    {
        ArgumentNullException.ThrowIfNull(sidecarPath);
        return Read(XmpDocument.Load(sidecarPath));
    }

    public static SourceFacts Read(Stream stream, string fileName = "the sidecar")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Read(XmpDocument.Load(stream, fileName));
    }

    private static SourceFacts Read(XmpDocument xmp)
    {
        var flat = Foreign(xmp, XmpNames.Subject, XmpNames.ShoeboxSubject);
        var paths = Foreign(xmp, XmpNames.HierarchicalSubject, XmpNames.ShoeboxHierarchicalSubject)
            .Concat(Foreign(xmp, XmpNames.TagsList, XmpNames.ShoeboxTagsList).Select(KeywordPaths.FromDigiKam));
        var description = xmp.LanguageDefault(XmpNames.DcDescription);
        if (description is not null && description == xmp.Simple(XmpNames.ShoeboxDescription))
        {
            description = null;
        }
        var taken = XmpValues.ParseDate(xmp.Simple(XmpNames.DateTimeOriginal)) ?? XmpValues.ParseDate(xmp.Simple(XmpNames.DateCreated));
        var latitude = XmpValues.ParseCoordinate(xmp.Simple(XmpNames.GpsLatitude), latitude: true);
        var longitude = XmpValues.ParseCoordinate(xmp.Simple(XmpNames.GpsLongitude), latitude: false);
        var hasPlace = latitude is not null && longitude is not null;
        return new SourceFacts
        {
            Source = SourceName,
            Overrides = false,
            Keywords = KeywordPaths.Merge(flat, paths),
            Description = description,
            Title = xmp.LanguageDefault(XmpNames.Title),
            Rating = XmpValues.ParseRating(xmp.Simple(XmpNames.Rating)),
            TakenAt = taken?.Time,
            TakenOffset = taken?.Offset,
            Latitude = hasPlace ? latitude : null,
            Longitude = hasPlace ? longitude : null,
            Altitude = hasPlace ? XmpValues.ParseAltitude(xmp.Simple(XmpNames.GpsAltitude), xmp.Simple(XmpNames.GpsAltitudeRef)) : null,
        };
    }

    private static List<string> Foreign(XmpDocument xmp, XName property, XName record)
    {
        var written = new HashSet<string>(xmp.Items(record), StringComparer.Ordinal);
        return [.. xmp.Items(property).Where(item => !written.Contains(item))];
    }
}
