using System.Data.Common;

namespace Shoebox.Catalog;

/// <summary>
/// What the catalog's SQL says differently on each engine it runs on (SQLite, PostgreSQL). The catalog's logic and
/// the rest of its SQL are written once; only these pieces are asked of the engine.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>A condition: <paramref name="part"/> occurs in <paramref name="text"/>.</summary>
    public abstract string Contains(string text, string part);

    /// <summary>LIKE, matching ASCII letters of either case (SQLite's LIKE does; PostgreSQL's ILIKE is the one that does).</summary>
    public abstract string CaselessLike { get; }

    /// <summary>The text value of <paramref name="key"/> in the JSON object held as text in <paramref name="json"/>.</summary>
    public abstract string JsonText(string json, string key);

    /// <summary>The number at <paramref name="key"/> in <paramref name="json"/>; null for null or text that is not JSON.</summary>
    public abstract string JsonNumber(string json, string key);

    /// <summary>A condition: <paramref name="json"/> is a JSON object whose <paramref name="key"/> is true; false for null or text that is not JSON.</summary>
    public abstract string JsonIsTrue(string json, string key);

    /// <summary>A condition: <paramref name="expression"/> is one of the list bound to <paramref name="parameter"/> by <see cref="ListValue"/>.</summary>
    public abstract string InList(string expression, string parameter);

    public abstract object ListValue<T>(IReadOnlyCollection<T> values);

    /// <summary>The values of <paramref name="expression"/> in a group, joined with tabs.</summary>
    public abstract string JoinedWithTabs(string expression);

    /// <summary>A JSON array (as text, "[]" when empty) of <paramref name="column"/> from the rows of <paramref name="table"/> that match.</summary>
    public abstract string JsonArray(string column, string table, string where, string orderBy);

    /// <summary>
    /// Binds the full-text query for <paramref name="terms"/> to <paramref name="command"/> and returns the SQL that
    /// stands for it in <see cref="NameMatches"/> and <see cref="TextMatches"/>; null when no term can match anything.
    /// A bare word also matches as a prefix ("cat" finds "cats") from three letters on (see <see cref="IsPrefix"/>).
    /// </summary>
    public abstract string? TextQuery(DbCommand command, IReadOnlyList<TextTerm> terms, bool any);

    // Shorter prefixes match most of a library and say little.
    protected static bool IsPrefix(TextTerm term) => !term.IsPhrase && term.Text.Length >= 3;

    /// <summary>Photo ids (photo_id) and ranks (rank, lower is better) of the files whose name below their root matches.</summary>
    public abstract string NameMatches(string query);

    /// <summary>Photo ids and ranks of the texts that match.</summary>
    public abstract string TextMatches(string query);

    /// <summary>The database's clock in unix milliseconds: leases are timed by it, so the machines' clocks need not agree.</summary>
    public abstract string NowMilliseconds { get; }

    /// <summary>The end of a SELECT that claims rows: those another transaction holds are passed over, not waited for.</summary>
    public abstract string SkipLocked { get; }

    public abstract object VectorValue(ReadOnlySpan<float> vector);

    public abstract float[] ReadVector(DbDataReader reader, int ordinal);

    /// <summary>The engine's own consistency check; "ok" when sound.</summary>
    public abstract Task<string> CheckIntegrityAsync(DbConnection connection);

    /// <summary>A check of every page that skips what only the full check compares (indexes against their tables); "ok" when sound.</summary>
    public abstract Task<string> QuickCheckAsync(DbConnection connection);

    /// <summary>The error as the user should read it, or <paramref name="error"/> itself when there is nothing to add.</summary>
    public abstract Exception Translate(DbException error, string address);
}
