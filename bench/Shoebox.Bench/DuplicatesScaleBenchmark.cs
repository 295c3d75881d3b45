using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Shoebox.Catalog;
using Shoebox.Search.Duplicates;

namespace Shoebox.Bench;

/// <summary>
/// Duplicate finding on made-up catalogs of many photos: random hashes and grey levels, with planted copies
/// (0 to 10 hash bits flipped, grey levels a few steps off), look-alikes that share most hash bits but not the
/// grey levels (a template with other words), and near-blank photos that all share one hash. Times the search,
/// checks that every planted pair ends in one group, and (where feasible) that the index finds the same candidate
/// pairs as comparing all pairs.
/// </summary>
internal static class DuplicatesScaleBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = (Option(args, "--sizes") ?? "10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var allPairsMax = int.Parse(Option(args, "--all-pairs-max") ?? "20000", CultureInfo.InvariantCulture);
        var failed = false;
        if (args.Contains("--candidates-only"))
        {
            foreach (var size in sizes)
            {
                var random = new Random(5);
                var hashes = Enumerable.Range(0, size).Select(n => n % 100 == 7 && !args.Contains("--no-blanks") ? 0UL : (ulong)random.NextInt64()).ToArray();
                var centres = Enumerable.Range(0, size).Select(n => n % 100 == 7 && !args.Contains("--no-blanks") ? 1UL : (ulong)random.NextInt64()).ToArray();
                Console.WriteLine($"\n{size} made-up hashes, one in 100 blank");
                failed |= !CandidatesOf(hashes, centres, size <= allPairsMax);
            }
            return failed ? 1 : 0;
        }
        foreach (var size in sizes)
        {
            var work = Directory.CreateTempSubdirectory("shoebox-dupscale-").FullName;
            try
            {
                var watch = Stopwatch.StartNew();
                await using (await new Library(work).OpenAsync())
                {
                    // Creates the schema.
                }
                var planted = Write(work, size);
                Console.WriteLine($"\n{size} photos ({planted.Count} planted pairs) written in {watch.Elapsed.TotalSeconds:0.0} s");
                await using var catalog = await new Library(work).OpenAsync();
                failed |= !await CandidatesAsync(catalog, size <= allPairsMax);
                if (size > allPairsMax)
                {
                    Console.WriteLine($"  all pairs: skipped ({(double)size * (size - 1) / 2:0.0e0} pairs; --all-pairs-max {allPairsMax})");
                }
                failed |= !await FindAsync(catalog, planted);
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(work, recursive: true);
            }
        }
        return failed ? 1 : 0;
    }

    // The search for candidate pairs alone, the part that grows with the square of the library without the index.
    private static async Task<bool> CandidatesAsync(PhotoCatalog catalog, bool allPairs)
    {
        var prints = (await catalog.Duplicates.LoadPrintsAsync()).Values.Select(h => new GreyPrint(h.Hash, h.Grey, h.Centre)).ToArray();
        var hashes = prints.Select(p => p.Hash).ToArray();
        var centres = prints.Select(p => p.CentreHash).ToArray();
        return CandidatesOf(hashes, centres, allPairs);
    }

    // True unless all pairs were compared too and found other candidates than the index.
    private static bool CandidatesOf(ulong[] hashes, ulong[] centres, bool allPairs)
    {
        var limit = new DuplicateRules().MaxHashDistance;
        var watch = Stopwatch.StartNew();
        var indexed = DuplicateCandidates.Pairs(hashes, centres, limit).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  candidate pairs, indexed  : {watch.Elapsed.TotalSeconds,7:0.000} s, {indexed.Count} pairs"));
        if (!allPairs)
        {
            return true;
        }
        watch.Restart();
        var all = DuplicateCandidates.AllPairs(hashes, centres, limit).ToList();
        var same = all.Order().SequenceEqual(indexed.Order());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  candidate pairs, all pairs: {watch.Elapsed.TotalSeconds,7:0.000} s, {all.Count} pairs, the same: {same}"));
        return same;
    }

    // True when every planted pair ended in one group.
    private static async Task<bool> FindAsync(PhotoCatalog catalog, List<(long, long)> planted)
    {
        var watch = Stopwatch.StartNew();
        var groups = await DuplicateFinder.FindAsync(catalog, model: null);
        var seconds = watch.Elapsed.TotalSeconds;
        var groupOf = groups.Where(g => g.Kind == "near").SelectMany((g, n) => g.Members.Select(m => (m.Id, n))).ToDictionary(x => x.Id, x => x.n);
        var found = planted.Count(p => groupOf.TryGetValue(p.Item1, out var a) && groupOf.TryGetValue(p.Item2, out var b) && a == b);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  find: {seconds,7:0.000} s, {groups.Count} groups, planted pairs found {found}/{planted.Count}"));
        return found == planted.Count;
    }

    // One photo in 20 gets a copy, one in 50 a look-alike, one in 100 is near-blank; the rest stand alone.
    private static List<(long, long)> Write(string folder, int count)
    {
        var random = new Random(17);
        var planted = new List<(long, long)>();
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, PhotoCatalog.FileName)};Pooling=False");
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;";
            pragma.ExecuteNonQuery();
        }
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO photos (id, hash, size, format, width, height, added_at) VALUES ($id, randomblob(32), 1000, 'jpeg', $width, 600, 0);
            INSERT INTO locations (path, root, photo_id, size, mtime, first_seen, last_seen, status) VALUES ($path, '/photos', $id, 1000, 0, 0, 0, 'ok');
            INSERT INTO photo_hashes (photo_id, phash, grey, centre) VALUES ($id, $phash, $grey, $centre);
            """;
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        var width = command.Parameters.Add("$width", SqliteType.Integer);
        var path = command.Parameters.Add("$path", SqliteType.Text);
        var phash = command.Parameters.Add("$phash", SqliteType.Integer);
        var grey = command.Parameters.Add("$grey", SqliteType.Blob);
        var centre = command.Parameters.Add("$centre", SqliteType.Blob);
        (ulong Hash, byte[] Grey, byte[] Centre) last = (0, [], []);
        for (var n = 1; n <= count; n++)
        {
            (ulong Hash, byte[] Grey, byte[] Centre) print;
            if (n > 1 && (n - 1) % 20 == 0)
            {
                print = (Flip(random, last.Hash, random.Next(11)), Nudge(random, last.Grey, 3), Nudge(random, last.Centre, 3));
                planted.Add((n - 1, n));
            }
            else if (n > 1 && n % 50 == 0)
            {
                print = (Flip(random, last.Hash, random.Next(11)), Bytes(random), Bytes(random));
            }
            else if (n % 100 == 7)
            {
                var level = (byte)random.Next(256);
                print = (0, Enumerable.Repeat(level, 1024).ToArray(), Enumerable.Repeat(level, 1024).ToArray());
            }
            else
            {
                print = ((ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63), Bytes(random), Bytes(random));
            }
            id.Value = n;
            width.Value = 800 - n % 20;
            path.Value = string.Create(CultureInfo.InvariantCulture, $"/photos/{n / 1000:000}/IMG_{n:0000000}.jpg");
            phash.Value = unchecked((long)print.Hash);
            grey.Value = print.Grey;
            centre.Value = print.Centre;
            command.ExecuteNonQuery();
            last = print;
        }
        transaction.Commit();
        return planted;
    }

    private static byte[] Bytes(Random random)
    {
        var bytes = new byte[1024];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Nudge(Random random, byte[] grey, int most) =>
        [.. grey.Select(g => (byte)Math.Clamp(g + random.Next(-most, most + 1), 0, 255))];

    private static ulong Flip(Random random, ulong hash, int bits)
    {
        foreach (var bit in Enumerable.Range(0, 64).OrderBy(_ => random.Next()).Take(bits))
        {
            hash ^= 1UL << bit;
        }
        return hash;
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
