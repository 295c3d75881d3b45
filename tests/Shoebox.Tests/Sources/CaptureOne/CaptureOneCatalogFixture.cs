using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Shoebox.Tests.Sources.CaptureOne;

/// <summary>What one variant's metadata row says (ZVARIANTMETADATA).</summary>
public sealed record CaptureOneMeta(
    int? Rating = null, int? Color = null, string? Keywords = null, string? Description = null, string? Title = null, string? City = null);

/// <summary>
/// Writes a Capture One database (a catalog's .cocatalogdb or a session's .cosessiondb) laid out as one release
/// lays it out, from the facts in the reference: Core Data tables, entity numbers that differ per release, and the
/// differences between releases that a reader must survive.
/// </summary>
public sealed class CaptureOneCatalogFixture : IDisposable
{
    /// <summary>
    /// Capture One 12 as older readers describe it: entity numbers in Core Data's Z_PRIMARYKEY, a layer's metadata
    /// joined through ZVARIANTLAYER.ZMETADATA, GPS as numbers, times in seconds since 2001 (Core Data's epoch).
    /// </summary>
    public const string Version12 = "c1-12";

    /// <summary>
    /// Capture One 16.5: its own ZENTITIES table with other numbers, metadata joined through ZVARIANTMETADATA.ZLAYER,
    /// GPS as text ("59,56.7543N"), times in Unix seconds.
    /// </summary>
    public const string Version16 = "c1-16";

    private static readonly DateTime CoreDataEpoch = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly bool _modern;
    private readonly Dictionary<string, int> _entities;
    private long _next = 1;

