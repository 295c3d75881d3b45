using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Search.Duplicates;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Search.Duplicates;

[Tier(Tier.Unit)]
public class DuplicateFinderTests
{
    private static string Describe(DuplicateGroup group) =>
        $"{group.Kind}:{string.Join(',', group.Members.Select(m => $"{m.Id}/{m.Reason}"))}";

    [Fact]
    public async Task Find_IndexedAndAllPairs_GiveTheSameGroupsAndReasons()
    {
        using var temp = new TempFolder();
        for (var seed = 1; seed <= 3; seed++)
        {
            using var scene = Scenes.Draw(seed, words: seed);
            using var otherWords = Scenes.Draw(seed, words: seed + 10);
            Scenes.Save(scene, temp[$"photos/{seed}.jpg"]);
            Scenes.Half(scene, temp[$"photos/{seed}-small.jpg"]);
            Scenes.CentreCrop(scene, temp[$"photos/{seed}-crop.jpg"]);
            Scenes.Save(scene, temp[$"photos/{seed}.png"]);
            Scenes.Save(otherWords, temp[$"photos/{seed}-other-words.jpg"]);
        }
        var index = await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library);
        Assert.Equal(0, index.ExitCode);
        await using var catalog = await new Library(temp.Library).OpenAsync();

        var indexed = await DuplicateFinder.FindAsync(catalog, model: null);
        var all = await DuplicateFinder.FindAsync(catalog, model: null, new DuplicateRules(), DuplicateCandidates.AllPairs);

