using System.Diagnostics;
using System.Globalization;
using Shoebox.Catalog.Stores;
using Shoebox.Indexing.Faces;

namespace Shoebox.Bench;

/// <summary>
/// Grouping faces into people at library scale, on generated descriptors: PEOPLE centres far apart (as different
/// people's descriptors lie), each face its person's centre plus noise well within dlib's distance. Times a first run
/// over every face, then a run placing 100 new faces among all the people found.
/// </summary>
internal static class PeopleGroupingBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        var faces = Option(args, "--faces", 50_000);
        var people = Option(args, "--people", 5_000);
        var random = new Random(7);
        var centres = Enumerable.Range(0, people).Select(_ => Vector(random, 0.1)).ToArray();
        var descriptors = Enumerable.Range(0, faces)
            .Select(i => new FaceDescriptor(i + 1, null, Noisy(random, centres[random.Next(people)], 0.01)))
            .ToList();
        var grouper = new PeopleGrouper();
        var clock = Stopwatch.StartNew();
        var steps = grouper.Group(descriptors, new HashSet<(long, long)>(), new HashSet<long>());
        var first = clock.Elapsed;
        var placed = new Dictionary<long, long>();
        var keys = new Dictionary<long, long>();
        foreach (var step in steps)
        {
            if (step is FacePlaced face)
            {
                placed[face.FaceId] = face.Person;
            }
            else if (step is PeopleMerged merged)
            {
                keys[merged.From] = merged.Into;
            }
        }
        long Final(long key) => keys.TryGetValue(key, out var into) ? Final(into) : key;
        var grouped = descriptors.Select(d => d with { PersonId = -Final(placed[d.FaceId]) }).ToList();
        var found = grouped.Select(d => d.PersonId).Distinct().Count();
        var arriving = Enumerable.Range(0, 100).Select(i => new FaceDescriptor(faces + i + 1, null, Noisy(random, centres[random.Next(people)], 0.01)));
        clock.Restart();
        grouper.Group([.. grouped, .. arriving], new HashSet<(long, long)>(), new HashSet<long>());
        var next = clock.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{faces:N0} faces of {people:N0} people: grouped from nothing in {first.TotalSeconds:0.0} s into {found:N0} people; 100 new faces placed among them in {next.TotalSeconds:0.00} s (means rebuilt from every face included)"));
        return Task.FromResult(0);
    }

    // Components of this spread make distances between centres about 1.1 (above dlib's 0.6) in 128 dimensions.
    private static float[] Vector(Random random, double spread) =>
        [.. Enumerable.Range(0, 128).Select(_ => (float)(random.NextDouble() * 2 - 1) * (float)spread)];

    private static float[] Noisy(Random random, float[] centre, double spread) =>
        [.. centre.Select(value => value + (float)((random.NextDouble() * 2 - 1) * spread))];

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
