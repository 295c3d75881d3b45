using System.Text.Json;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Xmp;
using NetVips;
using Shoebox.Tests.Fixtures;
using Shoebox.Tests.Sources.Lightroom;
using static Shoebox.Tests.Sources.Lightroom.LightroomFixture;

namespace Shoebox.Tests.Cli;

[Tier(Tier.Unit)]
public class LightroomCommandTests
{
    /// <summary>
    /// A catalog of four images: IMG_0001 upright, IMG_0001 again from another folder (turned: BC), IMG_0003 whose
    /// pyramid was cut short, and IMG_0004 with no preview at all.
    /// </summary>
    private static string MainCatalog(TempFolder temp)
    {
        var bundle = temp.Folder("Main Previews.lrdata");
        var images = new List<(long, string, string, string, FixtureLevel[], string?)>();
        foreach (var (id, orientation, cut) in new[] { (1L, "AB", false), (2L, "BC", false), (3L, "AB", true) })
        {
            var (uuid, digest, levels) = (NewUuid(), NewDigest(), ThreeLevels());
            var bytes = Lrprev(uuid, digest, levels);
            WriteLrprev(bundle, uuid, digest, cut ? bytes[..^300] : bytes);
            images.Add((id, uuid, digest, orientation, levels, null));
        }
        PreviewsDb(bundle, [.. images]);
        return LightroomFixture.Catalog(temp["Main.lrcat"],
            new LightroomFixture.CatalogEntry(1, "/Volumes/Photos/", "2021/", "IMG_0001", "CR2") { CaptureTime = "2021-06-05T14:03:22", Keywords = ["Places|France|Paris"], Caption = "Terrace", Title = "Morning" },
            new LightroomFixture.CatalogEntry(2, "/Volumes/Photos/", "2022/", "IMG_0001", "CR2"),
            new LightroomFixture.CatalogEntry(3, "/Volumes/Photos/", "2022/", "IMG_0003", "NEF"),
            new LightroomFixture.CatalogEntry(4, "/Volumes/Photos/", "2022/", "IMG_0004", "NEF"));
    }

