using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Indexing;
using Shoebox.Models.Registry;
using Shoebox.Models.Synth;
using static Shoebox.Bench.BenchArgs;

namespace Shoebox.Bench;

/// <summary>
/// Throughput of `shoebox worker` processes sharing one PostgreSQL catalog: for each worker count, a fresh database,
/// a scan of the images (`index --scan-only`, not timed), then N workers started at once and timed until the last
/// one stops (process start and model loading included). OCR and tags off: the decode, thumbnail and model pipeline.
/// </summary>
internal static class WorkersBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var server = Option(args, "--catalog") ?? Environment.GetEnvironmentVariable("SHOEBOX_TEST_POSTGRES");
        var images = Option(args, "--images") ?? SharedData.Find("shared/data/memes");
        var shoebox = Option(args, "--shoebox") ?? SharedData.Find("src/Shoebox.Cli/bin/Release/net10.0/shoebox");
        var counts = (Option(args, "--counts") ?? "1,2,4").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();
        var batch = Int(args, "--batch", 16);
        if (server is null || !Library.IsDatabaseUrl(server) || images is null || !Directory.Exists(images) || shoebox is null || !File.Exists(shoebox))
        {
            Console.Error.WriteLine("error: needs --catalog postgres://... (a server where databases may be created; default $SHOEBOX_TEST_POSTGRES), " +
                "--images DIR (default ../shared/data/memes) and --shoebox PATH (default src/Shoebox.Cli/bin/Release/net10.0/shoebox)");
            return 2;
        }
        var work = Directory.CreateTempSubdirectory("shoebox-workers-").FullName;
        try
        {
            var modelDir = Path.Combine(work, "model");
            SyntheticModels.Write("vit-b32", modelDir, seed: 1);
            var descriptor = LocalModel.Open(modelDir).Descriptor;
            var model = new ModelIdentity(descriptor.Id, descriptor.Version, descriptor.Dimensions);
            Console.WriteLine($"{images}, generated vit-b32, OCR and tags off, batches of {batch}, {Environment.ProcessorCount} cores");
            double? single = null;
            foreach (var count in counts)
            {
                var database = $"shoebox_bench_workers_{count}_{Guid.NewGuid().ToString("N")[..8]}";
                var url = WithDatabase(server, database);
                Execute(server, $"CREATE DATABASE {database}");
                try
                {
                    var scan = await new Indexer(new IndexingPipeline(
                        new Library(Path.Combine(work, $"coordinator-{count}"), url),
                        new IndexSettings { ScanOnly = true },
                        new IndexingServices { Model = model })).RunAsync(new IndexTargets([images]), CancellationToken.None);
                    var photos = scan.New; // distinct contents: a file that copies another is one photo with two paths
                    var clock = Stopwatch.StartNew();
                    var processes = Enumerable.Range(0, count).Select(_ => StartWorker(shoebox, url, Path.Combine(work, $"library-{count}"), modelDir, batch)).ToList();
                    var outputs = await Task.WhenAll(processes.Select(async p =>
                    {
                        var output = await p.StandardOutput.ReadToEndAsync();
                        await p.WaitForExitAsync();
                        return (p.ExitCode, output);
                    }));
                    var seconds = clock.Elapsed.TotalSeconds;
                    if (outputs.FirstOrDefault(o => o.ExitCode != 0) is { ExitCode: not 0 } failed)
                    {
                        Console.Error.WriteLine($"error: a worker failed with exit code {failed.ExitCode}");
                        return 1;
                    }
                    var processed = outputs.Select(o => JsonDocument.Parse(o.output).RootElement.GetProperty("processed").GetInt32()).ToList();
                    var rate = processed.Sum() / seconds;
                    single ??= rate;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{count} worker(s): {processed.Sum()} of {photos} photos in {seconds:0.0} s = {rate:0.0} photos/s ({rate / single:0.00}x one worker); per worker {string.Join(" + ", processed)}"));
                }
                finally
                {
                    if (!args.Contains("--keep"))
                    {
                        NpgsqlConnection.ClearAllPools();
                        Execute(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
                    }
                }
            }
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static Process StartWorker(string shoebox, string url, string library, string model, int batch)
    {
        var info = new ProcessStartInfo(shoebox) { RedirectStandardOutput = true, RedirectStandardError = false, UseShellExecute = false };
        foreach (var argument in new[] { "worker", "--catalog", url, "--library", library, "--model", model, "--no-ocr", "--no-tags", "--offline",
            "--batch", batch.ToString(CultureInfo.InvariantCulture), "--json" })
        {
            info.ArgumentList.Add(argument);
        }
        return Process.Start(info)!;
    }

    private static string WithDatabase(string url, string database) => new UriBuilder(url) { Path = "/" + database }.Uri.ToString();

    private static void Execute(string url, string sql)
    {
        var uri = new Uri(url);
        var user = Uri.UnescapeDataString(uri.UserInfo.Split(':')[0]);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Username = user.Length > 0 ? user : null,
            Password = uri.UserInfo.Contains(':', StringComparison.Ordinal) ? Uri.UnescapeDataString(uri.UserInfo[(uri.UserInfo.IndexOf(':', StringComparison.Ordinal) + 1)..]) : null,
            Database = uri.AbsolutePath.Trim('/') is { Length: > 0 } name ? name : "postgres",
            Pooling = false,
        };
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
