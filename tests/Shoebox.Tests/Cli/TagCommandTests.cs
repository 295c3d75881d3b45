using Microsoft.Data.Sqlite;
using Shoebox.Catalog;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Cli;

[Tier(Tier.EndToEnd)]
public class TagCommandTests(TinyModelFolder tiny) : IClassFixture<TinyModelFolder>
{
    // A phone screenshot (no camera, exactly a screen's size) is tagged by the rules alone, with any model.
    private async Task<(string Screenshot, string Photo)> IndexedAsync(TempFolder temp)
    {
        var root = temp.Folder("photos");
        var screenshot = TestImages.Png(temp["photos/screen.png"], 1170, 2532);
        var photo = TestImages.Jpeg(temp["photos/beach.jpg"]);
        var index = await Fixtures.Cli.RunAsync("index", root, "--library", temp.Library, "--model", tiny.Path, "--no-ocr", "--json");
        Assert.Equal(0, index.ExitCode);
        Assert.Equal(2, index.Json.GetProperty("tagged").GetInt32());
        return (screenshot, photo);
    }

    private static async Task<string> ShowAsync(TempFolder temp, string photo) =>
        (await Fixtures.Cli.RunAsync("tags", "show", photo, "--library", temp.Library)).Out;

    private async Task<string> SearchAsync(TempFolder temp, string query) =>
        (await Fixtures.Cli.RunAsync("search", query, "--library", temp.Library, "--model", tiny.Path)).Out;

    // What a new vocabulary or model does: every photo is tagged again at the next index.
    private static void ForgetTagger(TempFolder temp)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(temp.Library, PhotoCatalog.FileName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE settings SET value = 'an older tagger' WHERE key = 'tagger'";
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    [Fact]
    public async Task Index_Screenshot_IsTaggedAutomaticallyAndFoundByItsTag()
    {
        using var temp = new TempFolder();
        var (screenshot, photo) = await IndexedAsync(temp);

        Assert.Contains("screenshot (0.90)", await ShowAsync(temp, screenshot));
        Assert.DoesNotContain("screenshot", await ShowAsync(temp, photo));
        var found = await SearchAsync(temp, "tag:screenshot");
        Assert.Contains("screen.png", found);
        Assert.DoesNotContain("beach.jpg", found);
    }

    [Fact]
    public async Task Index_ModelWithTextTower_AddsVocabularyTagsWithScores()
    {
        using var temp = new TempFolder();
        var (_, photo) = await IndexedAsync(temp);

        // The generated model's weights are random, so which concepts win says nothing; that they are the
        // vocabulary's, scored, and within each group's limit (19 in all), does.
        var tags = (await Fixtures.Cli.RunAsync("tags", "show", photo, "--library", temp.Library, "--json")).Json[0].GetProperty("tags");
        var names = tags.EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList();
        var vocabulary = Shoebox.Models.Tags.TagVocabulary.BuiltIn.Groups.SelectMany(g => g.Concepts).Select(c => c.Name).ToHashSet();
        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.Contains(name, vocabulary));
        Assert.All(tags.EnumerateArray(), t => Assert.InRange(t.GetProperty("score").GetDouble(), 0.2, 1));
        Assert.True(names.Count <= 19, string.Join(", ", names));
        var colours = Shoebox.Models.Tags.TagVocabulary.BuiltIn.Groups.Single(g => g.Name == "colour").Concepts.Select(c => c.Name);
        Assert.True(names.Count(colours.Contains) <= 1, string.Join(", ", names));
    }

    [Fact]
    public async Task TagsAdd_UserTag_IsSearchableListedAndSurvivesReindexing()
    {
        using var temp = new TempFolder();
        var (_, photo) = await IndexedAsync(temp);

        var add = await Fixtures.Cli.RunAsync("tags", "add", "Holiday  2024", photo, "--library", temp.Library);
        var again = await Fixtures.Cli.RunAsync("tags", "add", "holiday 2024", photo, "--library", temp.Library);
        ForgetTagger(temp);
        var reindex = await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library, "--model", tiny.Path, "--no-ocr", "--json");