    [Fact]
    public async Task ExtractPreviews_Catalog_WritesUprightJpegsNamedAfterTheOriginals()
    {
        using var temp = new TempFolder();
        var catalog = MainCatalog(temp);
        var output = temp["out"];

        var result = await Fixtures.Cli.RunAsync("lightroom", "extract-previews", catalog, "--out", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["IMG_0001-2.jpg", "IMG_0001.jpg", "IMG_0003.jpg"], System.IO.Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("wrote  IMG_0001.jpg  360x240  from /Volumes/Photos/2021/IMG_0001.CR2", result.Out);
        Assert.Contains("wrote  IMG_0001-2.jpg  240x360  from /Volumes/Photos/2022/IMG_0001.CR2", result.Out);
        Assert.Contains("recovered  IMG_0003.jpg  180x120  from /Volumes/Photos/2022/IMG_0003.NEF", result.Out);
        Assert.Contains("level_3 is cut off", result.Out);
        Assert.Matches(@"written\s+2", result.Out);
        Assert.Matches(@"recovered\s+1", result.Out);
        Assert.Matches(@"failed\s+1", result.Out);
        Assert.Contains("/Volumes/Photos/2022/IMG_0004.NEF: Lightroom has no preview of this image", result.Out);

        using (var turned = Image.NewFromFile(Path.Combine(output, "IMG_0001-2.jpg")))
        {
            Assert.Equal((240, 360), (turned.Width, turned.Height));
        }
        var directories = ImageMetadataReader.ReadMetadata(Path.Combine(output, "IMG_0001.jpg"));
        Assert.Equal(new DateTime(2021, 6, 5, 14, 3, 22), directories.OfType<ExifSubIfdDirectory>().Single().GetDateTime(ExifDirectoryBase.TagDateTimeOriginal));
        var xmp = directories.OfType<XmpDirectory>().Single().GetXmpProperties();
        Assert.Equal("Paris", xmp["dc:subject[1]"]);
        Assert.Equal("Places|France|Paris", xmp["lr:hierarchicalSubject[1]"]);
        Assert.Equal("Terrace", xmp["dc:description[1]"]);
        Assert.Equal("Morning", xmp["dc:title[1]"]);
    }

    [Fact]
    public async Task ExtractPreviews_Json_ListsEveryFileAndFailure()
    {
        using var temp = new TempFolder();
        var catalog = MainCatalog(temp);

        var result = await Fixtures.Cli.RunAsync("lightroom", "extract-previews", catalog, "--out", temp["out"], "--json");

        Assert.Equal(0, result.ExitCode);
        var json = result.Json;
        Assert.Equal(2, json.GetProperty("written").GetInt32());
        Assert.Equal(1, json.GetProperty("recovered").GetInt32());
        Assert.Equal(1, json.GetProperty("failed").GetInt32());
        var files = json.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal([temp["out/IMG_0001.jpg"], temp["out/IMG_0001-2.jpg"], temp["out/IMG_0003.jpg"]], files.Select(f => f.GetProperty("file").GetString()));
        Assert.True(files[2].GetProperty("recovered").GetBoolean());
        Assert.Equal(4, json.GetProperty("failures")[0].GetProperty("imageId").GetInt64());
    }

    [Fact]
    public async Task ExtractPreviews_VirtualCopyAndBrokenFileRecord_EachGetTheirPreview()
    {
        using var temp = new TempFolder();
        var bundle = temp.Folder("Main Previews.lrdata");
        var images = new List<(long, string, string, string, FixtureLevel[], string?)>();
        foreach (var id in new[] { 1L, 2L, 3L })
        {
            var (uuid, digest, levels) = (NewUuid(), NewDigest(), ThreeLevels());
            WriteLrprev(bundle, uuid, digest, Lrprev(uuid, digest, levels));
            images.Add((id, uuid, digest, "AB", levels, null));
        }
        PreviewsDb(bundle, [.. images]);
        var catalog = LightroomFixture.Catalog(temp["Main.lrcat"],
            new LightroomFixture.CatalogEntry(1, "/Volumes/Photos/", "2021/", "IMG_0001", "CR2"),
            new LightroomFixture.CatalogEntry(3, "/Volumes/Photos/", "2021/", "IMG_0003", "CR2"));
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={catalog};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO Adobe_images (id_local, id_global, rootFile, masterImage, copyName) SELECT 2, 'COPY', rootFile, 1, 'Copy 1' FROM Adobe_images WHERE id_local = 1;
                DELETE FROM AgLibraryFile WHERE id_local = (SELECT rootFile FROM Adobe_images WHERE id_local = 3);
                """;
            command.ExecuteNonQuery();
        }

        var result = await Fixtures.Cli.RunAsync("lightroom", "extract-previews", catalog, "--out", temp["out"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["IMG_0001-2.jpg", "IMG_0001.jpg", "image-3.jpg"], System.IO.Directory.GetFiles(temp["out"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("wrote  IMG_0001-2.jpg  360x240  from /Volumes/Photos/2021/IMG_0001.CR2", result.Out);
        Assert.Contains("wrote  image-3.jpg  360x240  from image 3", result.Out);
    }

    [Fact]
    public async Task ExtractPreviews_FileThatIsNotACatalog_SaysSo()
    {
        using var temp = new TempFolder();
        temp.Folder("Fake Previews.lrdata");
        File.WriteAllText(temp["Fake.lrcat"], "this is a text file, not a database, and it is long enough to have a header");

        var result = await Fixtures.Cli.RunAsync("lightroom", "extract-previews", temp["Fake.lrcat"], "--out", temp["out"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{temp["Fake.lrcat"]} is not a Lightroom catalog", result.Error);
        Assert.False(System.IO.Directory.Exists(temp["out"]));
    }

    [Fact]
    public async Task ExtractPreviews_PreviewsFolderWithoutCatalog_NamesFilesByUuid()
    {
        using var temp = new TempFolder();
        var bundle = temp.Folder("Main Previews.lrdata");
        var uuid = NewUuid();
        var levels = ThreeLevels();
        var levelDigest = NewDigest();
        foreach (var level in levels)
        {
            WriteSizeFile(bundle, uuid, levelDigest, level);
        }
        PreviewsDb(bundle, (9, uuid, NewDigest(), "DA", levels, levelDigest));

        var result = await Fixtures.Cli.RunAsync("lightroom", "extract-previews", bundle, "--out", temp["out"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"wrote  {uuid}.jpg  240x360  from {uuid} (image 9)", result.Out);
        Assert.True(File.Exists(temp[$"out/{uuid}.jpg"]));
    }

    [Fact]
    public async Task ExtractPreviews_LooseLrprevFiles_AreFoundByWalking()
    {
        using var temp = new TempFolder();
        var folder = temp.Folder("rescued");
        var uuid = NewUuid();
        var digest = NewDigest();
        WriteLrprev(folder, uuid, digest, Lrprev(uuid, digest, ThreeLevels()));

        var result = await Fixtures.Cli.RunAsync("lightroom", "extract-previews", folder, "--out", temp["out"], "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(temp[$"out/{uuid}.jpg"], result.Json.GetProperty("files")[0].GetProperty("file").GetString());
        Assert.Contains("previews.db", result.Json.GetProperty("notes")[0].GetString());
    }

    [Fact]
    public async Task ExtractPreviews_NothingReadable_ExitsWithCouldNotRun()
    {
        using var temp = new TempFolder();
        var bundle = temp.Folder("Main Previews.lrdata");
        var uuid = NewUuid();
        var digest = NewDigest();
        WriteLrprev(bundle, uuid, digest, new byte[4096]);
        PreviewsDb(bundle, (1, uuid, digest, "AB", ThreeLevels(), null));

        var result = await Fixtures.Cli.RunAsync("lightroom", "extract-previews", bundle, "--out", temp["out"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"failed\s+1", result.Out);
        Assert.Contains("no preview could be read", result.Error);
    }

    [Fact]
    public async Task ExtractPreviews_MissingPath_SaysSo()
    {
        using var temp = new TempFolder();

        var result = await Fixtures.Cli.RunAsync("lightroom", "extract-previews", temp["nope.lrcat"], "--out", temp["out"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Error);
        Assert.False(System.IO.Directory.Exists(temp["out"]));
    }

    [Fact]
    public async Task ExtractPreviews_WithoutOut_IsAUsageError()
    {
        var result = await Fixtures.Cli.RunAsync("lightroom", "extract-previews", "Main.lrcat");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--out", result.Error);
    }
}
