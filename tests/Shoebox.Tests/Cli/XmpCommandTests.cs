using Microsoft.Data.Sqlite;
using Shoebox.Catalog;
using Shoebox.Tests.Fixtures;
using Shoebox.Tests.Sources.Xmp;

namespace Shoebox.Tests.Cli;

[Tier(Tier.Unit)]
public class XmpCommandTests
{
    private static async Task<string> IndexedLibraryAsync(TempFolder temp, params string[] names)
    {
        var root = temp.Folder("photos");
        foreach (var name in names)
        {
            TestImages.Jpeg(Path.Combine(root, name));
        }
        var index = await Fixtures.Cli.RunAsync("index", root, "--library", temp.Library);
        Assert.Equal(0, index.ExitCode);
        return root;
    }

    private static void AddText(TempFolder temp, string path, string kind, string source, string content, string? details = null)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(temp.Library, PhotoCatalog.FileName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO texts (photo_id, kind, source, content, details)
            SELECT photo_id, $kind, $source, $content, $details FROM locations WHERE path = $path
            """;
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$source", source);
        command.Parameters.AddWithValue("$content", content);
        command.Parameters.AddWithValue("$details", (object?)details ?? DBNull.Value);
        command.Parameters.AddWithValue("$path", path);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    private static void DeleteText(TempFolder temp, string content)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(temp.Library, PhotoCatalog.FileName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM texts WHERE content = $content";
        command.Parameters.AddWithValue("$content", content);
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task XmpWrite_DryRunThenWrite_CreatesSidecarsOnlyWhenNotDry()
    {
        using var temp = new TempFolder();
        var root = await IndexedLibraryAsync(temp, "a.jpg", "b.jpg");
        var a = Path.Combine(root, "a.jpg");
        AddText(temp, a, "keyword", "lightroom", "Places|Japan|Tokyo");
        AddText(temp, a, "tag", "clip-vit-b32", "cat");
        AddText(temp, a, "caption", "user", "A cat in Tokyo");
        AddText(temp, a, "keyword", "xmp", "from the sidecar");

        var dry = await Fixtures.Cli.RunAsync("xmp", "write", "--dry-run", "--library", temp.Library);

        Assert.Equal(0, dry.ExitCode);
        Assert.Contains($"would create {a}.xmp: +2 keywords, caption", dry.Out);
        Assert.Contains("1 sidecars to create, 0 to update", dry.Out);
        Assert.False(File.Exists(a + ".xmp"));

        var write = await Fixtures.Cli.RunAsync("xmp", "write", "--library", temp.Library);

        Assert.Equal(0, write.ExitCode);
        Assert.Contains($"created {a}.xmp: +2 keywords, caption", write.Out);
        Assert.Contains("Sidecars: 1 created, 0 updated, 0 unchanged, 0 failed.", write.Out);
        Assert.Equal(["Tokyo", "cat"], SampleSidecars.Items(a + ".xmp", SampleSidecars.Dc, "subject"));
        Assert.Equal(["Places|Japan|Tokyo"], SampleSidecars.Items(a + ".xmp", SampleSidecars.Lr, "hierarchicalSubject"));
        Assert.Equal("A cat in Tokyo", SampleSidecars.DefaultText(a + ".xmp", SampleSidecars.Dc, "description"));
        Assert.False(File.Exists(Path.Combine(root, "b.jpg.xmp")));
    }

    [Fact]
    public async Task XmpWrite_TagRemovedInCatalog_LeavesTheSidecarWithoutItButKeepsTheUsersKeywords()
    {
        using var temp = new TempFolder();
        var root = await IndexedLibraryAsync(temp, "IMG_1.jpg");
        var image = Path.Combine(root, "IMG_1.jpg");
        var sidecar = SampleSidecars.Write(image + ".xmp", SampleSidecars.Darktable);
        AddText(temp, image, "tag", "clip-vit-b32", "cat");
        AddText(temp, image, "tag", "clip-vit-b32", "sofa");
        await Fixtures.Cli.RunAsync("xmp", "write", "--library", temp.Library);
        DeleteText(temp, "cat");
        AddText(temp, image, "tag", "user", "sofa-removed", details: """{"removed":true}""");

        var result = await Fixtures.Cli.RunAsync("xmp", "write", "--library", temp.Library);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"updated {sidecar}: -1 keyword", result.Out);
        Assert.Equal(["darktable|format|cr2", "sunset", "sofa"], SampleSidecars.Items(sidecar, SampleSidecars.Dc, "subject"));
        Assert.Contains("darktable:operation=\"exposure\"", File.ReadAllText(sidecar), StringComparison.Ordinal);
    }

    [Fact]
    public async Task XmpWrite_Json_ListsEachSidecarWithItsChanges()
    {
        using var temp = new TempFolder();
        var root = await IndexedLibraryAsync(temp, "a.jpg", "b.jpg");
        var a = Path.Combine(root, "a.jpg");
        AddText(temp, a, "tag", "clip-vit-b32", "cat");
        SampleSidecars.Write(Path.Combine(root, "b.jpg.xmp"), SampleSidecars.Lightroom);

        var result = await Fixtures.Cli.RunAsync("xmp", "write", "--library", temp.Library, "--json");

        Assert.Equal(0, result.ExitCode);
        var json = result.Json;
        Assert.False(json.GetProperty("dryRun").GetBoolean());
        Assert.Equal(1, json.GetProperty("created").GetInt32());
        Assert.Equal(1, json.GetProperty("unchanged").GetInt32());
        var sidecar = Assert.Single(json.GetProperty("sidecars").EnumerateArray());
        Assert.Equal(a + ".xmp", sidecar.GetProperty("path").GetString());
        Assert.Equal("create", sidecar.GetProperty("action").GetString());
        Assert.Equal("cat", Assert.Single(sidecar.GetProperty("added").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task XmpWrite_DamagedSidecar_IsReportedAndTheOthersAreWritten()
    {
        using var temp = new TempFolder();
        var root = await IndexedLibraryAsync(temp, "a.jpg", "b.jpg");
        AddText(temp, Path.Combine(root, "a.jpg"), "tag", "clip-vit-b32", "cat");
        AddText(temp, Path.Combine(root, "b.jpg"), "tag", "clip-vit-b32", "dog");
        var damaged = SampleSidecars.Write(Path.Combine(root, "a.jpg.xmp"), "not xml at all");

        var result = await Fixtures.Cli.RunAsync("xmp", "write", "--library", temp.Library);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"failed {damaged}: not a valid XMP sidecar", result.Out);
        Assert.Equal("not xml at all", File.ReadAllText(damaged));
        Assert.Equal(["dog"], SampleSidecars.Items(Path.Combine(root, "b.jpg.xmp"), SampleSidecars.Dc, "subject"));
    }

    [Fact]
    public async Task XmpWrite_NoLibrary_SaysSoAndExits2()
    {
        using var temp = new TempFolder();

        var result = await Fixtures.Cli.RunAsync("xmp", "write", "--library", temp.Library);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("there is no library", result.Error);
    }
}
