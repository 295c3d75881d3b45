using Shoebox.Catalog;
using Shoebox.Catalog.Stores;
using Shoebox.Core;

namespace Shoebox.Tests.Catalog;

/// <summary>Faces and people in the catalog, and the user's word on them, the same on every engine.</summary>
public abstract class CatalogPeopleTests(CatalogEngine engine) : CatalogEngineTests(engine)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    internal static FoundFace Face(double x, float value = 0.1f) =>
        new(new FaceRegion(x, 0.2, 0.2, 0.3), [.. Enumerable.Range(0, 6).Select(i => (x + 0.01 * i, 0.3))], 0.9, [.. Enumerable.Repeat(value, 128)]);

    internal static async Task<long> PhotoAsync(PhotoCatalog catalog, int n)
    {
        await using var batch = await catalog.BeginBatchAsync();
        var link = await catalog.Locations.LinkAsync($"/p/{n}.jpg", "/p", 10, 1, ContentHash.Of(BitConverter.GetBytes(n)), ImageFormat.Jpeg, Now);
        await batch.CommitAsync();
        return link.PhotoId;
    }

    // A person holding the given faces, as grouping makes one.
    private static async Task<long> PersonAsync(PhotoCatalog catalog, params long[] faces)
    {
        var person = await catalog.People.CreateAsync(Now);
        foreach (var face in faces)
        {
            await catalog.Faces.AssignAsync(face, person);
        }
        return person;
    }

    [Fact]
    public async Task SaveAsync_SameFacesFoundAgain_KeepIdsPeopleAndTheUsersWord()
    {
        await using var catalog = await Engine.OpenAsync();
        var photo = await PhotoAsync(catalog, 1);
        await catalog.Faces.SaveAsync(photo, "m1", [Face(0.1), Face(0.6)]);
        var first = await catalog.Faces.OfPhotoAsync(photo);
        var person = await PersonAsync(catalog, first[0].Id);
        await catalog.Faces.MoveAsync(first[1].Id, null, Now);

        await catalog.Faces.SaveAsync(photo, "m2", [Face(0.61), Face(0.11)]);

        var again = (await catalog.Faces.OfPhotoAsync(photo)).OrderBy(f => f.Id).ToList();
        Assert.Equal(first.Select(f => f.Id).Order(), again.Select(f => f.Id));
        Assert.Equal([person, null], again.Select(f => f.PersonId));
        Assert.Equal([FaceDecision.None, FaceDecision.NoPerson], again.Select(f => f.Decision));
        Assert.All(again, f => Assert.Equal("m2", f.Model));
        Assert.Equal(0.11, again[0].Box.X, 6);
    }

    [Fact]
    public async Task SaveAsync_DetectionMissesAFace_DropsItUnlessTheUserDecidedOnIt()
    {
        await using var catalog = await Engine.OpenAsync();
        var photo = await PhotoAsync(catalog, 1);
        await catalog.Faces.SaveAsync(photo, "m1", [Face(0.0), Face(0.4), Face(0.8)]);
        var faces = (await catalog.Faces.OfPhotoAsync(photo)).OrderBy(f => f.Box.X).ToList();
        var person = await catalog.People.CreateAsync(Now);
        await catalog.Faces.MoveAsync(faces[1].Id, person, Now);

        await catalog.Faces.SaveAsync(photo, "m1", []);

        Assert.Equal([faces[1].Id], (await catalog.Faces.OfPhotoAsync(photo)).Select(f => f.Id));
    }

    [Fact]
    public async Task NameAsync_Person_FindsTheirPhotosByTheName()
    {
        await using var catalog = await Engine.OpenAsync();
        var photo = await PhotoAsync(catalog, 1);
        await catalog.Faces.SaveAsync(photo, "m1", [Face(0.1)]);
        var person = await PersonAsync(catalog, (await catalog.Faces.OfPhotoAsync(photo))[0].Id);

        await catalog.People.NameAsync(person, "  Ada   Lovelace ");

        Assert.Equal("Ada Lovelace", (await catalog.People.GetAsync(person))!.Name);
        Assert.Equal([photo], (await catalog.Texts.MatchAsync([new TextTerm("lovelace", IsPhrase: false)], 10)).Select(m => m.PhotoId));
        await catalog.People.NameAsync(person, "");
        Assert.Empty(await catalog.Texts.MatchAsync([new TextTerm("lovelace", IsPhrase: false)], 10));
    }

    [Fact]
    public async Task FilterAsync_PersonAndNotPerson_FindNamesOnFacesAndFromPhotoLibraries()
    {
        await using var catalog = await Engine.OpenAsync();
        var (named, imported, neither) = (await PhotoAsync(catalog, 1), await PhotoAsync(catalog, 2), await PhotoAsync(catalog, 3));
        await catalog.Faces.SaveAsync(named, "m1", [Face(0.1)]);
        await catalog.People.NameAsync(await PersonAsync(catalog, (await catalog.Faces.OfPhotoAsync(named))[0].Id), "Ada");
        await catalog.Texts.ReplaceAsync(imported, "person", "lightroom", "ada");

        Assert.Equal([named, imported], (await catalog.Photos.FilterAsync(new PhotoFilter { People = ["ADA"] })).Order());
        Assert.Equal([neither], await catalog.Photos.FilterAsync(new PhotoFilter { ExcludedPeople = ["Ada"] }));
    }

    [Fact]
    public async Task MergeAsync_TwoPeople_AllFacesInTheOneKeptWithTheName()
    {
        await using var catalog = await Engine.OpenAsync();
        var (one, two) = (await PhotoAsync(catalog, 1), await PhotoAsync(catalog, 2));
        await catalog.Faces.SaveAsync(one, "m1", [Face(0.1)]);
        await catalog.Faces.SaveAsync(two, "m1", [Face(0.1), Face(0.6)]);
        var a = await PersonAsync(catalog, (await catalog.Faces.OfPhotoAsync(one))[0].Id);
        var b = await PersonAsync(catalog, [.. (await catalog.Faces.OfPhotoAsync(two)).Select(f => f.Id)]);
        await catalog.People.NameAsync(a, "Ada");

        Assert.True(await catalog.People.MergeAsync(a, b));

        Assert.Null(await catalog.People.GetAsync(a));
        var kept = await catalog.People.GetAsync(b);
        Assert.Equal(("Ada", true, 3, 2), (kept!.Name, kept.NamedByUser, kept.Faces, kept.Photos));
        Assert.Equal([one, two], (await catalog.People.PhotosOfAsync(b)).Order());
        Assert.False(await catalog.People.MergeAsync(b, b));
    }

    [Fact]
    public async Task MoveAsync_FaceToAnotherPerson_KeepsTheTwoApart()
    {
        await using var catalog = await Engine.OpenAsync();
        var photo = await PhotoAsync(catalog, 1);
        await catalog.Faces.SaveAsync(photo, "m1", [Face(0.1), Face(0.4), Face(0.7)]);
        var faces = await catalog.Faces.OfPhotoAsync(photo);
        var a = await PersonAsync(catalog, faces[0].Id, faces[2].Id);
        var b = await PersonAsync(catalog, faces[1].Id);

        Assert.True(await catalog.Faces.MoveAsync(faces[0].Id, b, Now));

        Assert.Equal([(Math.Min(a, b), Math.Max(a, b))], await catalog.People.LoadApartAsync());
        Assert.Equal((1, 2), ((await catalog.People.GetAsync(a))!.Faces, (await catalog.People.GetAsync(b))!.Faces));
        Assert.Equal(FaceDecision.Person, (await catalog.Faces.GetAsync(faces[0].Id))!.Decision);
        Assert.False(await catalog.Faces.MoveAsync(faces[0].Id, 999_999, Now));
    }

    [Fact]
    public async Task NotAFaceAsync_Face_HiddenAndNeverGroupedAgain()
    {
        await using var catalog = await Engine.OpenAsync();
        var photo = await PhotoAsync(catalog, 1);
        await catalog.Faces.SaveAsync(photo, "m1", [Face(0.1)]);
        var face = (await catalog.Faces.OfPhotoAsync(photo))[0];
        await PersonAsync(catalog, face.Id);

        Assert.True(await catalog.Faces.NotAFaceAsync(face.Id));
        await catalog.Faces.SaveAsync(photo, "m1", [Face(0.1)]);

        Assert.Empty(await catalog.Faces.OfPhotoAsync(photo));
        Assert.Empty(await catalog.Faces.LoadDescriptorsAsync());
        Assert.Empty(await catalog.People.ListAsync());
    }

    [Fact]
    public async Task ListAsync_People_NamedFirstThenByPhotos()
    {
        await using var catalog = await Engine.OpenAsync();
        var faces = new List<long>();
        for (var n = 1; n <= 4; n++)
        {
            var photo = await PhotoAsync(catalog, n);
            await catalog.Faces.SaveAsync(photo, "m1", [Face(0.1)]);
            faces.Add((await catalog.Faces.OfPhotoAsync(photo))[0].Id);
        }
        var few = await PersonAsync(catalog, faces[0]);
        var many = await PersonAsync(catalog, faces[1], faces[2]);
        var named = await PersonAsync(catalog, faces[3]);
        await catalog.People.NameAsync(named, "Zoe");

        var people = await catalog.People.ListAsync();

        Assert.Equal([named, many, few], people.Select(p => p.Id));
        Assert.Equal(faces[3], people[0].CoverFaceId);
        Assert.NotNull(people[0].CoverPhotoId);
    }

    [Fact]
    public async Task ForgetAsync_Person_FacesLeftOutForGood()
    {
        await using var catalog = await Engine.OpenAsync();
        var photo = await PhotoAsync(catalog, 1);
        await catalog.Faces.SaveAsync(photo, "m1", [Face(0.1)]);
        var face = (await catalog.Faces.OfPhotoAsync(photo))[0];
        var person = await PersonAsync(catalog, face.Id);

        Assert.True(await catalog.People.ForgetAsync(person));

        Assert.Equal(FaceDecision.NoPerson, (await catalog.Faces.GetAsync(face.Id))!.Decision);
        Assert.Empty(await catalog.Faces.LoadDescriptorsAsync());
        Assert.False(await catalog.People.ForgetAsync(person));
    }

    [Fact]
    public async Task NameFromImportAsync_PersonNamedByUser_KeepsTheUsersName()
    {
        await using var catalog = await Engine.OpenAsync();
        var photo = await PhotoAsync(catalog, 1);
        await catalog.Faces.SaveAsync(photo, "m1", [Face(0.1), Face(0.6)]);
        var faces = await catalog.Faces.OfPhotoAsync(photo);
        var user = await PersonAsync(catalog, faces[0].Id);
        var other = await PersonAsync(catalog, faces[1].Id);
        await catalog.People.NameAsync(user, "Mum");

        await catalog.People.NameFromImportAsync(user, "Jane");
        await catalog.People.NameFromImportAsync(other, "Joe");

        Assert.Equal(("Mum", true), ((await catalog.People.GetAsync(user))!.Name, (await catalog.People.GetAsync(user))!.NamedByUser));
        Assert.Equal(("Joe", false), ((await catalog.People.GetAsync(other))!.Name, (await catalog.People.GetAsync(other))!.NamedByUser));
    }
}

[Tier(Tier.Unit)]
public sealed class SqliteCatalogPeopleTests() : CatalogPeopleTests(new SqliteEngine());

[Tier(Tier.Database)]
public sealed class PostgresCatalogPeopleTests() : CatalogPeopleTests(new PostgresEngine());
