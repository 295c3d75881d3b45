using System.Text.Json;
using Microsoft.Data.Sqlite;
using Shoebox.Catalog;
using Shoebox.Cli;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Cli;

[Tier(Tier.Unit)]
public class DuplicatesCommandTests
{
    // A meme as a user's folder holds it: the original, its half-size, quality-35, PNG (converted from the JPEG) and
    // cropped re-saves; the same scene with other words; the blank template; an unrelated picture kept at two places.
    private static async Task<TempFolder> LibraryAsync()
    {
        var temp = new TempFolder();
        using (var scene = Scenes.Draw(seed: 7, words: 1))
        using (var otherWords = Scenes.Draw(seed: 7, words: 2))
        using (var blank = Scenes.Draw(seed: 7))
        using (var unrelated = Scenes.Draw(seed: 8))
        {
            Scenes.Save(scene, temp["photos/meme.jpg"]);
            Scenes.Half(scene, temp["photos/saved/meme-small.jpg"]);
            Scenes.Save(scene, temp["photos/saved/meme-q35.jpg"], quality: 35);
            Scenes.ConvertToPng(temp["photos/meme.jpg"], temp["photos/saved/meme.png"]);
            Scenes.CentreCrop(scene, temp["photos/saved/meme-crop.jpg"]);
            Scenes.Save(otherWords, temp["photos/other-words.jpg"]);
            Scenes.Save(blank, temp["photos/template.jpg"]);
            Scenes.Save(unrelated, temp["photos/beach.jpg"]);
        }
        Directory.CreateDirectory(temp["photos/backup"]);
        File.Copy(temp["photos/beach.jpg"], temp["photos/backup/beach.jpg"]);
        var index = await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library, "--no-ocr");
        Assert.Equal(0, index.ExitCode);
        return temp;
    }

    private static JsonElement Near(CliResult listed) =>
        Assert.Single(listed.Json.GetProperty("groups").EnumerateArray(), g => g.GetProperty("kind").GetString() == "near");

    private static JsonElement Member(JsonElement group, string file) =>
        group.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("paths").EnumerateArray().Any(p => Path.GetFileName(p.GetString()) == file));

    private static string KeeperFile(JsonElement group) =>
        Path.GetFileName(group.GetProperty("members")[0].GetProperty("paths")[0].GetString()!);

    [Fact]
    public async Task Duplicates_Json_GroupsTheCopiesButNotOtherWordsOrTheBlankTemplate()
    {
        using var temp = await LibraryAsync();

        var result = await Fixtures.Cli.RunAsync("duplicates", "--library", temp.Library, "--json");

        Assert.Equal(0, result.ExitCode);
        var near = Near(result);
        var paths = near.GetProperty("members").EnumerateArray().SelectMany(m => m.GetProperty("paths").EnumerateArray().Select(p => Path.GetFileName(p.GetString()))).Order().ToList();
        Assert.Equal(["meme-crop.jpg", "meme-q35.jpg", "meme-small.jpg", "meme.jpg", "meme.png"], paths);
        var copies = Assert.Single(result.Json.GetProperty("groups").EnumerateArray(), g => g.GetProperty("kind").GetString() == "copies");
        Assert.Equal(2, copies.GetProperty("members")[0].GetProperty("paths").GetArrayLength());
    }

    [Fact]
    public async Task Duplicates_Json_KeepsTheOriginalJpegAndSaysHowTheOthersDiffer()
    {
        using var temp = await LibraryAsync();

        var near = Near(await Fixtures.Cli.RunAsync("duplicates", "--library", temp.Library, "--json"));

        // Equal pixels with the PNG and the quality-35 copy: the original wins on quality, then on being no conversion.
        Assert.Equal("meme.jpg", KeeperFile(near));
        Assert.Equal(90, near.GetProperty("members")[0].GetProperty("quality").GetInt32());
        Assert.StartsWith("kept: ", near.GetProperty("members")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        string[] Differences(string file) => [.. Member(near, file).GetProperty("differences").EnumerateArray().Select(d => d.GetString()!)];
        Assert.Equal(["smaller"], Differences("meme-small.jpg"));
        Assert.Equal(["lower quality"], Differences("meme-q35.jpg"));
        Assert.Equal(["PNG"], Differences("meme.png"));
        Assert.Equal(["cropped"], Differences("meme-crop.jpg"));
        Assert.Contains("made from the keeper", Member(near, "meme.png").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("pHash", near.ToString(), StringComparison.Ordinal);
    }

    // Gives the half-size copy texts (kind, content, kind, content, ...) the keeper lacks; returns the keeper's id.
    private static async Task<long> KeeperWithTextsOnTheCopyAsync(TempFolder temp, params string[] kindsAndContents)
    {
        var near = Near(await Fixtures.Cli.RunAsync("duplicates", "--library", temp.Library, "--json"));
        var other = Member(near, "meme-small.jpg").GetProperty("id").GetInt64();
        using var connection = new SqliteConnection($"Data Source={Path.Combine(temp.Library, PhotoCatalog.FileName)};Pooling=False");
        connection.Open();
        for (var i = 0; i < kindsAndContents.Length; i += 2)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO texts (photo_id, kind, source, content) VALUES ($id, $kind, 'user', $content)";
            insert.Parameters.AddWithValue("$id", other);
            insert.Parameters.AddWithValue("$kind", kindsAndContents[i]);
            insert.Parameters.AddWithValue("$content", kindsAndContents[i + 1]);
            insert.ExecuteNonQuery();
        }
        return near.GetProperty("keeper").GetInt64();
    }

    [Fact]
    public async Task Duplicates_MergeTwice_AddsTheOthersKeywordToTheKeeperOnce()
    {
        using var temp = await LibraryAsync();
        var keeper = await KeeperWithTextsOnTheCopyAsync(temp, "keyword", "llama");

        var first = await Fixtures.Cli.RunAsync("duplicates", "--library", temp.Library, "--merge", "--json");
        var second = await Fixtures.Cli.RunAsync("duplicates", "--library", temp.Library, "--merge", "--json");

        Assert.Equal(1, first.Json.GetProperty("merged").GetInt32());
        Assert.Equal(0, second.Json.GetProperty("merged").GetInt32());
        await using var catalog = await new Library(temp.Library).OpenAsync();
        Assert.Contains(await catalog.Texts.OfPhotoAsync(keeper), t => t.Kind == "keyword" && t.Content == "llama");
    }

    [Fact]
    public async Task Duplicates_DryRunMerge_SaysWhatWouldBeMergedAndMergesNothing()
    {
        using var temp = await LibraryAsync();
        var keeper = await KeeperWithTextsOnTheCopyAsync(temp, "keyword", "llama", "album", "Trip");

        var dry = await Fixtures.Cli.RunAsync("duplicates", "--library", temp.Library, "--merge", "--dry-run");
        var json = await Fixtures.Cli.RunAsync("duplicates", "--library", temp.Library, "--merge", "--dry-run", "--json");

        Assert.Equal(0, dry.ExitCode);
        Assert.Contains("Would merge 2 words (keywords, tags, captions, albums) into the keepers (--dry-run: nothing merged).", dry.Out, StringComparison.Ordinal);
        Assert.Equal(2, json.Json.GetProperty("merged").GetInt32());
        Assert.True(json.Json.GetProperty("dryRun").GetBoolean());
        await using var catalog = await new Library(temp.Library).OpenAsync();
        Assert.DoesNotContain(await catalog.Texts.OfPhotoAsync(keeper), t => t.Content is "llama" or "Trip");
    }

    [Fact]
    public async Task Duplicates_MoveTo_SaysWhatItMovesThenMovesAllButTheKeepersAndDeletesNothing()
    {
        using var temp = await LibraryAsync();

        var result = await Fixtures.Cli.RunAsync("duplicates", "--library", temp.Library, "--move-to", temp["aside"], "--export", temp["list.csv"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Moving 5 files into {temp["aside"]}", result.Error, StringComparison.Ordinal);
        Assert.Contains(temp["photos/saved/meme-q35.jpg"], result.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(temp["photos/meme.jpg"]));
        Assert.True(File.Exists(temp["photos/beach.jpg"]));
        Assert.True(File.Exists(temp["photos/other-words.jpg"]));
        Assert.True(File.Exists(temp["photos/template.jpg"]));
        Assert.Equal(["beach.jpg", "meme-crop.jpg", "meme-q35.jpg", "meme-small.jpg", "meme.png"], Directory.GetFiles(temp["aside"]).Select(Path.GetFileName).Order().ToList());
        Assert.Contains("keep", File.ReadAllText(temp["list.csv"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicates_MoveToDryRun_ListsTheFilesAndMovesNothing()
    {
        using var temp = await LibraryAsync();

        var result = await Fixtures.Cli.RunAsync("duplicates", "--library", temp.Library, "--move-to", temp["aside"], "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Would move 5 files", result.Error, StringComparison.Ordinal);
        Assert.Contains(temp["photos/saved/meme.png"], result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp["aside"]));
        Assert.True(File.Exists(temp["photos/saved/meme.png"]));
    }

    [Fact]
    public async Task DuplicatesKeep_AnotherCopy_IsKeptByEveryLaterFindAndMove()
    {
        using var temp = await LibraryAsync();

        var keep = await Fixtures.Cli.RunAsync("duplicates", "keep", temp["photos/saved/meme.png"], "--library", temp.Library);
        var near = Near(await Fixtures.Cli.RunAsync("duplicates", "--library", temp.Library, "--json"));
        var moved = await Fixtures.Cli.RunAsync("duplicates", "--library", temp.Library, "--move-to", temp["aside"]);

        Assert.Equal(0, keep.ExitCode);
        Assert.Equal("meme.png", KeeperFile(near));
        Assert.True(near.GetProperty("keeperChosen").GetBoolean());
        Assert.Equal("kept: you chose it", near.GetProperty("members")[0].GetProperty("reason").GetString());
        Assert.Equal(0, moved.ExitCode);
        Assert.True(File.Exists(temp["photos/saved/meme.png"]));
        Assert.False(File.Exists(temp["photos/meme.jpg"]));
    }

    [Fact]
    public async Task DuplicatesApart_OnePhotoThenTheGroup_LeaveTheGroupsForGood()
    {
        using var temp = await LibraryAsync();

        var one = await Fixtures.Cli.RunAsync("duplicates", "apart", temp["photos/saved/meme-crop.jpg"], "--library", temp.Library);
        var afterOne = Near(await Fixtures.Cli.RunAsync("duplicates", "--library", temp.Library, "--json"));
        var group = await Fixtures.Cli.RunAsync("duplicates", "apart", "--group", temp["photos/meme.jpg"], "--library", temp.Library);
        var afterGroup = await Fixtures.Cli.RunAsync("duplicates", "--library", temp.Library, "--json");
        var again = await Fixtures.Cli.RunAsync("duplicates", "apart", temp["photos/meme.jpg"], "--library", temp.Library);

        Assert.Equal(0, one.ExitCode);
        Assert.Equal(4, afterOne.GetProperty("members").GetArrayLength());
        Assert.DoesNotContain("meme-crop.jpg", afterOne.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, group.ExitCode);
        Assert.DoesNotContain(afterGroup.Json.GetProperty("groups").EnumerateArray(), g => g.GetProperty("kind").GetString() == "near");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("in no group", again.Error, StringComparison.Ordinal);
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
