using Microsoft.Data.Sqlite;
using Shoebox.Sources.Sqlite;

namespace Shoebox.Sources.ApplePhotos;

/// <summary>
/// A Photos library's database (database/Photos.sqlite), read from a private copy so that Photos, which keeps it
/// open in WAL mode, is never blocked and the library never changes (see <see cref="SqliteSnapshot"/>).
/// </summary>
public sealed class ApplePhotosLibrary : IDisposable
{
    private const int AlbumKind = 2; // ZGENERICALBUM.ZKIND of albums the user made
    private const int VideoKind = 1;
    private static readonly DateTime Epoch = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly SqliteSnapshot _snapshot;
    private readonly ApplePhotosSchema _schema;

    private ApplePhotosLibrary(string path, SqliteSnapshot snapshot, ApplePhotosSchema schema)
    {
        Path = path;
        _snapshot = snapshot;
        _schema = schema;
    }

    /// <summary>The library folder ("…/Photos Library.photoslibrary").</summary>
    public string Path { get; }

    private SqliteConnection Connection => _snapshot.Connection;

    public static string DatabaseOf(string libraryPath) => System.IO.Path.Combine(libraryPath, "database", "Photos.sqlite");

    /// <summary>Opens the library at <paramref name="libraryPath"/>; throws <see cref="InvalidDataException"/> when it is not one.</summary>
    public static ApplePhotosLibrary Open(string libraryPath)
    {
        ArgumentNullException.ThrowIfNull(libraryPath);
        var path = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(libraryPath));
        var database = DatabaseOf(path);
        if (!File.Exists(database))
        {
            throw new InvalidDataException($"{path} is not a Photos library: database/Photos.sqlite is missing");
        }
        SqliteSnapshot? snapshot = null;
        try
        {
            snapshot = SqliteSnapshot.Take(database);
            return new ApplePhotosLibrary(path, snapshot, ApplePhotosSchema.Discover(snapshot.Connection, database));
        }
        catch (SqliteException e)
        {
            snapshot?.Dispose();
            throw new InvalidDataException($"{database} is not a Photos library database: {e.Message}", e);
        }
        catch (Exception e) when (snapshot is null && e is (IOException or UnauthorizedAccessException))
        {
            throw new IOException($"The Photos library database {database} cannot be copied for reading: {e.Message}", e);
        }
        catch
        {
            snapshot?.Dispose();
            throw;
        }
    }

    /// <summary>Every visible photo, in database order.</summary>
    public IReadOnlyList<ApplePhotosAsset> ReadAssets()
    {
        try
        {
            var keywords = ReadKeywords();
            var albums = ReadAlbums();
            var assets = new List<ApplePhotosAsset>();
            var attributeIds = new Dictionary<long, long>();
            SqliteSchema.ForEach(Connection, AssetQuery(), row =>
            {
                var id = row.GetInt64(0);
                if (SqliteSchema.Text(row, 1) is not { Length: > 0 } uuid)
                {
                    return;
                }
                var (takenAt, offset) = Time(SqliteSchema.Double(row, 4), SqliteSchema.Long(row, 9));
                var (latitude, longitude) = Place(SqliteSchema.Double(row, 5), SqliteSchema.Double(row, 6));
                var attributes = SqliteSchema.Long(row, 11);
                assets.Add(new ApplePhotosAsset(id, uuid, SqliteSchema.Text(row, 2), SqliteSchema.Text(row, 3))
                {
                    TakenAt = takenAt,
                    TakenOffset = offset,
                    Latitude = latitude,
                    Longitude = longitude,
                    Favorite = SqliteSchema.Long(row, 7) is not (null or 0),
                    Title = SqliteSchema.NonEmpty(SqliteSchema.Text(row, 8)),
                    Description = SqliteSchema.NonEmpty(SqliteSchema.Text(row, 10)),
                    Keywords = attributes is { } key && keywords.TryGetValue(key, out var words) ? Sorted(words) : [],
                    Albums = albums.TryGetValue(id, out var titles) ? Sorted(titles) : [],
                });
            });
            return assets;
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"The Photos library {Path} cannot be read: {e.Message}", e);
        }
    }

    public void Dispose() => _snapshot.Dispose();

    private string AssetQuery()
    {
        string Asset(string column, string otherwise) => _schema.AssetColumns.Contains(column) ? "a." + column : otherwise;
        string Attribute(string column) => _schema.AttributeColumns.Contains(column) ? "attr." + column : "NULL";
        var hasAttributes = _schema.AttributeColumns.Count > 0;
        var title = (_schema.AttributeColumns.Contains("ZTITLE"), _schema.AssetColumns.Contains("ZTITLE")) switch
        {
            (true, true) => "COALESCE(attr.ZTITLE, a.ZTITLE)",
            (true, false) => "attr.ZTITLE",
            (false, true) => "a.ZTITLE",
            _ => "NULL",
        };
        return $"""
            SELECT a.Z_PK, a.ZUUID, a.ZDIRECTORY, a.ZFILENAME, {Asset("ZDATECREATED", "NULL")}, {Asset("ZLATITUDE", "NULL")},
                   {Asset("ZLONGITUDE", "NULL")}, {Asset("ZFAVORITE", "0")}, {title}, {Attribute("ZTIMEZONEOFFSET")},
                   {(_schema.HasDescriptions ? "d.ZLONGDESCRIPTION" : "NULL")}, {(hasAttributes ? "attr.Z_PK" : "NULL")}
            FROM {_schema.AssetTable} a
            {(hasAttributes ? "LEFT JOIN ZADDITIONALASSETATTRIBUTES attr ON attr.ZASSET = a.Z_PK" : "")}
            {(_schema.HasDescriptions ? "LEFT JOIN ZASSETDESCRIPTION d ON d.Z_PK = attr.ZASSETDESCRIPTION" : "")}
            WHERE COALESCE({Asset("ZTRASHEDSTATE", "0")}, 0) <> 1
              AND COALESCE({Asset("ZHIDDEN", "0")}, 0) <> 1
              AND COALESCE({Asset("ZVISIBILITYSTATE", "0")}, 0) = 0
              AND COALESCE({Asset("ZKIND", "0")}, 0) <> {VideoKind}
            ORDER BY a.Z_PK
            """;
    }

    // Photos stores the instant (UTC) and, separately, the offset of the place it was taken. Without an offset
    // only the instant is known: it is given as UTC rather than guessed.
    private static (DateTime?, TimeSpan?) Time(double? seconds, long? offsetSeconds)
    {
        if (seconds is not { } value || double.IsNaN(value) || Math.Abs(value) > 1e10)
        {
            return (null, null);
        }
        var offset = offsetSeconds is { } known && Math.Abs(known) <= 18 * 3600 ? TimeSpan.FromSeconds(known) : TimeSpan.Zero;
        var wallClock = Epoch.AddSeconds(value) + offset;
        return (DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified), offset);
    }

    // Photos writes -180 for both when it has no place; a latitude of -180 is out of range anyway.
    private static (double?, double?) Place(double? latitude, double? longitude) =>
        latitude is { } lat and >= -90 and <= 90 && longitude is { } lon and >= -180 and <= 180 ? (lat, lon) : (null, null);

    private Dictionary<long, HashSet<string>> ReadKeywords()
    {
        var keywords = new Dictionary<long, HashSet<string>>();
        if (_schema.Keywords is { } join)
        {
            Collect(keywords, $"""
                SELECT j.{join.Subject}, k.ZTITLE FROM {join.Table} j JOIN ZKEYWORD k ON k.Z_PK = j.{join.Other}
                """);
        }
        return keywords;
    }

    private Dictionary<long, HashSet<string>> ReadAlbums()
    {
        var albums = new Dictionary<long, HashSet<string>>();
        var trashed = SqliteSchema.Columns(Connection, "ZGENERICALBUM").Contains("ZTRASHEDSTATE")
            ? "AND COALESCE(al.ZTRASHEDSTATE, 0) <> 1" : "";
        foreach (var join in _schema.Albums)
        {
            Collect(albums, $"""
                SELECT j.{join.Subject}, al.ZTITLE FROM {join.Table} j JOIN ZGENERICALBUM al ON al.Z_PK = j.{join.Other}
                WHERE al.ZKIND = {AlbumKind} {trashed}
                """);
        }
        return albums;
    }

    private void Collect(Dictionary<long, HashSet<string>> into, string sql) =>
        SqliteSchema.ForEach(Connection, sql, row =>
        {
            if (SqliteSchema.Long(row, 0) is not { } key || SqliteSchema.NonEmpty(SqliteSchema.Text(row, 1)) is not { } title)
            {
                return;
            }
            if (!into.TryGetValue(key, out var titles))
            {
                into[key] = titles = new HashSet<string>(StringComparer.Ordinal);
            }
            titles.Add(title);
        });

    private static string[] Sorted(HashSet<string> values) => [.. values.Order(StringComparer.Ordinal)];
}
