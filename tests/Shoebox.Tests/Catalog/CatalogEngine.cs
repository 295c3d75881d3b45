using Microsoft.Data.Sqlite;
using Npgsql;
using Pgvector.Npgsql;
using Shoebox.Catalog;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Catalog;

/// <summary>A fresh, empty catalog on one engine for one test, and a way to reach its tables behind the catalog's back.</summary>
public abstract class CatalogEngine : IDisposable
{
    public abstract Task<PhotoCatalog> OpenAsync();

    /// <summary>Runs SQL on the catalog's database directly (one connection, outside any catalog instance).</summary>
    public abstract object? Query(string sql);

    /// <summary>Makes the catalog look written by a later Shoebox.</summary>
    public abstract void MarkNewerSchema();

    public abstract void Dispose();
}

/// <summary>Tests that run once per engine: each test gets an engine of its own, disposed after it.</summary>
public abstract class CatalogEngineTests(CatalogEngine engine) : IDisposable
{
    protected CatalogEngine Engine { get; } = engine;

    public void Dispose()
    {
        Engine.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteEngine : CatalogEngine
{
    private readonly TempFolder _temp = new();

    public string Library => _temp.Library;

    public override Task<PhotoCatalog> OpenAsync() => new Shoebox.Catalog.Library(_temp.Library).OpenAsync();

    public override object? Query(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_temp.Library, PhotoCatalog.FileName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public override void MarkNewerSchema() => Query($"PRAGMA user_version = {PhotoCatalog.SchemaVersion + 5}");

    public override void Dispose() => _temp.Dispose();
}

/// <summary>
/// A database of its own on the server named by SHOEBOX_TEST_POSTGRES (tools/postgres/start.sh prints such a URL),
/// dropped afterwards. Without the variable the test fails and says how to get a server: these tests are not skipped.
/// </summary>
public sealed class PostgresEngine : CatalogEngine
{
    public const string Variable = "SHOEBOX_TEST_POSTGRES";

    private readonly TempFolder _temp = new();
    private readonly string _server;
    private readonly string _database = "shoebox_test_" + Guid.NewGuid().ToString("N");
    private NpgsqlDataSource? _direct;

    public PostgresEngine()
    {
        _server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url
            ? url
            : throw new InvalidOperationException(
                $"{Variable} is not set: the PostgreSQL catalog tests need a server with pgvector. Run tools/postgres/start.sh " +
                $"(as root; it makes one in a cache folder) and export {Variable}=<the URL it prints on its last line>.");
        Url = new UriBuilder(_server) { Path = "/" + _database }.Uri.ToString();
        Run(_server, $"CREATE DATABASE {_database}");
    }

    public string Url { get; }

    public override Task<PhotoCatalog> OpenAsync() => new Shoebox.Catalog.Library(_temp.Library, Url).OpenAsync();

    public override object? Query(string sql) => Run(Url, sql);

    /// <summary>A connection of its own to the test's database (vector types included), outside any catalog instance and any pool.</summary>
    public NpgsqlConnection Connect()
    {
        if (_direct is null)
        {
            var builder = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(PostgresAddress.Parse(Url).ConnectionString) { Pooling = false }.ConnectionString);
            builder.UseVector();
            _direct = builder.Build();
        }
        return _direct.OpenConnection();
    }

    public override void MarkNewerSchema() => Query("UPDATE shoebox_schema SET version = version + 5");

    public override void Dispose()
    {
        _direct?.Dispose();
        NpgsqlConnection.ClearAllPools();
        Run(_server, $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        _temp.Dispose();
    }

    private static object? Run(string url, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresAddress.Parse(url).ConnectionString) { Pooling = false };
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