        Assert.Equal(3, indexed.Count(g => g.Kind == "near" && g.Members.Count == 4));
        Assert.Equal(all.Select(Describe), indexed.Select(Describe));
    }

    // A picture and its half-size copy, the text read in each as OCR would leave it.
    private static async Task<(TempFolder Temp, long Original, long Copy)> ReadCopiesAsync(string originalText, string? copyText)
    {
        var temp = new TempFolder();
        using (var scene = Scenes.Draw(seed: 4, words: 3))
        {
            Scenes.Save(scene, temp["photos/meme.jpg"]);
            Scenes.Half(scene, temp["photos/meme-small.jpg"]);
        }
        Assert.Equal(0, (await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library, "--no-ocr")).ExitCode);
        await using var catalog = await new Library(temp.Library).OpenAsync();
        var at = await catalog.Locations.FindPhotosAtAsync([temp["photos/meme.jpg"], temp["photos/meme-small.jpg"]]);
        var (original, copy) = (at[temp["photos/meme.jpg"]], at[temp["photos/meme-small.jpg"]]);
        foreach (var (id, text) in new[] { (original, originalText), (copy, copyText) })
        {
            if (text is not null)
            {
                await catalog.Texts.SaveOcrAsync(id, "pp-ocrv4", text.Length == 0 ? [] : [new RecognizedLine(text, 0.9, [])]);
                await catalog.Stages.SetAsync(id, Stages.Ocr, StageState.Done, null, DateTimeOffset.UtcNow);
            }
        }
        return (temp, original, copy);
    }

    [Theory]
    [InlineData("ONE DOES NOT SIMPLY WALK INTO MORDOR", "ONE DOES NOT SIMPLY WALK INTO MORDOR")]
    [InlineData("ONE DOES NOT SIMPLY WALK INTO MORDOR", "ONE DOES NOT SIMPLY WALK INT0 M0RD")]
    [InlineData("ONE DOES NOT SIMPLY WALK INTO MORDOR", null)]
    [InlineData("ONE DOES NOT SIMPLY WALK INTO MORDOR", "")]
    public async Task Find_CopiesReadAlikeOrNotReadYetOrSmallerReadEmpty_AreOneGroup(string originalText, string? copyText)
    {
        var (temp, original, copy) = await ReadCopiesAsync(originalText, copyText);
        using var _ = temp;
        await using var catalog = await new Library(temp.Library).OpenAsync();

        var group = Assert.Single(await DuplicateFinder.FindAsync(catalog, model: null));

        Assert.Equal([original, copy], group.Members.Select(m => m.Id));
    }

    [Theory]
    [InlineData("ONE DOES NOT SIMPLY WALK INTO MORDOR", "BRACE YOURSELVES WINTER IS COMING")]
    [InlineData("", "ONE DOES NOT SIMPLY WALK INTO MORDOR")]
    public async Task Find_PicturesReadWithOtherTextOrTheLargerWithNone_AreNeverOneGroup(string originalText, string copyText)
    {
        var (temp, _, _) = await ReadCopiesAsync(originalText, copyText);
        using var __ = temp;
        await using var catalog = await new Library(temp.Library).OpenAsync();

        Assert.Empty(await DuplicateFinder.FindAsync(catalog, model: null));
    }

    [Fact]
    public async Task Find_PhotoSaidApartFromOneButLikeAThird_DoesNotJoinThroughIt()
    {
        using var temp = new TempFolder();
        using (var scene = Scenes.Draw(seed: 5, words: 2))
        {
            Scenes.Save(scene, temp["photos/a.jpg"]);
            Scenes.Half(scene, temp["photos/b.jpg"]);
            Scenes.Save(scene, temp["photos/c.jpg"], quality: 50);
        }
        Assert.Equal(0, (await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library, "--no-ocr")).ExitCode);
        await using var catalog = await new Library(temp.Library).OpenAsync();
        var at = await catalog.Locations.FindPhotosAtAsync([temp["photos/a.jpg"], temp["photos/b.jpg"], temp["photos/c.jpg"]]);
        await catalog.Duplicates.KeepApartAsync([(at[temp["photos/a.jpg"]], at[temp["photos/b.jpg"]])], DateTimeOffset.UtcNow);

        var groups = await DuplicateFinder.FindAsync(catalog, model: null);

        var group = Assert.Single(groups);
        Assert.Equal(2, group.Members.Count);
        Assert.False(group.Members.Any(m => m.Id == at[temp["photos/a.jpg"]]) && group.Members.Any(m => m.Id == at[temp["photos/b.jpg"]]));
    }

    [Fact]
    public async Task Find_OtherKeepersChosen_GroupsStayInTheirOrder()
    {
        // Two runs make the ids known without a tie: 7.jpg and 9-small.jpg before 7-small.jpg and 9.jpg, so the
        // keepers the rules choose (the larger) are one early and one late, and the chosen ones the other way round.
        using var temp = new TempFolder();
        using var seven = Scenes.Draw(seed: 7, words: 7);
        using var nine = Scenes.Draw(seed: 9, words: 9);
        Scenes.Save(seven, temp["first/7.jpg"]);
        Scenes.Half(nine, temp["first/9-small.jpg"]);
        Scenes.Half(seven, temp["second/7-small.jpg"]);
        Scenes.Save(nine, temp["second/9.jpg"]);
        Assert.Equal(0, (await Fixtures.Cli.RunAsync("index", temp["first"], "--library", temp.Library, "--no-ocr")).ExitCode);
        Assert.Equal(0, (await Fixtures.Cli.RunAsync("index", temp["second"], "--library", temp.Library, "--no-ocr")).ExitCode);
        await using var catalog = await new Library(temp.Library).OpenAsync();
        static string Members(IEnumerable<DuplicateGroup> groups) => string.Join(' ', groups.Select(g => string.Join(',', g.Members.Select(m => m.Id).Order())));
        var before = await DuplicateFinder.FindAsync(catalog, model: null);

        foreach (var group in before)
        {
            Assert.NotNull(await DuplicateChoices.ChooseKeeperAsync(catalog, model: null, group.Members[1].Id));
        }
        var after = await DuplicateFinder.FindAsync(catalog, model: null);

        Assert.Equal(2, after.Count);
        Assert.All(after, g => Assert.True(g.KeeperChosen));
        Assert.Equal(Members(before), Members(after));
    }

    [Fact]
    public async Task ChooseKeeper_SmallerCopy_AnswersTheGroupAsAWholeFindDoes()
    {
        using var temp = new TempFolder();
        using (var scene = Scenes.Draw(seed: 6, words: 2))
        {
            Scenes.Save(scene, temp["photos/a.jpg"]);
            Scenes.Half(scene, temp["photos/b.jpg"]);
            Scenes.CentreCrop(scene, temp["photos/c.jpg"]);
        }
        Assert.Equal(0, (await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library, "--no-ocr")).ExitCode);
        await using var catalog = await new Library(temp.Library).OpenAsync();
        var small = (await catalog.Locations.FindPhotosAtAsync([temp["photos/b.jpg"]]))[temp["photos/b.jpg"]];

        var chosen = await DuplicateChoices.ChooseKeeperAsync(catalog, model: null, small);

        Assert.NotNull(chosen);
        Assert.Equal(small, chosen.Keeper.Id);
        Assert.Equal(Describe(Assert.Single(await DuplicateFinder.FindAsync(catalog, model: null))), Describe(chosen));
    }
}
