using System.Xml.Linq;

namespace Shoebox.Tests.Sources.Xmp;

/// <summary>Sidecars shaped like the ones each tool writes, and a way to look inside the files the writer makes.</summary>
internal static class SampleSidecars
{
    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string Dc = "http://purl.org/dc/elements/1.1/";
    public const string Lr = "http://ns.adobe.com/lightroom/1.0/";
    public const string DigiKam = "http://www.digikam.org/ns/1.0/";
    public const string DarktableNs = "http://darktable.sf.net/";
    public const string Crs = "http://ns.adobe.com/camera-raw-settings/1.0/";

    /// <summary>Lightroom Classic for a raw file: develop settings as crs: attributes, parents in dc:subject.</summary>
    public const string Lightroom = """
        <x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core 7.0-c000 1.000000, 0000/00/00-00:00:00        ">
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about=""
            xmlns:xmp="http://ns.adobe.com/xap/1.0/"
            xmlns:tiff="http://ns.adobe.com/tiff/1.0/"
            xmlns:exif="http://ns.adobe.com/exif/1.0/"
            xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
            xmlns:dc="http://purl.org/dc/elements/1.1/"
            xmlns:lr="http://ns.adobe.com/lightroom/1.0/"
            xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/"
           xmp:Rating="4"
           xmp:ModifyDate="2021-06-12T18:03:11+02:00"
           tiff:Make="Canon"
           exif:DateTimeOriginal="2021-06-12T14:30:05.21+02:00"
           exif:GPSLatitude="48,51.5N"
           exif:GPSLongitude="2,17.7E"
           exif:GPSAltitude="355/10"
           exif:GPSAltitudeRef="0"
           photoshop:SidecarForExtension="CR2"
           crs:Version="15.3"
           crs:WhiteBalance="As Shot"
           crs:Exposure2012="+0.35"
           crs:Contrast2012="+12"
           crs:HasSettings="True">
           <dc:subject>
            <rdf:Bag>
             <rdf:li>Family</rdf:li>
             <rdf:li>Places</rdf:li>
             <rdf:li>France</rdf:li>
             <rdf:li>Paris</rdf:li>
            </rdf:Bag>
           </dc:subject>
           <lr:hierarchicalSubject>
            <rdf:Bag>
             <rdf:li>Places|France|Paris</rdf:li>
            </rdf:Bag>
           </lr:hierarchicalSubject>
           <crs:ToneCurvePV2012>
            <rdf:Seq>
             <rdf:li>0, 0</rdf:li>
             <rdf:li>255, 255</rdf:li>
            </rdf:Seq>
           </crs:ToneCurvePV2012>
          </rdf:Description>
         </rdf:RDF>
        </x:xmpmeta>
        """;

    /// <summary>darktable: tags as an rdf:Seq, the rating as an element, the edit history in its own namespace.</summary>
    public const string Darktable = """
        <?xml version="1.0" encoding="UTF-8"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="XMP Core 4.4.0-Exiv2">
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about=""
            xmlns:exif="http://ns.adobe.com/exif/1.0/"
            xmlns:xmp="http://ns.adobe.com/xap/1.0/"
            xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
            xmlns:dc="http://purl.org/dc/elements/1.1/"
            xmlns:darktable="http://darktable.sf.net/"
           exif:DateTimeOriginal="2022:03:04 09:15:00"
           xmpMM:DerivedFrom="IMG_1.CR2"
           darktable:import_timestamp="63811234567000000"
           darktable:xmp_version="5"
           darktable:raw_params="0"
           darktable:auto_presets_applied="1"
           darktable:history_end="2"
           darktable:iop_order_version="4">
           <xmp:Rating>-1</xmp:Rating>
           <dc:subject>
            <rdf:Seq>
             <rdf:li>darktable|format|cr2</rdf:li>
             <rdf:li>sunset</rdf:li>
            </rdf:Seq>
           </dc:subject>
           <dc:title>
            <rdf:Alt>
             <rdf:li xml:lang="de-DE">Abend</rdf:li>
            </rdf:Alt>
           </dc:title>
           <darktable:masks_history>
            <rdf:Seq/>
           </darktable:masks_history>
           <darktable:history>
            <rdf:Seq>
             <rdf:li
              darktable:num="0"
              darktable:operation="rawprepare"
              darktable:enabled="1"
              darktable:modversion="2"
              darktable:params="0000000000000000000000000000000000000000ff3f0000"
              darktable:multi_name=""
              darktable:multi_priority="0"
              darktable:blendop_version="14"
              darktable:blendop_params="gz08eJxjYGBgYAFiCQYYOOHEgAYY0QVwggZ7CB6pfNoAAGJDCQc="/>
             <rdf:li
              darktable:num="1"
              darktable:operation="exposure"
              darktable:enabled="1"
              darktable:modversion="6"
              darktable:params="00000000000080b9333333bf00004842000080c0"
              darktable:multi_name="&lt;scene&gt; &amp; more"
              darktable:multi_priority="0"/>
            </rdf:Seq>
           </darktable:history>
          </rdf:Description>
         </rdf:RDF>
        </x:xmpmeta>
        """;

    /// <summary>digiKam: every level of a tag's path in TagsList, leaves in dc:subject.</summary>
    public const string DigiKamTags = """
        <?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about="" xmlns:digiKam="http://www.digikam.org/ns/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"
            xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:DateCreated="2020-01-02T03:04:05">
           <digiKam:TagsList>
            <rdf:Seq>
             <rdf:li>People</rdf:li>
             <rdf:li>People/Anna</rdf:li>
             <rdf:li>Pets/Cat</rdf:li>
            </rdf:Seq>
           </digiKam:TagsList>
           <dc:subject>
            <rdf:Bag>
             <rdf:li>Anna</rdf:li>
             <rdf:li>Cat</rdf:li>
             <rdf:li>beach</rdf:li>
            </rdf:Bag>
           </dc:subject>
          </rdf:Description>
         </rdf:RDF>
        </x:xmpmeta>
        <?xpacket end="w"?>
        """;

    public static string Write(string path, string xml)
    {
        File.WriteAllText(path, xml);
        return path;
    }

    /// <summary>The items of an array property in a sidecar file, read as plain XML.</summary>
    public static List<string> Items(string sidecar, string ns, string name) =>
        XDocument.Load(sidecar).Descendants(XName.Get(name, ns))
            .SelectMany(p => p.Descendants(XName.Get("li", Rdf)))
            .Select(li => li.Value)
            .ToList();

    public static string? DefaultText(string sidecar, string ns, string name) =>
        XDocument.Load(sidecar).Descendants(XName.Get(name, ns))
            .SelectMany(p => p.Descendants(XName.Get("li", Rdf)))
            .FirstOrDefault(li => (string?)li.Attribute(XNamespace.Xml + "lang") == "x-default")?.Value;
}
