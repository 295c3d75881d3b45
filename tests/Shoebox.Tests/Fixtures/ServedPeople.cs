using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Indexing;
using Shoebox.Indexing.Faces;

namespace Shoebox.Tests.Fixtures;

/// <summary>
/// A served library with people in it: six photos indexed as usual, then the faces a detector would have found in
/// them stored through the catalog and grouped by the same grouping indexing runs. Ada is in three portraits and the
/// group photo and is named; Grace, unnamed, is in two portraits and the group photo; a stranger is only in the
/// group photo. Faces are on in the library's settings.
/// </summary>
public sealed class ServedPeople : IAsyncLifetime, IDisposable
{
    public const string Group = "group.jpg";

    // Who is where, with the face's left edge (in 0..1 of the photo).
    private static readonly (string File, (string Who, double X)[] Faces)[] Photos =
    [
        ("ada-1.jpg", [("ada", 0.3)]),
        ("ada-2.jpg", [("ada", 0.4)]),
        ("ada-3.jpg", [("ada", 0.5)]),
        ("grace-1.jpg", [("grace", 0.3)]),
        ("grace-2.jpg", [("grace", 0.4)]),
        (Group, [("ada", 0.05), ("grace", 0.4), ("stranger", 0.75)]),
    ];

    public ServedLibrary Library { get; } = new(Write);

    public long Ada { get; private set; }

    public long Grace { get; private set; }

    public long Stranger { get; private set; }

    /// <summary>The photo's id by its file name.</summary>
    public Dictionary<string, long> PhotoIds { get; } = [];

    private static void Write(TempFolder temp)
    {
        for (var i = 0; i < Photos.Length; i++)
        {
            using var scene = Scenes.Draw(seed: 20 + i);
            Scenes.Save(scene, temp[$"photos/{Photos[i].File}"]);
        }
    }

    public async Task InitializeAsync()
    {
        await Library.InitializeAsync();
        await using var catalog = await new Library(Library.Temp.Library, Library.Catalog).OpenAsync();
        await new LibrarySwitches(Faces: true).SaveAsync(catalog);
        foreach (var (file, faces) in Photos)
        {
            var id = await Library.IdOfAsync(file);
            PhotoIds[file] = id;
            await catalog.Faces.SaveAsync(id, "test-faces", [.. faces.Select((f, n) => Face(f.Who, f.X, n))]);
        }
        await FaceGrouping.RunAsync(catalog, new PeopleGrouper());
        var group = await catalog.Faces.OfPhotoAsync(PhotoIds[Group]);
        long PersonAt(double x) => group.Single(f => Math.Abs(f.Box.X - x) < 1e-6).PersonId!.Value;
        (Ada, Grace, Stranger) = (PersonAt(0.05), PersonAt(0.4), PersonAt(0.75));
        await catalog.People.NameAsync(Ada, "Ada");
    }

    // Each person's descriptor points its own way (far apart by dlib's distance), with a little of the photo in it.
    private static FoundFace Face(string who, double x, int n)
    {
        var descriptor = new float[128];
        for (var i = 0; i < descriptor.Length; i++)
        {
            descriptor[i] = who switch
            {
                "ada" => 0.1f,
                "grace" => i < 64 ? 0.1f : -0.1f,
                _ => i % 2 == 0 ? 0.1f : -0.1f,
            } + (0.002f * ((i + n) % 3));
        }
        var box = new FaceRegion(x, 0.25, 0.2, 0.3);
        return new FoundFace(box, [.. Enumerable.Range(0, 6).Select(k => (x + 0.03 * k, 0.35))], 0.95, descriptor);
    }

    public Task DisposeAsync() => Library.DisposeAsync();

    public void Dispose() => Library.Dispose();
}
