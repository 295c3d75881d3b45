using System.Collections.Concurrent;
using System.Data.Common;
using System.Net.Sockets;
using Npgsql;
using Pgvector;
using Pgvector.Npgsql;
using Shoebox.Core;

namespace Shoebox.Catalog;

/// <summary>
/// The catalog in a PostgreSQL database (with the pgvector and unaccent extensions): full text in tsvector columns
/// with GIN indexes, vectors as halfvec, lists bound as arrays. Several machines may share one.
/// </summary>
internal sealed class PostgresDialect : SqlDialect
{
    public static readonly PostgresDialect Instance = new();

    // One pool per database for the life of the process: a catalog is opened per request or run, and a fresh data
    // source would connect and learn the server's types again each time.
    private static readonly ConcurrentDictionary<string, NpgsqlDataSource> DataSources = new(StringComparer.Ordinal);

    public static async Task<PhotoCatalog> OpenAsync(string url, CancellationToken cancellationToken)
    {
        var (connectionString, address) = PostgresAddress.Parse(url);
        var dataSource = DataSources.GetOrAdd(connectionString, static key =>
        {
            var builder = new NpgsqlDataSourceBuilder(key);
            builder.UseVector();
            return builder.Build();
        });
        NpgsqlConnection? connection = null;
        try
        {
            try
            {
                connection = await dataSource.OpenConnectionAsync(cancellationToken);
                if (await MigrateAsync(connection, address, cancellationToken))
                {
                    await connection.ReloadTypesAsync(cancellationToken); // the extensions' types (halfvec) were made after the connection learnt the types
                }
            }
            catch (NpgsqlException e) when (!ReferenceEquals(Instance.Translate(e, address), e))
            {
                throw Instance.Translate(e, address);
            }
            return new PhotoCatalog(Instance, connection, address);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
            throw;
        }
    }

