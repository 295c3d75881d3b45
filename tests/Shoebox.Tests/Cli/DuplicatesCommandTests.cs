using Microsoft.Data.Sqlite;
using Shoebox.Catalog;
using Shoebox.Cli;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Cli;

[Tier(Tier.Unit)]
public class DuplicatesCommandTests
{
    // One scene as original, half size, PNG and centre crop; the same scene with other words; an unrelated picture
    // kept at two places.
    private static async Task<TempFolder> LibraryAsync()
    {
        var temp = new TempFolder();
        using (var scene = Scenes.Draw(seed: 7, words: 1))
        using (var otherWords = Scenes.Draw(seed: 7, words: 2))
        using (var unrelated = Scenes.Draw(seed: 8))
        {
            Scenes.Save(scene, temp["photos/meme.jpg"]);
            Scenes.Half(scene, temp["photos/saved/meme-small.jpg"]);
            Scenes.Save(scene, temp["photos/saved/meme.png"]);
            Scenes.CentreCrop(scene, temp["photos/saved/meme-crop.jpg"]);
            Scenes.Save(otherWords, temp["photos/other-words.jpg"]);
            Scenes.Save(unrelated, temp["photos/beach.jpg"]);
        }
        Directory.CreateDirectory(temp["photos/backup"]);
        File.Copy(temp["photos/beach.jpg"], temp["photos/backup/beach.jpg"]);
        var index = await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library);
        Assert.Equal(0, index.ExitCode);
        return temp;
    }

    [Fact]
    public async Task Duplicates_Json_GroupsCopiesOfOneSceneButNotOtherWords()
    {
        using var temp = await LibraryAsync();

        var result = await Fixtures.Cli.RunAsync("duplicates", "--library", temp.Library, "--json");

        Assert.Equal(0, result.ExitCode);
        var groups = result.Json.GetProperty("groups").EnumerateArray().ToList();
        var near = Assert.Single(groups, g => g.GetProperty("kind").GetString() == "near");
        var paths = near.GetProperty("members").EnumerateArray().SelectMany(m => m.GetProperty("paths").EnumerateArray().Select(p => Path.GetFileName(p.GetString()!))).Order().ToList();
        Assert.Equal(["meme-crop.jpg", "meme-small.jpg", "meme.jpg", "meme.png"], paths);
        Assert.Equal(600, near.GetProperty("members")[0].GetProperty("width").GetInt32()); // the keeper is full size
        var copies = Assert.Single(groups, g => g.GetProperty("kind").GetString() == "copies");
        Assert.Equal(2, copies.GetProperty("members")[0].GetProperty("paths").GetArrayLength());
    }

    [Fact]
    public async Task Duplicates_MergeTwice_AddsTheOthersKeywordToTheKeeperOnce()
    {
        using var temp = await LibraryAsync();
        var listed = await Fixtures.Cli.RunAsync("duplicates", "--library", temp.Library, "--json");
        var near = listed.Json.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("kind").GetString() == "near");
        var keeper = near.GetProperty("keeper").GetInt64();
        // A smaller copy: words on it do not make it the keeper (the full-size PNG could, on a tie).
        var other = near.GetProperty("members").EnumerateArray().First(m => m.GetProperty("width").GetInt32() < 600).GetProperty("id").GetInt64();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(temp.Library, PhotoCatalog.FileName)};Pooling=False"))
        {
            connection.Open();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO texts (photo_id, kind, source, content) VALUES ($id, 'keyword', 'user', 'llama')";
            insert.Parameters.AddWithValue("$id", other);
            insert.ExecuteNonQuery();
        }

        var first = await Fixtures.Cli.RunAsync("duplicates", "--library", temp.Library, "--merge", "--json");
        var second = await Fixtures.Cli.RunAsync("duplicates", "--library", temp.Library, "--merge", "--json");

        Assert.Equal(1, first.Json.GetProperty("merged").GetInt32());
        Assert.Equal(0, second.Json.GetProperty("merged").GetInt32());
        await using var catalog = await new Library(temp.Library).OpenAsync();
        Assert.Contains(await catalog.Texts.OfPhotoAsync(keeper), t => t.Kind == "keyword" && t.Content == "llama");
    }

    [Fact]
    public async Task Duplicates_MoveTo_MovesAllButTheKeepersAndDeletesNothing()
    {
        using var temp = await LibraryAsync();

        var result = await Fixtures.Cli.RunAsync("duplicates", "--library", temp.Library, "--move-to", temp["aside"], "--export", temp["list.csv"]);

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(temp["photos/meme.jpg"]));
        Assert.True(File.Exists(temp["photos/beach.jpg"]));
        Assert.True(File.Exists(temp["photos/other-words.jpg"]));
        Assert.Equal(["beach.jpg", "meme-crop.jpg", "meme-small.jpg", "meme.png"], Directory.GetFiles(temp["aside"]).Select(Path.GetFileName).Order().ToList());
        Assert.Contains("keep", File.ReadAllText(temp["list.csv"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicates_MoveTo_ArchiveLocationWhosePathReadsAsAFileElsewhere_IsNeverMoved()
    {
        using var temp = await LibraryAsync();
        // What an older version catalogued from an entry named "memes/../../victim.jpg": as a path, it names a
        // file beside the archive that was never indexed.
        var victim = temp["victim.jpg"];
        File.Copy(temp["photos/other-words.jpg"], victim);
        var address = temp["takeout.zip"] + "/memes/../../victim.jpg";
        await using (var catalog = await new Library(temp.Library).OpenAsync())
        {
            var photo = (await catalog.Locations.FindPhotosAtAsync([temp["photos/other-words.jpg"]])).Values.Single();
            var hash = (await catalog.Photos.HashOfAsync(photo))!.Value;
            var entry = new Shoebox.Core.ArchiveEntry(temp["takeout.zip"], "memes/../../victim.jpg");
            await catalog.Locations.LinkAsync(address, temp["takeout.zip"], new FileInfo(victim).Length, 0, hash, Shoebox.Core.ImageFormat.Jpeg, DateTimeOffset.UtcNow, new LocationOrigin("takeout:x", entry));
        }

        var result = await Fixtures.Cli.RunAsync("duplicates", "--library", temp.Library, "--move-to", temp["aside"], "--json");

        Assert.True(File.Exists(victim));
        var moved = result.Json.GetProperty("moved").EnumerateArray().ToList();
        var refused = Assert.Single(moved, m => m.GetProperty("From").GetString() == address);
        Assert.Contains("inside an archive", refused.GetProperty("Problem").GetString(), StringComparison.Ordinal);
        Assert.True(File.Exists(temp["photos/other-words.jpg"]) || File.Exists(temp["aside/other-words.jpg"]));
        Assert.Equal(ExitCodes.CouldNotRun, result.ExitCode); // something could not be set aside, and it says what
    }

    [Fact]
    public async Task Duplicates_MoveTo_FileChangedSinceIndexed_IsLeftWhereItIs()
    {
        using var temp = await LibraryAsync();
        File.WriteAllBytes(temp["photos/backup/beach.jpg"], [.. File.ReadAllBytes(temp["photos/backup/beach.jpg"]), 0]);

        var result = await Fixtures.Cli.RunAsync("duplicates", "--library", temp.Library, "--move-to", temp["aside"], "--json");

        Assert.True(File.Exists(temp["photos/backup/beach.jpg"]));
        var refused = Assert.Single(result.Json.GetProperty("moved").EnumerateArray(), m => m.GetProperty("Problem").ValueKind == System.Text.Json.JsonValueKind.String);
        Assert.Contains("changed since it was indexed", refused.GetProperty("Problem").GetString(), StringComparison.Ordinal);
    }
}
