using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Shoebox.Sources.Sqlite;

/// <summary>What tables and columns a database has, and values read leniently (SQLite columns are untyped).</summary>
internal static class SqliteSchema
{
    public static HashSet<string> Tables(SqliteConnection connection)
    {
        var tables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }
        return tables;
    }

    public static HashSet<string> Columns(SqliteConnection connection, string table)
    {
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table.Replace("'", "''", StringComparison.Ordinal)}')";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }
        return columns;
    }

    public static double? Double(SqliteDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        long value => value,
        double value => value,
        string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) => value,
        _ => null,
    };

    public static long? Long(SqliteDataReader reader, int ordinal) => Double(reader, ordinal) is { } value ? (long)Math.Round(value) : null;

    /// <summary>The text trimmed, or null when there is none: catalogs store blanks and padding alike.</summary>
    public static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static string? Text(SqliteDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        string text => text,
        long value => value.ToString(CultureInfo.InvariantCulture),
        double value => value.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>Runs <paramref name="sql"/> and hands each row to <paramref name="row"/>.</summary>
    public static void ForEach(SqliteConnection connection, string sql, Action<SqliteDataReader> row)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }
    }
}