    // Under a transaction-scoped advisory lock, so catalogs opened at the same moment on several machines do not
    // apply a step twice. Returns whether the schema was not complete when the connection opened (then its types,
    // learnt on opening, may lack the extensions' even if another process applied the steps meanwhile).
    private static async Task<bool> MigrateAsync(NpgsqlConnection connection, string address, CancellationToken cancellationToken)
    {
        var latest = PostgresMigrations.All.Count;
        if (await connection.ScalarAsync("SELECT to_regclass('shoebox_schema') IS NOT NULL", cancellationToken) is true
            && Convert.ToInt32(await connection.ScalarAsync("SELECT version FROM shoebox_schema", cancellationToken)) == latest)
        {
            return false;
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('shoebox catalog schema'))", cancellationToken, transaction);
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS shoebox_schema (version integer NOT NULL)", cancellationToken, transaction);
        var version = Convert.ToInt32(await connection.ScalarAsync("SELECT coalesce(max(version), 0) FROM shoebox_schema", cancellationToken, transaction));
        if (version > latest)
        {
            throw new LibraryUnavailableException(
                $"The catalog at {address} was written by a newer Shoebox (catalog schema {version}; this version knows up to {latest}). Upgrade Shoebox.");
        }
        for (var next = version; next < latest; next++)
        {
            await connection.ExecuteAsync(PostgresMigrations.All[next], cancellationToken, transaction);
        }
        await connection.ExecuteAsync($"DELETE FROM shoebox_schema; INSERT INTO shoebox_schema (version) VALUES ({latest})", cancellationToken, transaction);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public override string Contains(string text, string part) => $"strpos({text}, {part}) > 0";

    public override string CaselessLike => "ILIKE";

    public override string JsonText(string json, string key) => $"({json}::jsonb ->> '{key}')";

    public override string JsonNumber(string json, string key) =>
        $"(CASE WHEN {json} IS JSON OBJECT THEN ({json}::jsonb ->> '{key}')::float8 END)";

    public override string JsonIsTrue(string json, string key) =>
        $"(CASE WHEN {json} IS JSON OBJECT THEN coalesce(({json}::jsonb -> '{key}') = 'true'::jsonb, false) ELSE false END)";

    public override string InList(string expression, string parameter) => $"({expression} = ANY({parameter}))";

    public override object ListValue<T>(IReadOnlyCollection<T> values) => values.ToArray();

    public override string JoinedWithTabs(string expression) => $"string_agg({expression}, chr(9))";

    public override string JsonArray(string column, string table, string where, string orderBy) =>
        $"coalesce((SELECT json_agg({column} ORDER BY {orderBy})::text FROM {table} WHERE {where}), '[]')";

    // Terms are bound as they are and made into a tsquery by shoebox_query, the same way the indexed words were made.
    public override string? TextQuery(DbCommand command, IReadOnlyList<TextTerm> terms, bool any)
    {
        var usable = terms.Where(t => t.Text.Any(char.IsLetterOrDigit)).ToList();
        if (usable.Count == 0)
        {
            return null;
        }
        var parts = usable.Select((term, i) =>
        {
            command.Bind($"@term{i}", term.Text);
            return $"shoebox_query(@term{i}, {(IsPrefix(term) ? "true" : "false")})";
        });
        return "(" + string.Join(any ? " || " : " && ", parts) + ")";
    }

    // ts_rank grows with the match; negated, lower is better as with bm25.
    public override string NameMatches(string query) => $"""
        SELECT l.photo_id, -ts_rank(l.name_words, {query})::float8 AS rank FROM locations l
        WHERE l.name_words @@ {query} AND l.status = 'ok' AND l.photo_id IS NOT NULL
        """;

    public override string TextMatches(string query) => $"""
        SELECT t.photo_id, -ts_rank(t.words, {query})::float8 AS rank FROM texts t
        WHERE t.words @@ {query}
        """;

    public override string NowMilliseconds => "(extract(epoch FROM clock_timestamp()) * 1000)::bigint";

    public override string SkipLocked => "FOR UPDATE SKIP LOCKED";

    public override object VectorValue(ReadOnlySpan<float> vector)
    {
        var halves = new Half[vector.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            halves[i] = (Half)vector[i];
        }
        return new HalfVector(halves);
    }

    public override float[] ReadVector(DbDataReader reader, int ordinal) =>
        [.. reader.GetFieldValue<HalfVector>(ordinal).ToArray().Select(h => (float)h)];

    // The server keeps its own files sound (and reports damage as errors); there is nothing to run from here.
    public override Task<string> CheckIntegrityAsync(DbConnection connection) => Task.FromResult("ok");

    // The server keeps its own pages (checksums, WAL replay): nothing for a client to read through.
    public override Task<string> QuickCheckAsync(DbConnection connection) => Task.FromResult("ok");

    public override Exception Translate(DbException error, string address) => error switch
    {
        PostgresException { SqlState: "3D000" } e => new LibraryUnavailableException(
            $"The catalog database at {address} does not exist: create it (createdb) or correct --catalog.", e),
        PostgresException { SqlState: "28P01" or "28000" } e => new LibraryUnavailableException(
            $"PostgreSQL refused the login for the catalog at {address}: {e.MessageText}", e),
        PostgresException { SqlState: "0A000" or "58P01" } e when e.MessageText.Contains("extension", StringComparison.Ordinal) => new LibraryUnavailableException(
            $"The PostgreSQL server of the catalog at {address} lacks an extension the catalog needs ({e.MessageText}). Install pgvector (the postgresql-NN-pgvector package, or the pgvector/pgvector container image).", e),
        PostgresException { SqlState: "42501" } e when e.MessageText.Contains("extension", StringComparison.Ordinal) => new LibraryUnavailableException(
            $"The catalog at {address} needs the extensions vector and unaccent, which this user may not create: have the database owner run CREATE EXTENSION vector; CREATE EXTENSION unaccent;", e),
        PostgresException { SqlState: "53100" } e => new LibraryUnavailableException(
            $"The disk of the PostgreSQL server holding the catalog at {address} is full. Work finished so far is saved; free some space and run the command again.", e),
        NpgsqlException { InnerException: SocketException or IOException or TimeoutException } e => new LibraryUnavailableException(
            $"The catalog database at {address} cannot be reached ({e.InnerException!.Message}). Check that PostgreSQL runs there and the URL given with --catalog.", e),
        _ => error,
    };
}
