using System.Text;
using Shoebox.Core;
using Shoebox.Sources;
using Shoebox.Sources.Xmp;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Sources.Xmp;

[Tier(Tier.Unit)]
public class XmpSidecarReadTests
{
    private static SourceFacts ReadText(string xml) => XmpSidecar.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)));

    private static string Sidecar(string body, string attributes = "") => $"""
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
            xmlns:lr="http://ns.adobe.com/lightroom/1.0/" xmlns:exif="http://ns.adobe.com/exif/1.0/" {attributes}>
           {body}
          </rdf:Description>
         </rdf:RDF>
        </x:xmpmeta>
        """;

    [Fact]
    public void Read_Lightroom_HierarchicalPathReplacesItsStepsInTheFlatList()
    {
        var facts = ReadText(SampleSidecars.Lightroom);

        Assert.Equal("xmp", facts.Source);
        Assert.False(facts.Overrides);
        Assert.Equal(["Family", "Places|France|Paris"], facts.Keywords);
        Assert.Equal(4, facts.Rating);
    }

    [Fact]
    public void Read_Lightroom_DateKeepsItsOffsetAndGpsIsDecimalDegrees()
    {
        var facts = ReadText(SampleSidecars.Lightroom);

        Assert.Equal(new DateTime(2021, 6, 12, 14, 30, 5), facts.TakenAt);
        Assert.Equal(TimeSpan.FromHours(2), facts.TakenOffset);
        Assert.Equal(48 + 51.5 / 60, facts.Latitude!.Value, 6);
        Assert.Equal(2 + 17.7 / 60, facts.Longitude!.Value, 6);
        Assert.Equal(35.5, facts.Altitude!.Value, 6);
    }

    [Fact]
    public void Read_DarktableSeqAndElementRating_UserTagsAndRejection()
    {
        var facts = ReadText(SampleSidecars.Darktable);

        Assert.Equal(["sunset"], facts.Keywords); // not darktable's own "darktable|format|cr2"
        Assert.Equal(-1, facts.Rating);
        Assert.Equal("Abend", facts.Title);
        Assert.Equal(new DateTime(2022, 3, 4, 9, 15, 0), facts.TakenAt);
        Assert.Null(facts.TakenOffset);
    }

    [Fact]
    public void Read_DigiKamTagsList_PathsWithSlashesBecomePipePathsWithoutTheirParents()
    {
        var facts = ReadText(SampleSidecars.DigiKamTags);

        Assert.Equal(["beach", "People|Anna", "Pets|Cat"], facts.Keywords);
        Assert.Equal(new DateTime(2020, 1, 2, 3, 4, 5), facts.TakenAt);
    }

    [Fact]
    public void Read_RatingAsAttribute_IsRead()
    {
        Assert.Equal(3, ReadText(Sidecar("", "xmp:Rating=\"3\"")).Rating);
        Assert.Equal(5, ReadText(Sidecar("<xmp:Rating>5</xmp:Rating>")).Rating);
        Assert.Null(ReadText(Sidecar("", "xmp:Rating=\"lots\"")).Rating);
    }

    [Fact]
    public void Read_DescriptionAlt_PrefersXDefaultElseFirstItem()
    {
        var withDefault = ReadText(Sidecar("""
            <dc:description><rdf:Alt><rdf:li xml:lang="fr-FR">Chat</rdf:li><rdf:li xml:lang="x-default">Cat on a sofa</rdf:li></rdf:Alt></dc:description>
            """));
        var withoutDefault = ReadText(Sidecar("""
            <dc:description><rdf:Alt><rdf:li xml:lang="fr-FR">Chat</rdf:li></rdf:Alt></dc:description>
            <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Sofa</rdf:li></rdf:Alt></dc:title>
            """));

        Assert.Equal("Cat on a sofa", withDefault.Description);
        Assert.Equal("Chat", withoutDefault.Description);
        Assert.Equal("Sofa", withoutDefault.Title);
    }

    [Fact]
    public void Read_FlatBagAndSeparatePaths_MergesWithoutDuplicates()
    {
        var facts = ReadText(Sidecar("""
            <dc:subject><rdf:Bag><rdf:li>cat</rdf:li><rdf:li>Cat</rdf:li><rdf:li> dog </rdf:li><rdf:li>Tokyo</rdf:li></rdf:Bag></dc:subject>
            <lr:hierarchicalSubject><rdf:Bag><rdf:li>Places|Japan|Tokyo</rdf:li><rdf:li>Places|Japan</rdf:li></rdf:Bag></lr:hierarchicalSubject>
            """));

        Assert.Equal(["cat", "dog", "Places|Japan|Tokyo"], facts.Keywords);
    }

    [Fact]
    public void Read_PhotoshopDateCreated_UsedWhenNoExifDate()
    {
        var facts = ReadText(Sidecar("", "xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\" photoshop:DateCreated=\"2019-12-31T23:59Z\""));

        Assert.Equal(new DateTime(2019, 12, 31, 23, 59, 0), facts.TakenAt);
        Assert.Equal(TimeSpan.Zero, facts.TakenOffset);
    }

    [Fact]
    public void Read_GpsInDegreesMinutesSecondsSouthWest_IsNegative()
    {
        var facts = ReadText(Sidecar("", "exif:GPSLatitude=\"33,51,36S\" exif:GPSLongitude=\"151,12,30W\""));

        Assert.Equal(-(33 + 51 / 60.0 + 36 / 3600.0), facts.Latitude!.Value, 6);
        Assert.Equal(-(151 + 12 / 60.0 + 30 / 3600.0), facts.Longitude!.Value, 6);
    }

    [Fact]
    public void Read_EmptyDescription_HasNoFacts()
    {
        var facts = ReadText(Sidecar(""));

        Assert.Empty(facts.Keywords);
        Assert.Null(facts.Description);
        Assert.Null(facts.Rating);
        Assert.Null(facts.TakenAt);
        Assert.Null(facts.Latitude);
    }

    [Fact]
    public void Read_MalformedFile_ThrowsWithTheFileName()
    {
        using var temp = new TempFolder();
        var path = SampleSidecars.Write(temp["IMG_1.CR2.xmp"], "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF");

        var error = Assert.Throws<XmpFormatException>(() => XmpSidecar.Read(path));

        Assert.Contains("IMG_1.CR2.xmp", error.Message);
        Assert.Contains("not well-formed XML", error.Message);
    }

    [Fact]
    public void Read_XmlThatIsNotXmp_Throws()
    {
        using var temp = new TempFolder();
        var path = SampleSidecars.Write(temp["notes.xmp"], "<notes><note>hello</note></notes>");

        var error = Assert.Throws<XmpFormatException>(() => XmpSidecar.Read(path));

        Assert.Contains("notes.xmp", error.Message);
        Assert.Contains("not an XMP sidecar", error.Message);
    }

    [Fact]
    public void Read_EntityExpansionBomb_IsRejectedBeforeExpanding()
    {
        var bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
             <!ENTITY lol "lol">
             <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
             <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
             <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
            ]>
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
             <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&lol4;</dc:title></rdf:Description>
            </rdf:RDF></x:xmpmeta>
            """;

        var error = Assert.Throws<XmpFormatException>(() => ReadText(bomb));

        Assert.Contains("DTD", error.Message);
    }

    [Fact]
    public void Read_ExternalEntity_IsNeverFetched()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["secret.txt"], "secret");
        var xml = $"""
            <!DOCTYPE x [ <!ENTITY e SYSTEM "file://{temp["secret.txt"]}"> ]>
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
             <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&e;</dc:title></rdf:Description>
            </rdf:RDF></x:xmpmeta>
            """;

        Assert.Throws<XmpFormatException>(() => ReadText(xml));
    }

    [Fact]
    public void Read_BinaryFile_ThrowsFormatException()
    {
        var error = Assert.Throws<XmpFormatException>(() => XmpSidecar.Read(new MemoryStream([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), "IMG_1.xmp"));

        Assert.StartsWith("IMG_1.xmp:", error.Message);
    }

    [Theory]
    [InlineData("0000-01-01T00:00:00")]
    [InlineData("2023-02-30T10:00:00")]
    [InlineData("2023-13-01")]
    public void Read_ImpossibleDate_IsLeftOutAndTheRestRead(string date)
    {
        var facts = ReadText(SampleSidecars.Darktable.Replace("2022:03:04 09:15:00", date, StringComparison.Ordinal));

        Assert.Null(facts.TakenAt);
        Assert.Equal(-1, facts.Rating);
    }
}
