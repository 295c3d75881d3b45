using System.Xml.Linq;
using Shoebox.Sources.Xmp;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Sources.Xmp;

[Tier(Tier.Unit)]
public class XmpSidecarWriterTests
{
    private static XmpMetadata Keywords(params string[] keywords) => new(keywords, null);

    private static SidecarChange WriteAll(string imagePath, XmpMetadata metadata) =>
        XmpSidecarWriter.SidecarsFor(imagePath).Select(sidecar => XmpSidecarWriter.Write(sidecar, metadata)).Single();

    [Fact]
    public void SidecarsFor_JpegWithoutSidecar_NamesTheFullNameSidecar()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["IMG_1.jpg"], "jpeg");

        Assert.Equal([temp["IMG_1.jpg.xmp"]], XmpSidecarWriter.SidecarsFor(temp["IMG_1.jpg"]));
    }

    [Fact]
    public void SidecarsFor_RawWithoutSidecar_NamesTheFullNameSidecar()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["IMG_1.CR2"], "raw");

        Assert.Equal([temp["IMG_1.CR2.xmp"]], XmpSidecarWriter.SidecarsFor(temp["IMG_1.CR2"]));
    }

    [Fact]
    public void SidecarsFor_RawWithLightroomSidecar_UpdatesThatOneOnly()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["IMG_1.CR2"], "raw");
        SampleSidecars.Write(temp["IMG_1.xmp"], SampleSidecars.Lightroom);

        Assert.Equal([temp["IMG_1.xmp"]], XmpSidecarWriter.SidecarsFor(temp["IMG_1.CR2"]));
    }

    [Fact]
    public void SidecarsFor_RawWithBothStyles_UpdatesBoth()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["IMG_1.CR2"], "raw");
        SampleSidecars.Write(temp["IMG_1.xmp"], SampleSidecars.Lightroom);
        SampleSidecars.Write(temp["IMG_1.CR2.xmp"], SampleSidecars.Darktable);

        Assert.Equal([temp["IMG_1.CR2.xmp"], temp["IMG_1.xmp"]], XmpSidecarWriter.SidecarsFor(temp["IMG_1.CR2"]));
    }

    [Fact]
    public void SidecarsFor_JpegWithItsOwnStemSidecar_UpdatesThat()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["scan.jpg"], "jpeg");
        SampleSidecars.Write(temp["scan.xmp"], SampleSidecars.DigiKamTags);

        Assert.Equal([temp["scan.xmp"]], XmpSidecarWriter.SidecarsFor(temp["scan.jpg"]));
    }

    [Fact]
    public void Write_NoSidecarYet_CreatesOneThatToolsRead()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["IMG_1.jpg"], "jpeg");

        var change = WriteAll(temp["IMG_1.jpg"], new XmpMetadata(["cat", "Places|Japan|Tokyo"], "A cat in Tokyo"));

        Assert.True(change.Created);
        Assert.Equal(["cat", "Places|Japan|Tokyo"], change.AddedKeywords);
        Assert.Equal(CaptionChange.Set, change.Caption);
        var sidecar = temp["IMG_1.jpg.xmp"];
        Assert.Equal(["cat", "Tokyo"], SampleSidecars.Items(sidecar, SampleSidecars.Dc, "subject"));
        Assert.Equal(["Places|Japan|Tokyo"], SampleSidecars.Items(sidecar, SampleSidecars.Lr, "hierarchicalSubject"));
        Assert.Equal("A cat in Tokyo", SampleSidecars.DefaultText(sidecar, SampleSidecars.Dc, "description"));
        Assert.Equal("xmpmeta", XDocument.Load(sidecar).Root!.Name.LocalName);
    }

    [Fact]
    public void Write_NothingToSayAndNoSidecar_CreatesNothing()
    {
        using var temp = new TempFolder();

        var change = XmpSidecarWriter.Write(temp["IMG_1.jpg.xmp"], Keywords());

        Assert.False(change.Changed);
        Assert.False(File.Exists(temp["IMG_1.jpg.xmp"]));
    }

    [Fact]
    public void Write_KeywordsOfOthers_AreNeverRemoved()
    {
        using var temp = new TempFolder();
        var sidecar = SampleSidecars.Write(temp["IMG_1.xmp"], SampleSidecars.Lightroom);

        XmpSidecarWriter.Write(sidecar, Keywords("Family", "cat"));
        var change = XmpSidecarWriter.Write(sidecar, Keywords());

        Assert.Equal(["cat"], change.RemovedKeywords);
        Assert.Equal(["Family", "Places", "France", "Paris"], SampleSidecars.Items(sidecar, SampleSidecars.Dc, "subject"));
        Assert.Equal(["Places|France|Paris"], SampleSidecars.Items(sidecar, SampleSidecars.Lr, "hierarchicalSubject"));
    }

    [Fact]
    public void Write_OwnKeywordNoLongerInCatalog_IsRemovedWithItsPath()
    {
        using var temp = new TempFolder();
        var sidecar = SampleSidecars.Write(temp["IMG_1.CR2.xmp"], SampleSidecars.Darktable);
        XmpSidecarWriter.Write(sidecar, Keywords("dog", "Pets|Cat"));

        var change = XmpSidecarWriter.Write(sidecar, Keywords("dog"));

        Assert.Empty(change.AddedKeywords);
        Assert.Equal(["Pets|Cat"], change.RemovedKeywords);
        Assert.Equal(["darktable|format|cr2", "sunset", "dog"], SampleSidecars.Items(sidecar, SampleSidecars.Dc, "subject"));
        Assert.Empty(SampleSidecars.Items(sidecar, SampleSidecars.Lr, "hierarchicalSubject"));
    }

    [Fact]
    public void Write_KeywordAlreadyThere_IsNotClaimedAndSurvivesRemoval()
    {
        using var temp = new TempFolder();
        var sidecar = SampleSidecars.Write(temp["IMG_1.CR2.xmp"], SampleSidecars.Darktable);

        var first = XmpSidecarWriter.Write(sidecar, Keywords("Sunset"));
        var second = XmpSidecarWriter.Write(sidecar, Keywords());

        Assert.False(first.Changed);
        Assert.False(second.Changed);
        Assert.Contains("sunset", SampleSidecars.Items(sidecar, SampleSidecars.Dc, "subject"));
    }

    [Fact]
    public void Write_SameKeywordsAgain_ChangesNothing()
    {
        using var temp = new TempFolder();
        var sidecar = SampleSidecars.Write(temp["IMG_1.xmp"], SampleSidecars.Lightroom);
        XmpSidecarWriter.Write(sidecar, new XmpMetadata(["cat"], "A cat"));
        var before = File.ReadAllBytes(sidecar);

        var change = XmpSidecarWriter.Write(sidecar, new XmpMetadata(["cat"], "A cat"));

        Assert.False(change.Changed);
        Assert.Equal(before, File.ReadAllBytes(sidecar));
    }

    [Fact]
    public void Write_Darktable_HistoryAndEveryOtherPropertyRoundTrip()
    {
        using var temp = new TempFolder();
        var sidecar = SampleSidecars.Write(temp["IMG_1.CR2.xmp"], SampleSidecars.Darktable);
        var original = XDocument.Parse(SampleSidecars.Darktable);

        XmpSidecarWriter.Write(sidecar, new XmpMetadata(["cat", "Places|Japan"], "Evening"));
        var written = XDocument.Load(sidecar);
        var history = XName.Get("history", SampleSidecars.DarktableNs);

        Assert.True(XNode.DeepEquals(original.Descendants(history).Single(), written.Descendants(history).Single()));
        var description = written.Descendants(XName.Get("Description", SampleSidecars.Rdf)).Single();
        foreach (var attribute in original.Descendants(XName.Get("Description", SampleSidecars.Rdf)).Single().Attributes())
        {
            Assert.Equal(attribute.Value, description.Attribute(attribute.Name)?.Value);
        }
        Assert.Equal(["darktable|format|cr2", "sunset", "cat", "Japan"], SampleSidecars.Items(sidecar, SampleSidecars.Dc, "subject"));
        Assert.Equal("rdf:Seq", ContainerOf(written, SampleSidecars.Dc, "subject"));

        XmpSidecarWriter.Write(sidecar, Keywords());

        // Back to the original, but for the declaration of the lr: prefix it needed for a while.
        Assert.True(XNode.DeepEquals(WithoutDeclarations(SampleSidecars.Darktable), WithoutDeclarations(File.ReadAllText(sidecar))));
    }

    [Fact]
    public void Write_Lightroom_CameraRawSettingsRoundTrip()
    {
        using var temp = new TempFolder();
        var sidecar = SampleSidecars.Write(temp["IMG_1.xmp"], SampleSidecars.Lightroom);

        var change = XmpSidecarWriter.Write(sidecar, new XmpMetadata(["Places|Japan|Tokyo", "cat"], null));

        Assert.Equal(["Places|Japan|Tokyo", "cat"], change.AddedKeywords);
        var text = File.ReadAllText(sidecar);
        foreach (var setting in new[] { "crs:Version=\"15.3\"", "crs:Exposure2012=\"+0.35\"", "crs:HasSettings=\"True\"", "photoshop:SidecarForExtension=\"CR2\"", "<rdf:li>255, 255</rdf:li>" })
        {
            Assert.Contains(setting, text, StringComparison.Ordinal);
        }
        Assert.Equal(["Places|France|Paris", "Places|Japan|Tokyo"], SampleSidecars.Items(sidecar, SampleSidecars.Lr, "hierarchicalSubject"));
        Assert.Equal(["Family", "Places", "France", "Paris", "Tokyo", "cat"], SampleSidecars.Items(sidecar, SampleSidecars.Dc, "subject"));
        Assert.DoesNotContain("ns1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("p1:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_DigiKamSidecar_AddsToTagsListWithSlashes()
    {
        using var temp = new TempFolder();
        var sidecar = SampleSidecars.Write(temp["IMG_1.jpg.xmp"], SampleSidecars.DigiKamTags);

        XmpSidecarWriter.Write(sidecar, Keywords("Places|Japan|Tokyo"));

        Assert.Equal(["People", "People/Anna", "Pets/Cat", "Places/Japan/Tokyo"], SampleSidecars.Items(sidecar, SampleSidecars.DigiKam, "TagsList"));
        Assert.StartsWith("<?xpacket begin=", File.ReadAllText(sidecar), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AfterWrite_LeavesOutWhatShoeboxWrote()
    {
        using var temp = new TempFolder();
        var sidecar = SampleSidecars.Write(temp["IMG_1.xmp"], SampleSidecars.Lightroom);

        XmpSidecarWriter.Write(sidecar, new XmpMetadata(["cat", "Places|Japan|Tokyo"], "A cat"));
        var facts = XmpSidecar.Read(sidecar);

        Assert.Equal(["Family", "Places|France|Paris"], facts.Keywords);
        Assert.Null(facts.Description);
    }

    [Fact]
    public void Write_Caption_SetWhenAbsentReplacedWhenOwnKeptWhenUsers()
    {
        using var temp = new TempFolder();
        var sidecar = SampleSidecars.Write(temp["IMG_1.CR2.xmp"], SampleSidecars.Darktable);

        Assert.Equal(CaptionChange.Set, XmpSidecarWriter.Write(sidecar, new XmpMetadata([], "A dog")).Caption);
        Assert.Equal(CaptionChange.Set, XmpSidecarWriter.Write(sidecar, new XmpMetadata([], "A dog on a beach")).Caption);
        Assert.Equal("A dog on a beach", SampleSidecars.DefaultText(sidecar, SampleSidecars.Dc, "description"));

        var text = File.ReadAllText(sidecar);
        var at = text.IndexOf(">A dog on a beach<", StringComparison.Ordinal); // dc:description comes before Shoebox's record of it
        File.WriteAllText(sidecar, text[..at] + ">Rex at the sea<" + text[(at + ">A dog on a beach<".Length)..]);
        var change = XmpSidecarWriter.Write(sidecar, new XmpMetadata([], "A dog"));

        Assert.Equal(CaptionChange.None, change.Caption);
        Assert.Equal("Rex at the sea", SampleSidecars.DefaultText(sidecar, SampleSidecars.Dc, "description"));
        Assert.Equal("Rex at the sea", XmpSidecar.Read(sidecar).Description);
    }

    [Fact]
    public void Write_CaptionGoneFromCatalog_RemovesOwnDescription()
    {
        using var temp = new TempFolder();
        var sidecar = SampleSidecars.Write(temp["IMG_1.CR2.xmp"], SampleSidecars.Darktable);
        XmpSidecarWriter.Write(sidecar, new XmpMetadata([], "A dog"));

        var change = XmpSidecarWriter.Write(sidecar, new XmpMetadata([], null));

        Assert.Equal(CaptionChange.Removed, change.Caption);
        Assert.Null(SampleSidecars.DefaultText(sidecar, SampleSidecars.Dc, "description"));
    }

    [Fact]
    public void Write_DryRun_ReportsChangesAndWritesNothing()
    {
        using var temp = new TempFolder();
        var existing = SampleSidecars.Write(temp["IMG_1.xmp"], SampleSidecars.Lightroom);
        var before = File.ReadAllBytes(existing);

        var update = XmpSidecarWriter.Write(existing, new XmpMetadata(["cat"], "A cat"), dryRun: true);
        var create = XmpSidecarWriter.Write(temp["IMG_2.jpg.xmp"], new XmpMetadata(["cat"], null), dryRun: true);

        Assert.Equal(["cat"], update.AddedKeywords);
        Assert.Equal(CaptionChange.Set, update.Caption);
        Assert.True(create.Created);
        Assert.Equal(before, File.ReadAllBytes(existing));
        Assert.False(File.Exists(temp["IMG_2.jpg.xmp"]));
    }

    [Fact]
    public void Write_DamagedSidecar_ThrowsAndLeavesItAsItWas()
    {
        using var temp = new TempFolder();
        var sidecar = SampleSidecars.Write(temp["IMG_1.CR2.xmp"], "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF");

        var error = Assert.Throws<XmpFormatException>(() => XmpSidecarWriter.Write(sidecar, Keywords("cat")));

        Assert.Contains("IMG_1.CR2.xmp", error.Message);
        Assert.Equal("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF", File.ReadAllText(sidecar));
        Assert.Equal([sidecar], Directory.GetFiles(temp.Path));
    }

    [NonRootFact]
    public void Write_ReadOnlyFolder_FailsAndKeepsTheOriginal()
    {
        using var temp = new TempFolder();
        var folder = temp.Folder("locked");
        var sidecar = SampleSidecars.Write(Path.Combine(folder, "IMG_1.xmp"), SampleSidecars.Lightroom);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        Assert.ThrowsAny<UnauthorizedAccessException>(() => XmpSidecarWriter.Write(sidecar, Keywords("cat")));

        Assert.Equal(SampleSidecars.Lightroom, File.ReadAllText(sidecar));
    }

    private static XDocument WithoutDeclarations(string xml)
    {
        var document = XDocument.Parse(xml);
        document.Descendants().Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
        return document;
    }

    private static string ContainerOf(XDocument document, string ns, string name)
    {
        var container = document.Descendants(XName.Get(name, ns)).Single().Elements().Single();
        return $"{container.GetPrefixOfNamespace(container.Name.Namespace)}:{container.Name.LocalName}";
    }
}
