using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;
using Shoebox.Catalog;
using Shoebox.Cli.Commands;
using Shoebox.Tests.Catalog;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Cli;

/// <summary>
/// `shoebox worker` processes sharing one PostgreSQL catalog, as on several machines: every photo is done once, a
/// worker killed with a batch in hand loses nothing, and a database restart is ridden out.
/// </summary>
[Tier(Tier.Database)]
public class WorkerCommandTests(TinyModelFolder tiny) : IClassFixture<TinyModelFolder>
{
    private const string PendingStage = "EXISTS (SELECT 1 FROM photo_stages s WHERE s.photo_id = p.id AND s.state = 'pending')";

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Worker_SeveralSharingOneCatalog_ProcessEveryPhotoExactlyOnce(int count)
    {
        using var temp = new TempFolder();
        using var database = new PostgresEngine();
        await ScanAsync(temp, database.Url, 40);

        var workers = Enumerable.Range(0, count).Select(_ => Worker.Start(WorkerArgs(temp, database.Url, batch: 3, lease: 5), delayMs: 60)).ToList();
        var results = await Task.WhenAll(workers.Select(w => w.FinishAsync()));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Error));
        Assert.Equal(40, results.Sum(r => r.Summary.GetProperty("processed").GetInt32()));
        Assert.Equal(0L, Count(database, "SELECT count(*) FROM photo_stages WHERE state <> 'done'"));
        Assert.Equal(40L, Count(database, "SELECT count(*) FROM embeddings"));
        Assert.Equal(0L, Count(database, "SELECT count(*) FROM photos WHERE claims <> 1"));
        Assert.InRange(Count(database, "SELECT count(DISTINCT claimed_by) FROM photos"), 2, count);
    }

    [Fact]
    public async Task Worker_TwoOnOneSqliteLibrary_ProcessEveryPhotoExactlyOnce()
    {
        using var temp = new TempFolder();
        using var database = new SqliteEngine();
        for (var i = 0; i < 20; i++)
        {
            TestImages.Jpeg(temp[$"photos/{i:000}.jpg"]);
        }
        var scan = await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", database.Library, "--scan-only", "--model", tiny.Path, "--no-ocr", "--no-faces", "--json");
        Assert.True(scan.ExitCode == 0, scan.Error);
        string[] args = ["worker", "--library", database.Library, "--model", tiny.Path, "--no-ocr", "--no-faces", "--batch", "3", "--lease", "5", "--json"];

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Worker.Start(args, delayMs: 60).FinishAsync()));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Error));
        Assert.Equal(20, results.Sum(r => r.Summary.GetProperty("processed").GetInt32()));
        Assert.Equal(0L, Count(database, "SELECT count(*) FROM photo_stages WHERE state <> 'done'"));
        Assert.Equal(0L, Count(database, "SELECT count(*) FROM photos WHERE claims <> 1"));
        Assert.Equal(20, Directory.EnumerateFiles(Path.Combine(database.Library, "thumbnails", "grid"), "*.jpg", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public async Task Worker_KilledWithABatchInHand_AnotherWorkerFinishesThatBatch()
    {
        using var temp = new TempFolder();
        using var database = new PostgresEngine();
        await ScanAsync(temp, database.Url, 24);
        var doomed = Worker.Start(WorkerArgs(temp, database.Url, batch: 6, lease: 2), delayMs: 300);

        await WaitUntilAsync(() => Count(database, "SELECT count(*) FROM photo_stages WHERE stage = 'thumbnails' AND state = 'done'") >= 1
            && Count(database, $"SELECT count(*) FROM photos p WHERE claims > 0 AND {PendingStage}") > 0);
        doomed.Kill();
        var unfinished = Ids(database, $"SELECT string_agg(id::text, ',' ORDER BY id) FROM photos p WHERE claims > 0 AND {PendingStage}");
        var survivor = await Worker.Start(WorkerArgs(temp, database.Url, batch: 6, lease: 2), delayMs: 10).FinishAsync();

        Assert.True(survivor.ExitCode == 0, survivor.Error);
        Assert.NotEmpty(unfinished);
        Assert.Equal(0L, Count(database, "SELECT count(*) FROM photo_stages WHERE state <> 'done'"));
        Assert.Equal(24L, Count(database, "SELECT count(*) FROM embeddings"));
        Assert.Equal(unfinished, Ids(database, "SELECT string_agg(id::text, ',' ORDER BY id) FROM photos WHERE claims = 2"));
        Assert.Equal(0L, Count(database, "SELECT count(*) FROM photos WHERE claims > 2"));
        var name = survivor.Summary.GetProperty("worker").GetString();
        Assert.Equal(unfinished.Count, Count(database, $"SELECT count(*) FROM photos WHERE claims = 2 AND claimed_by = '{name}'"));
    }

    [Fact]
    public async Task Worker_FilesMountedElsewhere_ReadsThemThroughMapAndWithoutItLeavesThemPending()
    {
        using var temp = new TempFolder();
        using var database = new PostgresEngine();
        await ScanAsync(temp, database.Url, 6);
        Directory.Move(temp["photos"], temp["mounted"]); // this machine sees the share under another folder

        var unmapped = await Worker.Start(WorkerArgs(temp, database.Url, batch: 4, lease: 5), delayMs: 0).FinishAsync();
        var pendingAfterUnmapped = Count(database, "SELECT count(*) FROM photo_stages WHERE state = 'pending'");
        var mapped = await Worker.Start([.. WorkerArgs(temp, database.Url, batch: 4, lease: 5), "--map", $"{temp["photos"]}={temp["mounted"]}"], delayMs: 0)
            .FinishAsync();

        Assert.True(unmapped.ExitCode == 0, unmapped.Error);
        Assert.Equal(0, unmapped.Summary.GetProperty("processed").GetInt32());
        Assert.True(pendingAfterUnmapped > 0);
        Assert.True(mapped.ExitCode == 0, mapped.Error);
        Assert.Equal(6, mapped.Summary.GetProperty("processed").GetInt32());
        Assert.Equal(0L, Count(database, "SELECT count(*) FROM photo_stages WHERE state <> 'done'"));
        Assert.Equal(6L, Count(database, $"SELECT count(*) FROM locations WHERE path LIKE '{temp["photos"]}/%'")); // the catalog keeps its paths
    }

    [Fact]
    public async Task Worker_Watching_TakesWhatALaterScanBringsUntilStopped()
    {
        using var temp = new TempFolder();
        using var database = new PostgresEngine();
        await ScanAsync(temp, database.Url, 5);
        var worker = Worker.Start([.. WorkerArgs(temp, database.Url, batch: 3, lease: 5), "--watch"], delayMs: 0);

        await WaitUntilAsync(() => Count(database, "SELECT count(*) FROM embeddings") == 5);
        await ScanAsync(temp, database.Url, 4, prefix: "later-");
        await WaitUntilAsync(() => Count(database, "SELECT count(*) FROM embeddings") == 9);
        worker.Terminate();
        var result = await worker.FinishAsync();

        Assert.True(result.ExitCode == 130, result.Error);
        Assert.Equal(9, result.Summary.GetProperty("processed").GetInt32());
        Assert.True(result.Summary.GetProperty("interrupted").GetBoolean());
    }

    [RootFact]
    public async Task Worker_DatabaseRestartedMidRun_WorkersReconnectAndFinish()
    {
        using var temp = new TempFolder();
        using var server = new PrivateServer();
        server.Start();
        var url = server.Url;
        await ScanAsync(temp, url, 40);
        var workers = Enumerable.Range(0, 2).Select(_ => Worker.Start(WorkerArgs(temp, url, batch: 4, lease: 3), delayMs: 80)).ToList();

        await WaitUntilAsync(() => PrivateServer.Count(url, "SELECT count(*) FROM photo_stages WHERE stage = 'thumbnails' AND state = 'done'") >= 8);
        server.Stop();
        await Task.Delay(1500);
        server.Start();
        var results = await Task.WhenAll(workers.Select(w => w.FinishAsync()));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Error));
        Assert.Contains(results, r => r.Summary.GetProperty("reconnects").GetInt32() > 0);
        Assert.Contains("answers again", string.Concat(results.Select(r => r.Error)), StringComparison.Ordinal);
        Assert.Equal(0L, PrivateServer.Count(url, "SELECT count(*) FROM photo_stages WHERE state <> 'done'"));
        Assert.Equal(40L, PrivateServer.Count(url, "SELECT count(*) FROM embeddings"));
    }

    private async Task ScanAsync(TempFolder temp, string url, int photos, string prefix = "")
    {
        for (var i = 0; i < photos; i++)
        {
            TestImages.Jpeg(temp[$"photos/{prefix}{i:000}.jpg"]);
        }
        var scan = await Fixtures.Cli.RunAsync(
            "index", temp["photos"], "--library", temp["coordinator"], "--catalog", url, "--scan-only", "--model", tiny.Path, "--no-ocr", "--no-faces", "--json");
        Assert.True(scan.ExitCode == 0, scan.Error);
        Assert.Equal(0, scan.Json.GetProperty("processed").GetInt32());
    }

    private string[] WorkerArgs(TempFolder temp, string url, int batch, int lease) =>
        ["worker", "--catalog", url, "--library", temp["workers"], "--model", tiny.Path, "--no-ocr", "--no-faces", "--no-tags",
            "--batch", $"{batch}", "--lease", $"{lease}", "--json"];

    private static long Count(CatalogEngine database, string sql) => Convert.ToInt64(database.Query(sql));

    private static List<long> Ids(CatalogEngine database, string sql) =>
        database.Query(sql) is string ids ? [.. ids.Split(',').Select(long.Parse)] : [];

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the workers did not get that far within a minute");
            await Task.Delay(20);
        }
    }

    private sealed record Finished(int ExitCode, JsonElement Summary, string Error);

    /// <summary>A worker as a process of its own, its output read as it comes so it never blocks on a full pipe.</summary>
    private sealed class Worker
    {
        private readonly Process _process;
        private readonly Task<string> _output;
        private readonly Task<string> _error;

        private Worker(Process process)
        {
            _process = process;
            _output = process.StandardOutput.ReadToEndAsync();
            _error = process.StandardError.ReadToEndAsync();
        }

        public static Worker Start(string[] args, int delayMs)
        {
            var info = Fixtures.Cli.StartInfo(args);
            info.Environment[WorkerCommand.TestDelayVariable] = $"{delayMs}";
            return new Worker(Process.Start(info)!);
        }

        /// <summary>SIGTERM, as a service manager stops it: the worker finishes what it can and says what it did.</summary>
        public void Terminate()
        {
            using var kill = Process.Start("kill", ["-TERM", $"{_process.Id}"]);
            kill.WaitForExit();
        }

        public void Kill()
        {
            _process.Kill(entireProcessTree: true); // SIGKILL: no cleanup, no release of its claims
            _process.WaitForExit();
        }

        public async Task<Finished> FinishAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await _process.WaitForExitAsync(timeout.Token);
            var output = await _output;
            var error = await _error;
            var code = _process.ExitCode;
            _process.Dispose();
            return new Finished(code, output.Trim().Length > 0 ? JsonDocument.Parse(output).RootElement : default, error);
        }
    }

    /// <summary>
    /// A PostgreSQL server of this test's own (tools/postgres/start.sh with its own data folder and port), so that
    /// restarting it disturbs no other test.
    /// </summary>
    private sealed class PrivateServer : IDisposable
    {
        private readonly string _data = "/var/lib/postgresql/shoebox-worker-test-" + Guid.NewGuid().ToString("N")[..8];
        private readonly int _port = FreePort();

        public string Url { get; private set; } = "";

        public void Start() => Url = Script("start.sh").Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim();

        public void Stop() => Script("stop.sh");

        public static long Count(string url, string sql)
        {
            var builder = new NpgsqlConnectionStringBuilder(PostgresAddress.Parse(url).ConnectionString) { Pooling = false };
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar());
        }

        public void Dispose()
        {
            try
            {
                Stop();
            }
            catch (InvalidOperationException)
            {
                // Already stopped.
            }
            var root = Environment.GetEnvironmentVariable("SHOEBOX_POSTGRES_ROOT") is { Length: > 0 } set
                ? set
                : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache
                    ? cache
                    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "shoebox-ci", "postgres-trixie");
            var folder = root + _data;
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        private string Script(string name)
        {
            var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(Path.Combine(Repository.Root, "tools", "postgres", name));
            info.Environment["SHOEBOX_POSTGRES_PORT"] = $"{_port}";
            info.Environment["SHOEBOX_POSTGRES_DATA"] = _data;
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)) || process.ExitCode != 0)
            {
                throw new InvalidOperationException($"tools/postgres/{name} failed: {error}");
            }
            return output.Result;
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
