using Microsoft.Data.Sqlite;

namespace Shoebox.Tests.Sources.Lightroom;

/// <summary>
/// A .lrcat built from the catalog schema Lightroom Classic writes (the columns these readers touch and a few
/// around them), filled row by row by the tests.
/// </summary>
public sealed class LightroomCatalogFixture : IDisposable
{
    public const long RootKeyword = 1;

    private const string Schema = """
        CREATE TABLE Adobe_variablesTable (id_local INTEGER PRIMARY KEY, id_global UNIQUE NOT NULL, name, type, value NOT NULL DEFAULT '');
        CREATE TABLE AgLibraryRootFolder (id_local INTEGER PRIMARY KEY, id_global UNIQUE NOT NULL, absolutePath UNIQUE NOT NULL DEFAULT '',
            name NOT NULL DEFAULT '', relativePathFromCatalog);
        CREATE TABLE AgLibraryFolder (id_local INTEGER PRIMARY KEY, id_global UNIQUE NOT NULL, parentId INTEGER,
            pathFromRoot NOT NULL DEFAULT '', rootFolder INTEGER NOT NULL DEFAULT 0, visibility INTEGER);
        CREATE TABLE AgLibraryFile (id_local INTEGER PRIMARY KEY, id_global UNIQUE NOT NULL, baseName NOT NULL DEFAULT '',
            errorMessage, errorTime, extension NOT NULL DEFAULT '', externalModTime, folder INTEGER NOT NULL DEFAULT 0,
            idx_filename NOT NULL DEFAULT '', importHash, lc_idx_filename NOT NULL DEFAULT '', lc_idx_filenameExtension NOT NULL DEFAULT '',
            md5, modTime, originalFilename NOT NULL DEFAULT '', sidecarExtensions);
        CREATE TABLE Adobe_images (id_local INTEGER PRIMARY KEY, id_global UNIQUE NOT NULL, aspectRatioCache NOT NULL DEFAULT -1,
            bitDepth NOT NULL DEFAULT 0, captureTime, colorChannels NOT NULL DEFAULT 0, colorLabels NOT NULL DEFAULT '',
            colorMode NOT NULL DEFAULT -1, copyCreationTime NOT NULL DEFAULT -63113817600, copyName, copyReason, developSettingsIDCache,
            editLock INTEGER NOT NULL DEFAULT 0, fileFormat NOT NULL DEFAULT 'unset', fileHeight, fileWidth, hasMissingSidecars INTEGER,
            masterImage INTEGER, orientation, originalCaptureTime, originalRootEntity INTEGER, panningDistanceH, panningDistanceV,
            pick NOT NULL DEFAULT 0, positionInFolder NOT NULL DEFAULT 'z', propertiesCache, pyramidIDCache, rating,
            rootFile INTEGER NOT NULL DEFAULT 0, sidecarStatus, touchCount NOT NULL DEFAULT 0, touchTime NOT NULL DEFAULT 0);
        CREATE TABLE AgLibraryKeyword (id_local INTEGER PRIMARY KEY, id_global UNIQUE NOT NULL, dateCreated NOT NULL DEFAULT '',
            genealogy NOT NULL DEFAULT '', imageCountCache DEFAULT -1, includeOnExport INTEGER NOT NULL DEFAULT 1,
            includeParents INTEGER NOT NULL DEFAULT 1, includeSynonyms INTEGER NOT NULL DEFAULT 1, keywordType, lastApplied,
            lc_name, name, parent INTEGER);
        CREATE TABLE AgLibraryKeywordImage (id_local INTEGER PRIMARY KEY, image INTEGER NOT NULL DEFAULT 0, tag INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE AgLibraryIPTC (id_local INTEGER PRIMARY KEY, altTextAccessibility, caption, copyright, extDescrAccessibility,
            image INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE Adobe_AdditionalMetadata (id_local INTEGER PRIMARY KEY, id_global UNIQUE NOT NULL,
            additionalInfoSet INTEGER NOT NULL DEFAULT 0, embeddedXmp INTEGER NOT NULL DEFAULT 0, externalXmpIsDirty INTEGER NOT NULL DEFAULT 0,
            image INTEGER, incrementalWhiteBalance INTEGER NOT NULL DEFAULT 0, internalXmpDigest, isRawFile INTEGER NOT NULL DEFAULT 0,
            lastSynchronizedHash, lastSynchronizedTimestamp NOT NULL DEFAULT -63113817600, metadataPresetID, metadataVersion,
            monochrome INTEGER NOT NULL DEFAULT 0, xmp NOT NULL DEFAULT '');
        CREATE TABLE AgHarvestedExifMetadata (id_local INTEGER PRIMARY KEY, image INTEGER, aperture, cameraModelRef INTEGER,
            cameraSNRef INTEGER, dateDay, dateMonth, dateYear, flashFired INTEGER, focalLength, gpsLatitude, gpsLongitude,
            gpsSequence NOT NULL DEFAULT 0, hasGPS INTEGER, isoSpeedRating, lensRef INTEGER, shutterSpeed);
        CREATE TABLE AgInternedExifCameraModel (id_local INTEGER PRIMARY KEY, searchIndex, value);
        CREATE TABLE AgInternedExifLens (id_local INTEGER PRIMARY KEY, searchIndex, value);
        CREATE TABLE AgLibraryCollection (id_local INTEGER PRIMARY KEY, creationId NOT NULL DEFAULT '', genealogy NOT NULL DEFAULT '',
            imageCount, name NOT NULL DEFAULT '', parent INTEGER, systemOnly NOT NULL DEFAULT '');
        CREATE TABLE AgLibraryCollectionImage (id_local INTEGER PRIMARY KEY, collection INTEGER NOT NULL DEFAULT 0,
            image INTEGER NOT NULL DEFAULT 0, pick NOT NULL DEFAULT 0, positionInCollection);
        CREATE TABLE AgLibraryCollectionContent (id_local INTEGER PRIMARY KEY, collection INTEGER NOT NULL DEFAULT 0, content, owningModule);
        """;

