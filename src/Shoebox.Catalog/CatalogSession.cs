using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Shoebox.Catalog;

/// <summary>
/// The catalog's one connection as its stores use it: statements bound to the batch in progress (if any), prepared
/// once and reused, and every database error turned into what the user can act on (see <see cref="SqlDialect.Translate"/>).
/// Used by one caller at a time, like the connection under it.
/// </summary>
internal sealed class CatalogSession(SqlDialect dialect, DbConnection connection, string address) : IAsyncDisposable
{
    // Statements are kept by their text for the connection's life. Text built per call (filters) varies, so the set
    // is bounded: when it is full it starts again, and the statements in use are soon kept again.
    private const int MaxPrepared = 256;

    private readonly Dictionary<string, DbCommand> _prepared = new(StringComparer.Ordinal);

    public SqlDialect Dialect { get; } = dialect;

    public DbConnection Connection { get; } = connection;

    public string Address { get; } = address;

    /// <summary>Open, with no batch left open: fit to be lent again (see <see cref="CatalogPool"/>).</summary>
    public bool IsUsable => Transaction is null && Connection.State == System.Data.ConnectionState.Open;

    /// <summary>The batch's transaction while one is open: every statement joins it.</summary>
    public DbTransaction? Transaction { get; private set; }

    public async Task BeginAsync()
    {
        if (Transaction is not null)
        {
            throw new InvalidOperationException("A catalog batch is already open on this connection.");
        }
        Transaction = await GuardAsync(async () => await Connection.BeginTransactionAsync());
    }

    public async Task CommitAsync()
    {
        var transaction = Transaction ?? throw new InvalidOperationException("No catalog batch is open.");
        await GuardAsync(() => transaction.CommitAsync());
        await EndAsync();
    }

    /// <summary>Ends the open batch; what it did is undone unless it was committed.</summary>
    public async Task EndAsync()
    {
        if (Transaction is { } transaction)
        {
            Transaction = null;
            await transaction.DisposeAsync();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the open batch, or in a transaction of its own when none is open: statements
    /// that belong together are never seen half done.
    /// </summary>
    public async Task<T> AtomicAsync<T>(Func<Task<T>> work)
    {
        if (Transaction is not null)
        {
            return await work();
        }
        await BeginAsync();
        try
        {
            var result = await work();
            await CommitAsync();
            return result;
        }
        finally
        {
            await EndAsync();
        }
    }

    public Task AtomicAsync(Func<Task> work) => AtomicAsync(async () =>
    {
        await work();
        return true;
    });

    public Task<int> ExecuteAsync(string sql, Action<DbCommand>? bind = null) => RunAsync(sql, bind, command => command.ExecuteNonQueryAsync());

    public Task<object?> ScalarAsync(string sql, Action<DbCommand>? bind = null) => RunAsync(sql, bind, async command =>
    {
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    });

    public async Task<long> CountAsync(string sql, Action<DbCommand>? bind = null) => Convert.ToInt64(await ScalarAsync(sql, bind));

    /// <summary>Every row, read by <paramref name="read"/>.</summary>
    public Task<List<T>> ListAsync<T>(string sql, Action<DbCommand>? bind, Func<DbDataReader, T> read) => RunAsync(sql, bind, async command =>
    {
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }
        return rows;
    });

    /// <summary>
    /// The rows one at a time, on a command of their own: a million vectors are handed on, never held together.
    /// The connection is busy until the enumeration ends.
    /// </summary>
    public async IAsyncEnumerable<T> StreamAsync<T>(
        string sql, Action<DbCommand>? bind, Func<DbDataReader, T> read, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = Create(sql);
        bind?.Invoke(command);
        var reader = await GuardAsync(() => command.ExecuteReaderAsync(cancellationToken));
        await using (reader)
        {
            while (await GuardAsync(() => reader.ReadAsync(cancellationToken)))
            {
                yield return read(reader);
            }
        }
    }

    /// <summary>A command of its own (not prepared, not shared) in the open batch, for statements that need settings of their own.</summary>
    public DbCommand Create(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        return command;
    }

    public async Task<T> GuardAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (DbException e)
        {
            var translated = Dialect.Translate(e, Address);
            if (ReferenceEquals(translated, e))
            {
                throw;
            }
            throw translated;
        }
    }

    public Task GuardAsync(Func<Task> action) => GuardAsync(async () =>
    {
        await action();
        return true;
    });

    public async ValueTask DisposeAsync()
    {
        await EndAsync();
        await ForgetPreparedAsync();
        await Connection.DisposeAsync();
    }

    private async Task<T> RunAsync<T>(string sql, Action<DbCommand>? bind, Func<DbCommand, Task<T>> run)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            if (_prepared.Count >= MaxPrepared)
            {
                await ForgetPreparedAsync();
            }
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _prepared[sql] = command;
        }
        command.Transaction = Transaction;
        command.Parameters.Clear();
        bind?.Invoke(command);
        return await GuardAsync(() => run(command));
    }

    private async Task ForgetPreparedAsync()
    {
        foreach (var command in _prepared.Values)
        {
            await command.DisposeAsync();
        }
        _prepared.Clear();
    }
}
