using Shoebox.Catalog;
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
}