    private long _next = 1000;

    public LightroomCatalogFixture(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        Connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        Connection.Open();
        Execute(Schema);
        Execute("INSERT INTO AgLibraryKeyword (id_local, id_global, name, parent, genealogy) VALUES ($id, 'root-keyword', NULL, NULL, '/11')", ("$id", RootKeyword));
        Execute("INSERT INTO Adobe_variablesTable (id_global, name, value) VALUES ('v1', 'AgLibraryKeyword_rootTagID', $id)", ("$id", RootKeyword.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    public string Path { get; }

    /// <summary>Open for writing until disposed; tests hold it to act as Lightroom would.</summary>
    public SqliteConnection Connection { get; }

    public long Root(string absolutePath) =>
        Insert("INSERT INTO AgLibraryRootFolder (id_local, id_global, absolutePath, name) VALUES ($id, $g, $p, 'root')", ("$p", absolutePath));

    public long Folder(long root, string pathFromRoot) =>
        Insert("INSERT INTO AgLibraryFolder (id_local, id_global, rootFolder, pathFromRoot) VALUES ($id, $g, $r, $p)", ("$r", root), ("$p", pathFromRoot));

    /// <summary>A file record and its master image; returns the image's id_local.</summary>
    public long Image(long folder, string baseName, string extension, string? captureTime = null, double? rating = null,
        double pick = 0, string? orientation = "AB", string? globalId = null)
    {
        var file = Insert("INSERT INTO AgLibraryFile (id_local, id_global, baseName, extension, folder, originalFilename) VALUES ($id, $g, $b, $e, $f, $b || '.' || $e)",
            ("$b", baseName), ("$e", extension), ("$f", folder));
        return ImageRow(file, null, captureTime, rating, pick, orientation, globalId);
    }

    public long VirtualCopy(long master)
    {
        var file = Convert.ToInt64(Scalar("SELECT rootFile FROM Adobe_images WHERE id_local = $m", ("$m", master)));
        return Insert("INSERT INTO Adobe_images (id_local, id_global, rootFile, masterImage, copyName, pick, rating) VALUES ($id, $g, $f, $m, 'Copy 1', 1, 5)",
            ("$f", file), ("$m", master));
    }

    public long Keyword(string name, long parent = RootKeyword, string? type = null) =>
        Insert("INSERT INTO AgLibraryKeyword (id_local, id_global, name, lc_name, parent, keywordType) VALUES ($id, $g, $n, lower($n), $p, $t)",
            ("$n", name), ("$p", parent), ("$t", type));

    public void Tag(long image, long keyword) =>
        Insert("INSERT INTO AgLibraryKeywordImage (id_local, image, tag) VALUES ($id, $i, $k)", ("$i", image), ("$k", keyword));

    public void Caption(long image, string caption) =>
        Insert("INSERT INTO AgLibraryIPTC (id_local, image, caption) VALUES ($id, $i, $c)", ("$i", image), ("$c", caption));

    public void Xmp(long image, string xmp) =>
        Insert("INSERT INTO Adobe_AdditionalMetadata (id_local, id_global, image, xmp) VALUES ($id, $g, $i, $x)", ("$i", image), ("$x", xmp));

    public void Exif(long image, double? latitude, double? longitude, string? model, string? lens)
    {
        long? modelRef = model is null ? null : Insert("INSERT INTO AgInternedExifCameraModel (id_local, searchIndex, value) VALUES ($id, $v, $v)", ("$v", model));
        long? lensRef = lens is null ? null : Insert("INSERT INTO AgInternedExifLens (id_local, searchIndex, value) VALUES ($id, $v, $v)", ("$v", lens));
        Insert("INSERT INTO AgHarvestedExifMetadata (id_local, image, cameraModelRef, lensRef, gpsLatitude, gpsLongitude, hasGPS) VALUES ($id, $i, $m, $l, $lat, $lon, $has)",
            ("$i", image), ("$m", modelRef), ("$l", lensRef), ("$lat", latitude), ("$lon", longitude), ("$has", latitude is null ? 0 : 1));
    }

    public long Collection(string name, bool smart = false) =>
        Insert("INSERT INTO AgLibraryCollection (id_local, creationId, name, parent) VALUES ($id, $c, $n, NULL)",
            ("$c", smart ? "com.adobe.ag.library.smart_collection" : "com.adobe.ag.library.collection"), ("$n", name));

    public void AddToCollection(long collection, long image) =>
        Insert("INSERT INTO AgLibraryCollectionImage (id_local, collection, image, positionInCollection) VALUES ($id, $c, $i, 'z')",
            ("$c", collection), ("$i", image));

    public void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    public object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteScalar();
    }

    public void Dispose() => Connection.Dispose();

    private long ImageRow(long file, long? master, string? captureTime, double? rating, double pick, string? orientation, string? globalId)
    {
        var id = _next++;
        Execute("""
            INSERT INTO Adobe_images (id_local, id_global, rootFile, masterImage, captureTime, rating, pick, orientation, fileFormat)
            VALUES ($id, $g, $f, $m, $t, $r, $p, $o, 'JPG')
            """, ("$id", id), ("$g", globalId ?? Guid.NewGuid().ToString("D").ToUpperInvariant()), ("$f", file), ("$m", master),
            ("$t", captureTime), ("$r", rating), ("$p", pick), ("$o", orientation));
        return id;
    }

    private long Insert(string sql, params (string Name, object? Value)[] parameters)
    {
        var id = _next++;
        Execute(sql, [("$id", id), ("$g", Guid.NewGuid().ToString("D").ToUpperInvariant()), .. parameters]);
        return id;
    }

    private SqliteCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            if (sql.Contains(name, StringComparison.Ordinal))
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
        }
        return command;
    }
}
