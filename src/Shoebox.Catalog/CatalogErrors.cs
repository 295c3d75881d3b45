using Microsoft.Data.Sqlite;
using Shoebox.Core;

namespace Shoebox.Catalog;

/// <summary>Turns SQLite's error codes into messages that say what the user can do about them.</summary>
internal static class CatalogErrors
{
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int NotADatabase = 26;

    public static Exception Translate(SqliteException e, string catalogPath) => e.SqliteErrorCode switch
    {
        Full => new LibraryUnavailableException(
            $"The disk holding the library is full ({catalogPath}). Work finished so far is saved; free some space and run the command again.", e),
        ReadOnly => new LibraryUnavailableException(
            $"The library cannot be written ({catalogPath} is read-only). Choose a writable folder with --library.", e),
        CantOpen => new LibraryUnavailableException(
            $"The catalog cannot be opened at {catalogPath} (missing permission or folder). Choose a writable folder with --library.", e),
        NotADatabase => new LibraryUnavailableException(
            $"{catalogPath} is not a Shoebox catalog (the file is not an SQLite database). Move it away or choose another --library.", e),
        Corrupt => new LibraryUnavailableException(
            $"The catalog at {catalogPath} is damaged ({e.Message}). Restore it from a backup or move it away to start a new one.", e),
        IoError => new LibraryUnavailableException($"The catalog at {catalogPath} could not be read or written: {e.Message}", e),
        _ => e,
    };

    public static T Guard<T>(string catalogPath, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException e)
        {
            var translated = Translate(e, catalogPath);
            if (ReferenceEquals(translated, e))
            {
                throw;
            }
            throw translated;
        }
    }

    public static void Guard(string catalogPath, Action action) => Guard(catalogPath, () =>
    {
        action();
        return true;
    });
}
