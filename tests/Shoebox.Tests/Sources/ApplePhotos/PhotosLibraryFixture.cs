using Microsoft.Data.Sqlite;

namespace Shoebox.Tests.Sources.ApplePhotos;

/// <summary>
/// A "*.photoslibrary" folder with a database/Photos.sqlite laid out as one Photos release lays it out: Core Data
/// numbers its entities per release, so table and column names of the joins differ between versions.
/// </summary>
public sealed class PhotosLibraryFixture : IDisposable
{
    /// <summary>Photos 5 (macOS 10.15): ZGENERICASSET, keywords Z_1KEYWORDS.Z_36KEYWORDS, albums Z_26ASSETS(Z_26ALBUMS, Z_34ASSETS).</summary>
    public const string Photos5 = "photos5";

    /// <summary>Photos 8 (macOS 13): ZASSET, keywords Z_1KEYWORDS.Z_40KEYWORDS, albums Z_28ASSETS(Z_28ALBUMS, Z_3ASSETS).</summary>
    public const string Photos8 = "photos8";

    private readonly (string Asset, int KeywordEntity, int AlbumEntity, int AssetEntity) _layout;
    private readonly Dictionary<string, long> _keywords = new(StringComparer.Ordinal);
    private long _next = 1;

    public PhotosLibraryFixture(string libraryPath, string version)
    {
        Path = libraryPath;
        _layout = version switch
        {
            Photos5 => ("ZGENERICASSET", 36, 26, 34),
            Photos8 => ("ZASSET", 40, 28, 3),
            _ => throw new ArgumentOutOfRangeException(nameof(version)),
        };
        Directory.CreateDirectory(System.IO.Path.Combine(libraryPath, "database"));
        Connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Database,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        Connection.Open();
        var (asset, keyword, album, assetEntity) = _layout;
        Execute($"""
            CREATE TABLE {asset} (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZUUID VARCHAR, ZDIRECTORY VARCHAR,
                ZFILENAME VARCHAR, ZDATECREATED TIMESTAMP, ZHIDDEN INTEGER, ZFAVORITE INTEGER, ZTRASHEDSTATE INTEGER,
                ZVISIBILITYSTATE INTEGER, ZLATITUDE FLOAT, ZLONGITUDE FLOAT, ZKIND INTEGER, ZKINDSUBTYPE INTEGER,
                ZSAVEDASSETTYPE INTEGER, ZADDITIONALATTRIBUTES INTEGER);
            CREATE TABLE ZADDITIONALASSETATTRIBUTES (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, ZASSET INTEGER, ZTITLE VARCHAR,
                ZORIGINALFILENAME VARCHAR, ZTIMEZONEOFFSET INTEGER, ZTIMEZONENAME VARCHAR, ZASSETDESCRIPTION INTEGER);
            CREATE TABLE ZASSETDESCRIPTION (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, ZASSETATTRIBUTES INTEGER, ZLONGDESCRIPTION VARCHAR);
            CREATE TABLE ZKEYWORD (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, ZTITLE VARCHAR);
            CREATE TABLE Z_1KEYWORDS (Z_1ASSETATTRIBUTES INTEGER, Z_{keyword}KEYWORDS INTEGER, PRIMARY KEY (Z_1ASSETATTRIBUTES, Z_{keyword}KEYWORDS));
            CREATE TABLE ZGENERICALBUM (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, ZKIND INTEGER, ZTITLE VARCHAR, ZUUID VARCHAR, ZTRASHEDSTATE INTEGER);
            CREATE TABLE Z_{album}ASSETS (Z_{album}ALBUMS INTEGER, Z_{assetEntity}ASSETS INTEGER, Z_FOK_{assetEntity}ASSETS INTEGER,
                PRIMARY KEY (Z_{album}ALBUMS, Z_{assetEntity}ASSETS));
            CREATE TABLE Z_{album + 5}KEYASSETS (Z_{album + 5}ALBUMS INTEGER, Z_{assetEntity}KEYASSETS INTEGER);
            """);
    }

    public string Path { get; }

    public string Database => System.IO.Path.Combine(Path, "database", "Photos.sqlite");

    public SqliteConnection Connection { get; }