        Assert.Equal(0, add.ExitCode);
        Assert.Contains("'Holiday 2024' added to 1 photo", add.Out);
        Assert.Contains("had it already", again.Out);
        Assert.Equal(2, reindex.Json.GetProperty("tagged").GetInt32());
        Assert.StartsWith($"{photo}: Holiday 2024", await ShowAsync(temp, photo));
        Assert.Contains("beach.jpg", await SearchAsync(temp, "tag:\"holiday 2024\""));
        var list = (await Fixtures.Cli.RunAsync("tags", "list", "--library", temp.Library, "--json")).Json;
        var holiday = list.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Holiday 2024");
        Assert.Equal((1, 0), (holiday.GetProperty("byUser").GetInt32(), holiday.GetProperty("automatic").GetInt32()));
    }

    [Fact]
    public async Task TagsRemove_AutomaticTag_StaysOffWhenEverythingIsTaggedAgain()
    {
        using var temp = new TempFolder();
        var (screenshot, _) = await IndexedAsync(temp);

        var remove = await Fixtures.Cli.RunAsync("tags", "remove", "Screenshot", screenshot, "--library", temp.Library);
        ForgetTagger(temp);
        var reindex = await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library, "--model", tiny.Path, "--no-ocr", "--json");

        Assert.Contains("'Screenshot' removed from 1 photo", remove.Out);
        Assert.Equal(2, reindex.Json.GetProperty("tagged").GetInt32());
        Assert.DoesNotContain("screenshot", await ShowAsync(temp, screenshot));
        Assert.DoesNotContain("screen.png", await SearchAsync(temp, "tag:screenshot"));
    }

    [Fact]
    public async Task TagsAdd_AfterRemoving_PutsItBack()
    {
        using var temp = new TempFolder();
        var (screenshot, _) = await IndexedAsync(temp);

        await Fixtures.Cli.RunAsync("tags", "remove", "screenshot", screenshot, "--library", temp.Library);
        await Fixtures.Cli.RunAsync("tags", "add", "screenshot", screenshot, "--library", temp.Library);
        ForgetTagger(temp);
        await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library, "--model", tiny.Path, "--no-ocr");

        Assert.StartsWith($"{screenshot}: screenshot,", await ShowAsync(temp, screenshot)); // the user's, first and without a score
    }

    [Fact]
    public async Task TagsAdd_UnknownPhotoOrEmptyTag_SaysSoAndChangesNothingElse()
    {
        using var temp = new TempFolder();
        var (_, photo) = await IndexedAsync(temp);

        var unknown = await Fixtures.Cli.RunAsync("tags", "add", "beach", photo, temp["nowhere.jpg"], "99999", "--library", temp.Library);
        var empty = await Fixtures.Cli.RunAsync("tags", "add", "   ", photo, "--library", temp.Library);

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("nowhere.jpg is not a photo in this library", unknown.Error);
        Assert.Contains("99999 is not a photo in this library", unknown.Error);
        Assert.Contains("'beach' added to 1 photo", unknown.Out);
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("A tag needs at least one letter or digit", empty.Error);
    }

    [Fact]
    public async Task XmpWrite_UserAndAutomaticTags_AreWrittenButNotRemovedOnes()
    {
        using var temp = new TempFolder();
        var (screenshot, photo) = await IndexedAsync(temp);
        await Fixtures.Cli.RunAsync("tags", "add", "sunset", photo, "--library", temp.Library);
        await Fixtures.Cli.RunAsync("tags", "add", "phone", screenshot, "--library", temp.Library);
        await Fixtures.Cli.RunAsync("tags", "remove", "screenshot", screenshot, "--library", temp.Library);

        var write = await Fixtures.Cli.RunAsync("xmp", "write", "--library", temp.Library);

        Assert.Equal(0, write.ExitCode);
        Assert.Contains("<rdf:li>sunset</rdf:li>", File.ReadAllText(photo + ".xmp"));
        var sidecar = File.ReadAllText(screenshot + ".xmp");
        Assert.Contains("<rdf:li>phone</rdf:li>", sidecar);
        Assert.DoesNotContain("screenshot", sidecar);
    }
}
