using Shoebox.Core;

namespace Shoebox.Catalog;

/// <summary>
/// Where a library lives: its folder (thumbnails, vector index files, the lock, and catalog.db unless
/// <see cref="CatalogUrl"/> names a PostgreSQL database shared by several machines). The one place that knows whether a
/// library exists and how its catalog is opened.
/// </summary>
public sealed record Library
{
    public Library(string folder, string? catalogUrl = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = Path.GetFullPath(folder);
        CatalogUrl = string.IsNullOrWhiteSpace(catalogUrl) ? null : catalogUrl;
    }

    public string Folder { get; }

    /// <summary>A postgres:// URL, or null for catalog.db in <see cref="Folder"/>.</summary>
    public string? CatalogUrl { get; }

    /// <summary>Whether the catalog is a PostgreSQL database (shared; searched for vectors in the database).</summary>
    public bool IsShared => IsDatabaseUrl(CatalogUrl);

    /// <summary>Whether <paramref name="url"/> names a PostgreSQL catalog (postgres:// or postgresql://).</summary>
    public static bool IsDatabaseUrl(string? url) => PostgresAddress.IsPostgres(url);

    /// <summary>The SQLite catalog's path in the folder (unused when <see cref="IsShared"/>).</summary>
    public string CatalogFile => Path.Combine(Folder, PhotoCatalog.FileName);

    /// <summary>
    /// Whether there is a library to read: catalog.db in the folder, or a database URL (a database holds no file to
    /// look for here: opening it says whether it can be reached).
    /// </summary>
    public bool Exists => IsShared || File.Exists(CatalogFile);

    /// <summary>Where the catalog is, for messages: the SQLite file, or the database URL without its password.</summary>
    public string Address => IsShared ? PostgresAddress.Parse(CatalogUrl!).Address : CatalogFile;

    /// <summary>The folder, with the catalog's address when it is elsewhere: how a command names the library it works on.</summary>
    public string Description => IsShared ? $"{Folder} (catalog {Address})" : Folder;

    /// <summary>Opens the catalog, creating the library (and upgrading its schema) when needed.</summary>
    /// <exception cref="LibraryUnavailableException">The folder or database cannot be used.</exception>
    /// <exception cref="CatalogAddressException">The catalog URL cannot be read.</exception>
    public Task<PhotoCatalog> OpenAsync(CancellationToken cancellationToken = default) =>
        IsShared ? PostgresDialect.OpenAsync(CatalogUrl!, cancellationToken) : SqliteDialect.OpenAsync(Folder, cancellationToken);

    /// <summary>Opens the catalog of a library that must exist already: commands that read or tidy one never create it.</summary>
    /// <exception cref="LibraryNotFoundException">There is no library here yet.</exception>
    public Task<PhotoCatalog> OpenExistingAsync(CancellationToken cancellationToken = default) =>
        Exists ? OpenAsync(cancellationToken) : throw new LibraryNotFoundException(this);

    /// <summary>Takes the library's indexing lock (one indexing process at a time); see <see cref="LibraryLock"/>.</summary>
    public LibraryLock Lock() => LibraryLock.Acquire(Folder);
}

/// <summary>A command that needs an existing library was pointed at a folder that holds none.</summary>
public sealed class LibraryNotFoundException(Library library)
    : LibraryUnavailableException($"there is no library at {library.Folder} yet. Run `shoebox index PATH` to create it.");

/// <summary>
/// The catalog is there but cannot be a whole one (emptied, truncated, not a database, pages that fail SQLite's check):
/// never replaced by a new one, never served. Nothing of the user's is changed.
/// </summary>
public sealed class LibraryDamagedException : LibraryUnavailableException
{
    public LibraryDamagedException(string address, string what) : base(Describe(address, what)) { }

    public LibraryDamagedException(string address, string what, Exception inner) : base(Describe(address, what), inner) { }

    private static string Describe(string address, string what) =>
        $"The catalog at {address} is damaged: {what}. Nothing was changed: restore it from a backup, or move the library folder's content elsewhere to start a new library.";
}