    public CaptureOneCatalogFixture(string databasePath, string version)
    {
        Path = databasePath;
        _modern = version switch
        {
            Version12 => false,
            Version16 => true,
            _ => throw new ArgumentOutOfRangeException(nameof(version)),
        };
        _entities = _modern
            ? new() { ["Image"] = 17, ["Variant"] = 31, ["VariantLayer"] = 32, ["VariantMetadata"] = 33, ["PathLocation"] = 14, ["AlbumCollection"] = 3,
                ["ProjectCollection"] = 9, ["GroupCollection"] = 6, ["SmartAlbumCollection"] = 11, ["CatalogCollection"] = 4, ["TrashCollection"] = 12 }
            : new() { ["Image"] = 12, ["Variant"] = 24, ["VariantLayer"] = 25, ["VariantMetadata"] = 26, ["PathLocation"] = 10, ["AlbumCollection"] = 2,
                ["ProjectCollection"] = 7, ["GroupCollection"] = 5, ["SmartAlbumCollection"] = 8, ["CatalogCollection"] = 3, ["TrashCollection"] = 9 };
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(databasePath)!);
        Connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        Connection.Open();
        var metadataLink = _modern ? "ZLAYER INTEGER," : "";
        var layerLink = _modern ? "" : "ZMETADATA INTEGER,";
        Execute($"""
            CREATE TABLE ZVERSIONINFO (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZVERSION INTEGER);
            INSERT INTO ZVERSIONINFO (Z_PK, Z_ENT, Z_OPT, ZVERSION) VALUES (1, 1, 1, {(_modern ? 160800 : 1200)});
            CREATE TABLE ZPATHLOCATION (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZISRELATIVE INTEGER, ZRELATIVEPATH VARCHAR,
                ZWINROOT VARCHAR, ZMACROOT VARCHAR, ZVOLUME VARCHAR);
            CREATE TABLE ZIMAGE (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZIMAGEUUID VARCHAR, ZIMAGEFILENAME VARCHAR,
                ZDISPLAYNAME VARCHAR, ZIMAGELOCATION INTEGER, ZISINSIDECATALOG INTEGER, ZISTRASHED INTEGER, ZIMAGECLASSIFICATION INTEGER,
                ZEXP_FORMAT VARCHAR, ZFILE_SIZE INTEGER, ZWIDTH INTEGER, ZHEIGHT INTEGER, ZGPSLATITUDE {(_modern ? "VARCHAR" : "FLOAT")},
                ZGPSLONGITUDE {(_modern ? "VARCHAR" : "FLOAT")}, ZGPSALTITUDE FLOAT, ZEXP_DATE TIMESTAMP, ZCAMERA_MODEL VARCHAR,
                ZCAMERA_LENS VARCHAR, ZSIDECARPATH VARCHAR);
            CREATE TABLE ZVARIANT (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZIMAGE INTEGER, ZINDEX INTEGER,
                ZDEFAULTLAYER INTEGER, ZADJUSTMENTLAYER INTEGER, ZCOMBINEDSETTINGS INTEGER);
            CREATE TABLE ZVARIANTLAYER (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZVARIANT INTEGER, {layerLink} ZKIND INTEGER);
            CREATE TABLE ZVARIANTMETADATA (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, {metadataLink} ZBASIC_RATING INTEGER,
                ZCOLOR_TAG_INDEX INTEGER, ZCONTENT_KEYWORDS VARCHAR, ZCONTENT_DESCRIPTION VARCHAR, ZSTATUS_TITLE VARCHAR, ZIMAGE_CITY VARCHAR);
            CREATE TABLE ZKEYWORD (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZNAME VARCHAR, ZPARENT INTEGER, ZLEFT INTEGER, ZRIGHT INTEGER);
            CREATE TABLE ZCOLLECTION (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZNAME VARCHAR, ZPARENT INTEGER,
                ZFOLDERLOCATION INTEGER, ZSMARTCRITERIA VARCHAR);
            CREATE TABLE ZVARIANTINCOLLECTION (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZVARIANT INTEGER, ZCOLLECTION INTEGER);
            CREATE TABLE ZIMAGEINCOLLECTION (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZIMAGE INTEGER, ZCOLLECTION INTEGER);
            """);
        var entityTable = _modern ? "ZENTITIES (Z_ENT INTEGER PRIMARY KEY, ZNAME VARCHAR)" : "Z_PRIMARYKEY (Z_ENT INTEGER PRIMARY KEY, Z_NAME VARCHAR, Z_SUPER INTEGER, Z_MAX INTEGER)";
        Execute($"CREATE TABLE {entityTable}");
        foreach (var (name, number) in _entities)
        {
            Execute(_modern ? "INSERT INTO ZENTITIES (Z_ENT, ZNAME) VALUES ($n, $name)" : "INSERT INTO Z_PRIMARYKEY (Z_ENT, Z_NAME, Z_SUPER, Z_MAX) VALUES ($n, $name, 0, 0)",
                ("$n", number), ("$name", name));
        }
        // The catalog's own root collection, which every user collection hangs under.
        Root = Insert("INSERT INTO ZCOLLECTION (Z_PK, Z_ENT, ZNAME, ZPARENT) VALUES ($pk, $ent, 'Catalog', -1)", ("$ent", _entities["CatalogCollection"]));
    }

    public string Path { get; }

    public SqliteConnection Connection { get; }

    /// <summary>The root collection's Z_PK.</summary>
    public long Root { get; }

    /// <summary>A folder the catalog places originals in; relative ones lie under the folder holding the database.</summary>
    public long Location(string? relativePath, bool relative = false, string? windowsRoot = null, string? macRoot = null) =>
        Insert("INSERT INTO ZPATHLOCATION (Z_PK, Z_ENT, ZISRELATIVE, ZRELATIVEPATH, ZWINROOT, ZMACROOT) VALUES ($pk, $ent, $rel, $path, $win, $mac)",
            ("$ent", _entities["PathLocation"]), ("$rel", relative ? 1 : 0), ("$path", relativePath), ("$win", windowsRoot), ("$mac", macRoot));

    /// <summary>An image with its first variant and that variant's metadata; returns both keys.</summary>
    public (long Image, long Variant) Image(string fileName, long? location, CaptureOneMeta? meta = null, DateTime? taken = null,
        double? latitude = null, double? longitude = null, string? camera = null, string? lens = null, bool insideCatalog = false, bool trashed = false)
    {
        var image = Insert("""
            INSERT INTO ZIMAGE (Z_PK, Z_ENT, ZIMAGEUUID, ZIMAGEFILENAME, ZDISPLAYNAME, ZIMAGELOCATION, ZISINSIDECATALOG, ZISTRASHED,
                ZIMAGECLASSIFICATION, ZGPSLATITUDE, ZGPSLONGITUDE, ZEXP_DATE, ZCAMERA_MODEL, ZCAMERA_LENS, ZSIDECARPATH)
            VALUES ($pk, $ent, $uuid, $file, $file, $location, $inside, $trashed, 19, $lat, $lon, $date, $camera, $lens, $sidecar)
            """,
            ("$ent", _entities["Image"]), ("$uuid", Guid.NewGuid().ToString("D").ToUpperInvariant()), ("$file", fileName), ("$location", location),
            ("$inside", insideCatalog ? 1 : 0), ("$trashed", trashed ? 1 : 0), ("$lat", Coordinate(latitude, "NS")), ("$lon", Coordinate(longitude, "EW")),
            ("$date", taken is { } t ? Seconds(t) : null), ("$camera", camera), ("$lens", lens), ("$sidecar", "Cache/" + fileName));
        return (image, Variant(image, 0, meta ?? new CaptureOneMeta()));
    }

    /// <summary>Another edit of an image: its three layers, the combined one holding <paramref name="meta"/>.</summary>
    public long Variant(long image, int index, CaptureOneMeta meta)
    {
        var variant = Insert("INSERT INTO ZVARIANT (Z_PK, Z_ENT, ZIMAGE, ZINDEX) VALUES ($pk, $ent, $image, $index)",
            ("$ent", _entities["Variant"]), ("$image", image), ("$index", index));
        long Layer(int kind) => Insert("INSERT INTO ZVARIANTLAYER (Z_PK, Z_ENT, ZVARIANT, ZKIND) VALUES ($pk, $ent, $variant, $kind)",
            ("$ent", _entities["VariantLayer"]), ("$variant", variant), ("$kind", kind));
        var (defaults, adjustments, combined) = (Layer(0), Layer(1), Layer(2));
        Execute("UPDATE ZVARIANT SET ZDEFAULTLAYER = $d, ZADJUSTMENTLAYER = $a, ZCOMBINEDSETTINGS = $c WHERE Z_PK = $v",
            ("$d", defaults), ("$a", adjustments), ("$c", combined), ("$v", variant));
        // The file's own layer says something else: a reader that took it instead of the combined one would show it.
        Metadata(defaults, new CaptureOneMeta(Rating: 1, Keywords: "fromthefile||0", Description: "as the camera wrote it"));
        Metadata(combined, meta);
        return variant;
    }

    /// <summary>A collection of a kind named as Capture One's entities are ("AlbumCollection", "ProjectCollection", "GroupCollection", "SmartAlbumCollection").</summary>
    public long Collection(string name, string kind, long? parent = null, string? smartCriteria = null) =>
        Insert("INSERT INTO ZCOLLECTION (Z_PK, Z_ENT, ZNAME, ZPARENT, ZSMARTCRITERIA) VALUES ($pk, $ent, $name, $parent, $rules)",
            ("$ent", _entities[kind]), ("$name", name), ("$parent", parent ?? Root), ("$rules", smartCriteria));

    public void AddVariant(long collection, long variant) =>
        Insert("INSERT INTO ZVARIANTINCOLLECTION (Z_PK, Z_ENT, ZVARIANT, ZCOLLECTION) VALUES ($pk, 40, $v, $c)", ("$v", variant), ("$c", collection));

    public void AddImage(long collection, long image) =>
        Insert("INSERT INTO ZIMAGEINCOLLECTION (Z_PK, Z_ENT, ZIMAGE, ZCOLLECTION) VALUES ($pk, 41, $i, $c)", ("$i", image), ("$c", collection));

    /// <summary>The text Capture One 16 writes: degrees, decimal minutes, hemisphere ("59,56.7543N").</summary>
    public static string DegreesMinutes(double value, string hemispheres)
    {
        var degrees = Math.Floor(Math.Abs(value));
        var minutes = (Math.Abs(value) - degrees) * 60;
        return string.Create(CultureInfo.InvariantCulture, $"{degrees:0},{minutes:0.0000}{(value < 0 ? hemispheres[1] : hemispheres[0])}");
    }

    public void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = new SqliteCommand(sql, Connection);
        command.Parameters.AddRange(parameters.Select(p => new SqliteParameter(p.Name, p.Value ?? DBNull.Value)).ToArray());
        command.ExecuteNonQuery();
    }

    public void Dispose() => Connection.Dispose();

    private void Metadata(long layer, CaptureOneMeta meta)
    {
        var row = Insert($"""
            INSERT INTO ZVARIANTMETADATA (Z_PK, Z_ENT, {(_modern ? "ZLAYER, " : "")}ZBASIC_RATING, ZCOLOR_TAG_INDEX, ZCONTENT_KEYWORDS,
                ZCONTENT_DESCRIPTION, ZSTATUS_TITLE, ZIMAGE_CITY)
            VALUES ($pk, $ent, {(_modern ? "$layer, " : "")}$rating, $color, $keywords, $description, $title, $city)
            """,
            ("$ent", _entities["VariantMetadata"]), ("$layer", layer), ("$rating", meta.Rating), ("$color", meta.Color), ("$keywords", meta.Keywords),
            ("$description", meta.Description), ("$title", meta.Title), ("$city", meta.City));
        if (!_modern)
        {
            Execute("UPDATE ZVARIANTLAYER SET ZMETADATA = $m WHERE Z_PK = $l", ("$m", row), ("$l", layer));
        }
    }

    private object? Coordinate(double? value, string hemispheres) =>
        value is not { } degrees ? null : _modern ? DegreesMinutes(degrees, hemispheres) : degrees;

    // The wall-clock time as seconds: since 1970 in 16, since 2001 in 12.
    private double Seconds(DateTime wallClock) =>
        (DateTime.SpecifyKind(wallClock, DateTimeKind.Utc) - (_modern ? DateTime.UnixEpoch : CoreDataEpoch)).TotalSeconds;

    private long Insert(string sql, params (string Name, object? Value)[] parameters)
    {
        var key = _next++;
        Execute(sql, [("$pk", key), .. parameters]);
        return key;
    }
}
