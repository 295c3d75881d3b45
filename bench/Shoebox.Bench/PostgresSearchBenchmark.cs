using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Pgvector;
using Pgvector.Npgsql;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Vectors;

namespace Shoebox.Bench;

/// <summary>
/// `pgsearch`: nearest-photo queries asked of a PostgreSQL catalog (pgvector HNSW, the way `shoebox search
/// --catalog postgres://...` asks them) against the embedded in-process index, on the same generated 512-d vectors
/// (stored at float16 by both): HNSW build time, p50/p99 per query on one thread, recall@10 against the exact answer;
/// unfiltered, with a broad filter (half the photos) and a selective one (1%, scanned exactly).
/// </summary>
public static class PostgresSearchBenchmark
{
    private const int Dimensions = 512;
    private const int K = 10;
    private static readonly ModelIdentity Model = new("bench-clip", "1", Dimensions);

    public static async Task<int> RunAsync(string[] args)
    {
        var server = BenchArgs.Option(args, "--catalog") ?? Environment.GetEnvironmentVariable("SHOEBOX_CATALOG");
        if (server is null || !Library.IsDatabaseUrl(server))
        {
            Console.Error.WriteLine("usage: pgsearch --catalog postgres://user@host:port/db [--sizes 100000,1000000] [--queries N] [--pool N] [--memory 3GB] [--keep]");
            return 2;
        }
        var sizes = (BenchArgs.Option(args, "--sizes") ?? "100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var queries = BenchArgs.Int(args, "--queries", 200);
        var pool = BenchArgs.Int(args, "--pool", 100);
        var memory = BenchArgs.Option(args, "--memory") ?? "3GB";
        Console.WriteLine($"{Environment.ProcessorCount} logical cores here, {Dimensions} dimensions, {queries} queries per row, k = {K} and k = {pool} (what a search asks for), " +
            $"pgvector m {PostgresVectorSearch.M} ef_construction {PostgresVectorSearch.EfConstruction} ef_search max(k, {PostgresVectorSearch.EfSearch}), " +
            $"embedded graph (USearch) M {GraphOptions.DefaultConnectivity} efConstruction {GraphOptions.DefaultExpansionAdd} ef {GraphOptions.DefaultExpansionSearch}");
        Console.WriteLine();
        Console.WriteLine("| vectors | index | filter | k | build s | p50 ms | p99 ms | recall@10 |");
        Console.WriteLine("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var size in sizes)
        {
            await MeasureAsync(server, size, queries, pool, memory, args.Contains("--keep"));
        }
        return 0;
    }

    private static async Task MeasureAsync(string server, int size, int queryCount, int pool, string memory, bool keep)
    {
        var rows = ClusteredVectors.Generate(size + queryCount, Dimensions, seed: size);
        // Both engines hold float16; the reference and the embedded index see the very values PostgreSQL holds.
        var stored = new float[(long)size * Dimensions];
        for (long i = 0; i < stored.Length; i++)
        {
            stored[i] = (float)(Half)rows[i];
        }
        var ids = Enumerable.Range(1, size).Select(i => (long)i).ToArray();
        var queries = Enumerable.Range(size, queryCount).Select(q => rows.AsSpan(q * Dimensions, Dimensions).ToArray()).ToList();
        var half = new HashSet<long>(ids.Where(id => id % 2 == 0));
        var few = new HashSet<long>(ids.Where(id => id % 100 == 7));
        var filters = new (string Name, HashSet<long>? Allowed)[] { ("none", null), ("half", half), ("1%", few) };

        using var exact = new ExactVectorIndex(Model, size);
        for (var i = 0; i < size; i++)
        {
            exact.Upsert(ids[i], stored.AsSpan(i * Dimensions, Dimensions));
        }
        var truth = filters.ToDictionary(f => f.Name, f => queries.Select(q => Ids(exact.Search(q, K, Passes(f.Allowed)))).ToList());

        var clock = Stopwatch.StartNew();
        using (var embedded = VectorIndexChoice.Build(Model, ids, stored))
        {
            var build = clock.Elapsed.TotalSeconds;
            foreach (var (name, allowed) in filters)
            {
                foreach (var k in new[] { K, pool })
                {
                    var (times, found) = await TimedAsync(queries, q => Task.FromResult(Ids(embedded.Search(q, k, Passes(allowed)))));
                    Row(size, embedded is USearchVectorIndex ? "embedded graph" : "embedded exact", name, k, build, times, Recall(truth[name], found));
                }
            }
        }

        var database = $"shoebox_bench_{size}";
        var url = new UriBuilder(server) { Path = "/" + database }.Uri.ToString();
        Admin(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        Admin(server, $"CREATE DATABASE {database}");
        // The index build keeps the graph in memory when it fits; a build that spills is many times slower.
        Admin(server, $"ALTER DATABASE {database} SET maintenance_work_mem = '{memory}'");
        try
        {
            using var library = new TempLibrary();
            await using (await new Library(library.Folder, url).OpenAsync())
            {
                // Creates the schema.
            }
            clock.Restart();
            Load(url, stored, size);
            Console.Error.WriteLine($"{size:N0} photos loaded with COPY in {clock.Elapsed.TotalSeconds:0} s");
            await using var catalog = await new Library(library.Folder, url).OpenAsync();
            clock.Restart();
            await catalog.Vectors.EnsureIndexAsync(Model);
            var build = clock.Elapsed.TotalSeconds;
            await catalog.Vectors.NearestAsync(Model, queries[0], K); // the first query reads the index into the cache
            foreach (var (name, allowed) in filters)
            {
                foreach (var k in new[] { K, pool })
                {
                    var (times, found) = await TimedAsync(queries, async q => [.. (await catalog.Vectors.NearestAsync(Model, q, k, allowed)).Select(m => m.PhotoId)]);
                    Row(size, "postgres hnsw", name, k, build, times, Recall(truth[name], found));
                }
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (!keep)
            {
                Admin(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            }
        }
    }

    // Binary COPY, as a bulk import would: a million photos in about a minute rather than an hour of INSERTs.
    private static void Load(string url, float[] stored, int size)
    {
        var builder = new NpgsqlDataSourceBuilder(ConnectionString(url));
        builder.UseVector();
        using var source = builder.Build();
        using var connection = source.OpenConnection();
        using (var command = new NpgsqlCommand($"INSERT INTO models (id, version, dimensions, details) VALUES ('{Model.Key}', '{Model.Version}', {Dimensions}, '{{}}')", connection))
        {
            command.ExecuteNonQuery();
        }
        using (var photos = connection.BeginBinaryImport("COPY photos (id, hash, size, format, added_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (long id = 1; id <= size; id++)
            {
                photos.StartRow();
                photos.Write(id, NpgsqlDbType.Bigint);
                photos.Write(BitConverter.GetBytes(id), NpgsqlDbType.Bytea);
                photos.Write(1L, NpgsqlDbType.Bigint);
                photos.Write("jpeg", NpgsqlDbType.Text);
                photos.Write(0L, NpgsqlDbType.Bigint);
            }
            photos.Complete();
        }
        using (var locations = connection.BeginBinaryImport("COPY locations (path, root, photo_id, size, mtime, first_seen, last_seen, status) FROM STDIN (FORMAT BINARY)"))
        {
            for (long id = 1; id <= size; id++)
            {
                locations.StartRow();
                locations.Write($"/photos/{id / 500}/img_{id}.jpg", NpgsqlDbType.Text);
                locations.Write("/photos", NpgsqlDbType.Text);
                locations.Write(id, NpgsqlDbType.Bigint);
                foreach (var value in new[] { 1L, 0L, 0L, 0L })
                {
                    locations.Write(value, NpgsqlDbType.Bigint);
                }
                locations.Write("ok", NpgsqlDbType.Text);
            }
            locations.Complete();
        }
        using (var embeddings = connection.BeginBinaryImport("COPY embeddings (photo_id, model_id, vector, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            var halves = new Half[Dimensions];
            for (var i = 0; i < size; i++)
            {
                for (var j = 0; j < Dimensions; j++)
                {
                    halves[j] = (Half)stored[((long)i * Dimensions) + j];
                }
                embeddings.StartRow();
                embeddings.Write((long)i + 1, NpgsqlDbType.Bigint);
                embeddings.Write(Model.Key, NpgsqlDbType.Text);
                embeddings.Write(new HalfVector(halves), "halfvec");
                embeddings.Write(0L, NpgsqlDbType.Bigint);
            }
            embeddings.Complete();
        }
        using var analyze = new NpgsqlCommand("ANALYZE", connection);
        analyze.ExecuteNonQuery();
    }

    private static Func<long, bool>? Passes(HashSet<long>? allowed) => allowed is null ? null : allowed.Contains;

    private static List<long> Ids(IReadOnlyList<VectorHit> hits) => [.. hits.Select(h => h.PhotoId)];

    private static async Task<(double[] Milliseconds, List<List<long>> Found)> TimedAsync(List<float[]> queries, Func<float[], Task<List<long>>> search)
    {
        var times = new double[queries.Count];
        var found = new List<List<long>>();
        for (var q = 0; q < queries.Count; q++)
        {
            var start = Stopwatch.GetTimestamp();
            found.Add(await search(queries[q]));
            times[q] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return (times, found);
    }

    // Of the exact 10 nearest, how many the first 10 returned hold.
    private static double Recall(List<List<long>> truth, List<List<long>> found) =>
        truth.Zip(found).Average(p => p.First.Count == 0 ? 1 : p.First.Intersect(p.Second.Take(K)).Count() / (double)p.First.Count);

    private static void Row(int size, string index, string filter, int k, double build, double[] sorted, double recall) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {size:N0} | {index} | {filter} | {k} | {build:0.0} | {Percentile(sorted, 0.50):0.00} | {Percentile(sorted, 0.99):0.00} | {recall:0.000} |"));

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string ConnectionString(string url)
    {
        var uri = new Uri(url);
        var user = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = uri.AbsolutePath.TrimStart('/') is { Length: > 0 } name ? name : "postgres",
            Username = user[0].Length > 0 ? Uri.UnescapeDataString(user[0]) : null,
            Password = user.Length == 2 ? Uri.UnescapeDataString(user[1]) : null,
            Pooling = false,
            CommandTimeout = 0,
        };
        return builder.ConnectionString;
    }

    private static void Admin(string server, string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString(server));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private sealed class TempLibrary : IDisposable
    {
        public string Folder { get; } = Directory.CreateTempSubdirectory("shoebox-pgsearch-").FullName;

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }
}
