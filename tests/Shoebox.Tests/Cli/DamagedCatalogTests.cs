using Shoebox.Catalog;
using Shoebox.Cli;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Cli;

/// <summary>
/// A catalog that was emptied, truncated or damaged is reported as damaged by every command (exit 2), never replaced
/// by a new one, never served, and never taken for a model that is not installed.
/// </summary>
[Tier(Tier.EndToEnd)]
public class DamagedCatalogTests(TinyModelFolder tiny) : IClassFixture<TinyModelFolder>
{
    private async Task<TempFolder> LibraryAsync()
    {
        var temp = new TempFolder();
        TestImages.Jpeg(temp["photos/a.jpg"]);
        TestImages.Png(temp["photos/b.png"]);
        var index = await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library, "--model", tiny.Path, "--no-ocr");
        Assert.Equal(0, index.ExitCode);
        return temp;
    }

    public static TheoryData<string[]> Commands => new(
        ["status"], ["search", "cat"], ["similar", "1"], ["random"], ["tags", "list"], ["tags", "add", "x", "1"], ["duplicates"],
        ["prune"], ["xmp", "write"], ["index", "PHOTOS", "--no-ocr"], ["serve", "--no-watch", "--urls", "http://127.0.0.1:0"]);

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Command_EmptiedCatalog_SaysDamagedAndChangesNothing(string[] command)
    {
        using var temp = await LibraryAsync();
        var catalog = Path.Combine(temp.Library, PhotoCatalog.FileName);
        File.WriteAllBytes(catalog, []);
        var thumbnails = Directory.GetFiles(Path.Combine(temp.Library, "thumbnails"), "*", SearchOption.AllDirectories).Length;

        var result = await Fixtures.Cli.RunAsync([.. command.Select(a => a == "PHOTOS" ? temp["photos"] : a), "--library", temp.Library]);

        Assert.Equal(ExitCodes.CouldNotRun, result.ExitCode);
        Assert.Contains("is damaged: it is empty (0 bytes)", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not installed", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(catalog).Length);
        Assert.Equal(thumbnails, Directory.GetFiles(Path.Combine(temp.Library, "thumbnails"), "*", SearchOption.AllDirectories).Length);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("index")]
    [InlineData("serve")]
    [InlineData("search")]
    public async Task Command_DamagedPages_SaysDamagedNotThatTheModelIsMissing(string command)
    {
        using var temp = await LibraryAsync();
        var catalog = Path.Combine(temp.Library, PhotoCatalog.FileName);
        OverwriteRootPage(catalog, "settings");
        var before = File.ReadAllBytes(catalog);
        string[] args = command switch
        {
            "index" => ["index", temp["photos"], "--no-ocr"],
            "serve" => ["serve", "--no-watch", "--urls", "http://127.0.0.1:0"],
            "search" => ["search", "cat"],
            _ => [command],
        };

        var result = await Fixtures.Cli.RunAsync([.. args, "--library", temp.Library]);

        Assert.Equal(ExitCodes.CouldNotRun, result.ExitCode);
        Assert.Contains("is damaged", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not installed", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("models pull", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(catalog));
    }

    // Scribbles over the b-tree page holding a table: what a bad sector or a torn copy leaves.
    private static void OverwriteRootPage(string catalog, string table)
    {
        long root;
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={catalog};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA wal_checkpoint(TRUNCATE); SELECT rootpage FROM sqlite_master WHERE name = '{table}'";
            using var reader = command.ExecuteReader();
            reader.NextResult();
            reader.Read();
            root = reader.GetInt64(0);
        }
        using var file = new FileStream(catalog, FileMode.Open);
        file.Position = (root - 1) * 4096;
        file.Write(Enumerable.Repeat((byte)0x5A, 4096).ToArray());
    }
}