    /// <summary>Seconds since 2001-01-01 UTC, as Photos stores times.</summary>
    public static double AppleTime(DateTime utc) => (utc - new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalSeconds;

    /// <summary>One asset and its attributes row; returns its Z_PK.</summary>
    public long Asset(string uuid, string? directory, string? fileName, double? created = null, long? offsetSeconds = null,
        double latitude = -180, double longitude = -180, bool favorite = false, int hidden = 0, int trashed = 0, int visibility = 0,
        int kind = 0, string? title = null, string? description = null)
    {
        var asset = _next++;
        var attributes = _next++;
        long? descriptionId = description is null ? null : _next++;
        Execute($"""
            INSERT INTO {_layout.Asset} (Z_PK, Z_ENT, ZUUID, ZDIRECTORY, ZFILENAME, ZDATECREATED, ZHIDDEN, ZFAVORITE, ZTRASHEDSTATE,
                ZVISIBILITYSTATE, ZLATITUDE, ZLONGITUDE, ZKIND, ZKINDSUBTYPE, ZSAVEDASSETTYPE, ZADDITIONALATTRIBUTES)
            VALUES ($pk, {_layout.AssetEntity}, $uuid, $dir, $file, $created, $hidden, $favorite, $trashed, $visibility, $lat, $lon, $kind, 0, 3, $attributes)
            """, ("$pk", asset), ("$uuid", uuid), ("$dir", directory), ("$file", fileName), ("$created", created), ("$hidden", hidden),
            ("$favorite", favorite ? 1 : 0), ("$trashed", trashed), ("$visibility", visibility), ("$lat", latitude), ("$lon", longitude),
            ("$kind", kind), ("$attributes", attributes));
        Execute("""
            INSERT INTO ZADDITIONALASSETATTRIBUTES (Z_PK, ZASSET, ZTITLE, ZORIGINALFILENAME, ZTIMEZONEOFFSET, ZASSETDESCRIPTION)
            VALUES ($pk, $asset, $title, $file, $offset, $description)
            """, ("$pk", attributes), ("$asset", asset), ("$title", title), ("$file", fileName), ("$offset", offsetSeconds), ("$description", descriptionId));
        if (descriptionId is { } id)
        {
            Execute("INSERT INTO ZASSETDESCRIPTION (Z_PK, ZASSETATTRIBUTES, ZLONGDESCRIPTION) VALUES ($pk, $attributes, $text)",
                ("$pk", id), ("$attributes", attributes), ("$text", description));
        }
        return asset;
    }

    public void Keyword(long asset, string title)
    {
        if (!_keywords.TryGetValue(title, out var keyword))
        {
            _keywords[title] = keyword = _next++;
            Execute("INSERT INTO ZKEYWORD (Z_PK, ZTITLE) VALUES ($pk, $title)", ("$pk", keyword), ("$title", title));
        }
        Execute($"""
            INSERT INTO Z_1KEYWORDS (Z_1ASSETATTRIBUTES, Z_{_layout.KeywordEntity}KEYWORDS)
            SELECT ZADDITIONALATTRIBUTES, $keyword FROM {_layout.Asset} WHERE Z_PK = $asset
            """, ("$keyword", keyword), ("$asset", asset));
    }

    /// <summary>An album; kind 2 is one the user made (others are folders, shared streams, smart albums...).</summary>
    public long Album(string title, int kind = 2, int trashed = 0)
    {
        var album = _next++;
        Execute("INSERT INTO ZGENERICALBUM (Z_PK, ZKIND, ZTITLE, ZUUID, ZTRASHEDSTATE) VALUES ($pk, $kind, $title, $uuid, $trashed)",
            ("$pk", album), ("$kind", kind), ("$title", title), ("$uuid", Guid.NewGuid().ToString("D")), ("$trashed", trashed));
        return album;
    }

    public void AddToAlbum(long album, long asset)
    {
        var (_, _, albumEntity, assetEntity) = _layout;
        Execute($"INSERT INTO Z_{albumEntity}ASSETS (Z_{albumEntity}ALBUMS, Z_{assetEntity}ASSETS, Z_FOK_{assetEntity}ASSETS) VALUES ($album, $asset, 1)",
            ("$album", album), ("$asset", asset));
    }

    /// <summary>A key-photo link, which names albums too but is not membership.</summary>
    public void KeyAsset(long album, long asset)
    {
        var (_, _, albumEntity, assetEntity) = _layout;
        Execute($"INSERT INTO Z_{albumEntity + 5}KEYASSETS (Z_{albumEntity + 5}ALBUMS, Z_{assetEntity}KEYASSETS) VALUES ($album, $asset)",
            ("$album", album), ("$asset", asset));
    }

    public void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        command.ExecuteNonQuery();
    }

    public void Dispose() => Connection.Dispose();
}
