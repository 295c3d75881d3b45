using Shoebox.Catalog;
using Shoebox.Indexing.Faces;
using Shoebox.Tests.Catalog;

namespace Shoebox.Tests.Indexing.Faces;

/// <summary>Grouping as indexing runs it, on a real catalog: incremental, stable ids, names carried over from photo libraries.</summary>
[Tier(Tier.Unit)]
public sealed class FaceGroupingTests : IDisposable
{
    private readonly SqliteEngine _engine = new();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task RunAsync_NewFacesOfTheSamePeople_JoinThemAndKeepTheirIds()
    {
        await using var catalog = await _engine.OpenAsync();
        var (one, two, three) = (await CatalogPeopleTests.PhotoAsync(catalog, 1), await CatalogPeopleTests.PhotoAsync(catalog, 2), await CatalogPeopleTests.PhotoAsync(catalog, 3));
        await catalog.Faces.SaveAsync(one, "m1", [CatalogPeopleTests.Face(0.1, 0.1f), CatalogPeopleTests.Face(0.6, 0.5f)]);
        Assert.Equal(2, await FaceGrouping.RunAsync(catalog, new PeopleGrouper()));
        var before = (await catalog.People.ListAsync()).Select(p => p.Id).Order().ToList();

        await catalog.Faces.SaveAsync(two, "m1", [CatalogPeopleTests.Face(0.1, 0.11f)]);
        await catalog.Faces.SaveAsync(three, "m1", [CatalogPeopleTests.Face(0.1, 0.51f)]);
        Assert.Equal(2, await FaceGrouping.RunAsync(catalog, new PeopleGrouper()));
        Assert.Equal(0, await FaceGrouping.RunAsync(catalog, new PeopleGrouper()));

        var after = await catalog.People.ListAsync();
        Assert.Equal(before, after.Select(p => p.Id).Order());
        Assert.All(after, p => Assert.Equal(2, p.Photos));
    }

    [Fact]
    public async Task RunAsync_PersonMostlyNamedByAPhotoLibrary_TakesThatNameUnlessTheUserNamedThem()
    {
        await using var catalog = await _engine.OpenAsync();
        for (var n = 1; n <= 3; n++)
        {
            var photo = await CatalogPeopleTests.PhotoAsync(catalog, n);
            await catalog.Faces.SaveAsync(photo, "m1", [CatalogPeopleTests.Face(0.1, 0.1f + 0.01f * n)]);
            if (n < 3)
            {
                await catalog.Texts.ReplaceAsync(photo, "person", "lightroom", "Jane");
            }
        }

        await FaceGrouping.RunAsync(catalog, new PeopleGrouper());

        var person = Assert.Single(await catalog.People.ListAsync());
        Assert.Equal(("Jane", false), (person.Name, person.NamedByUser));
        await catalog.People.NameAsync(person.Id, "Mum");
        await catalog.Faces.SaveAsync(await CatalogPeopleTests.PhotoAsync(catalog, 4), "m1", [CatalogPeopleTests.Face(0.1, 0.12f)]);
        await FaceGrouping.RunAsync(catalog, new PeopleGrouper());
        Assert.Equal("Mum", (await catalog.People.GetAsync(person.Id))!.Name);
    }
}
