using Microsoft.Data.Sqlite;
using Shoebox.Sources.Sqlite;

namespace Shoebox.Sources.Lightroom;

/// <summary>
/// A Lightroom Classic catalog (.lrcat), read from a private copy so that Lightroom, which may have it open, is
/// never blocked and the catalog never changes (see <see cref="SqliteSnapshot"/>).
/// </summary>
public sealed class LightroomCatalog : IDisposable
{
    private static readonly (string Table, string[] Columns)[] Required =
    [
        ("Adobe_images", ["id_local", "id_global", "rootFile", "masterImage"]),
        ("AgLibraryFile", ["id_local", "baseName", "extension", "folder"]),
        ("AgLibraryFolder", ["id_local", "rootFolder", "pathFromRoot"]),
        ("AgLibraryRootFolder", ["id_local", "absolutePath"]),
    ];

    private readonly SqliteSnapshot _snapshot;
    private readonly HashSet<string> _tables;
    private readonly List<UnreadableImage> _unreadable = [];

    private LightroomCatalog(string path, SqliteSnapshot snapshot, HashSet<string> tables)
    {
        Path = path;
        _snapshot = snapshot;
        _tables = tables;
    }

    public string Path { get; }

    /// <summary>Images the catalog lists but whose file records are broken; filled by <see cref="ReadImages"/>.</summary>
    public IReadOnlyList<UnreadableImage> Unreadable => _unreadable;

    private SqliteConnection Connection => _snapshot.Connection;

    /// <summary>Opens <paramref name="catalogPath"/>; throws <see cref="InvalidDataException"/> when it is not a Lightroom catalog.</summary>
    public static LightroomCatalog Open(string catalogPath)
    {
        ArgumentNullException.ThrowIfNull(catalogPath);
        var path = System.IO.Path.GetFullPath(catalogPath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The Lightroom catalog {path} does not exist.", path);
        }
        SqliteSnapshot snapshot;
        HashSet<string> tables;
        try
        {
            snapshot = SqliteSnapshot.Take(path);
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"{path} is not a Lightroom catalog: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"The Lightroom catalog {path} cannot be copied for reading: {e.Message}", e);
        }
        try
        {
            tables = SqliteSchema.Tables(snapshot.Connection);
            foreach (var (table, columns) in Required)
            {
                if (!tables.Contains(table))
                {
                    throw new InvalidDataException($"{path} is not a Lightroom catalog: table {table} is missing");
                }
                var present = SqliteSchema.Columns(snapshot.Connection, table);
                if (columns.FirstOrDefault(column => !present.Contains(column)) is { } missing)
                {
                    throw new InvalidDataException($"{path} is not a Lightroom catalog: column {table}.{missing} is missing");
                }
            }
        }
        catch (SqliteException e)
        {
            snapshot.Dispose();
            throw new InvalidDataException($"{path} is not a Lightroom catalog: {e.Message}", e);
        }
        catch
        {
            snapshot.Dispose();
            throw;
        }
        return new LightroomCatalog(path, snapshot, tables);
    }

    /// <summary>
    /// Every master image with what the catalog says about it, in catalog order; with
    /// <paramref name="includeVirtualCopies"/> also each virtual copy, which has previews and metadata of its own.
    /// </summary>
    public IReadOnlyList<LightroomImage> ReadImages(bool includeVirtualCopies = false)
    {
        _unreadable.Clear();
        try
        {
            var keywords = LightroomKeywords.Read(Connection, _tables);
            var captions = ReadCaptions();
            var titles = ReadTitles();
            var exif = ReadExif();
            var collections = ReadCollections();
            var images = new List<LightroomImage>();
            foreach (var image in ReadRows(includeVirtualCopies))
            {
                var (paths, people) = keywords.Of(image.Id);
                var facts = exif.GetValueOrDefault(image.Id);
                images.Add(image with
                {
                    Keywords = paths,
                    People = people,
                    Caption = captions.GetValueOrDefault(image.Id),
                    Title = titles.GetValueOrDefault(image.Id),
                    Collections = collections.TryGetValue(image.Id, out var names) ? [.. names.Order(StringComparer.Ordinal)] : [],
                    Latitude = facts?.Latitude,
                    Longitude = facts?.Longitude,
                    CameraModel = facts?.Model,
                    Lens = facts?.Lens,
                });
            }
            return images;
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"The Lightroom catalog {Path} cannot be read: {e.Message}", e);
        }
    }

    public void Dispose() => _snapshot.Dispose();

    private List<LightroomImage> ReadRows(bool includeVirtualCopies)
    {
        var columns = SqliteSchema.Columns(Connection, "Adobe_images");
        string Optional(string column) => columns.Contains(column) ? "i." + column : "NULL";
        var images = new List<LightroomImage>();
        SqliteSchema.ForEach(Connection, $"""
            SELECT i.id_local, i.id_global, {Optional("captureTime")}, {Optional("rating")}, {Optional("pick")},
                   {Optional("orientation")}, f.id_local, r.absolutePath, fo.pathFromRoot, f.baseName, f.extension, i.masterImage,
                   {Optional("colorLabels")}
            FROM Adobe_images i
            LEFT JOIN AgLibraryFile f ON f.id_local = i.rootFile
            LEFT JOIN AgLibraryFolder fo ON fo.id_local = f.folder
            LEFT JOIN AgLibraryRootFolder r ON r.id_local = fo.rootFolder
            {(includeVirtualCopies ? "" : "WHERE i.masterImage IS NULL")}
            ORDER BY i.id_local
            """, row =>
        {
            var id = row.GetInt64(0);
            var globalId = SqliteSchema.Text(row, 1) ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var root = SqliteSchema.Text(row, 7);
            var baseName = SqliteSchema.Text(row, 9);
            if (row.IsDBNull(6) || root is null || baseName is null)
            {
                _unreadable.Add(new UnreadableImage(id, $"image {id} ({globalId}): its file, folder or root folder record is missing"));
                return;
            }
            var extension = SqliteSchema.Text(row, 10);
            var name = string.IsNullOrEmpty(extension) ? baseName : baseName + "." + extension;
            var rating = SqliteSchema.Long(row, 3);
            images.Add(new LightroomImage(id, globalId, root + SqliteSchema.Text(row, 8) + name, TrimRoot(root))
            {
                CaptureTime = LightroomValues.CaptureTime(SqliteSchema.Text(row, 2)),
                // Lightroom writes 0 when stars are removed: the same as never rated.
                Rating = rating is > 0 ? (int)Math.Min(rating.Value, 5) : null,
                Pick = SqliteSchema.Long(row, 4) is { } pick ? Math.Sign(pick) : null,
                Orientation = SqliteSchema.Text(row, 5) is { } letters && !string.IsNullOrWhiteSpace(letters) ? LightroomOrientation.ToExif(letters) : null,
                MasterImage = SqliteSchema.Long(row, 11),
                // The label's name in the label set in use: "Red" ... "Purple" in the default one.
                Label = SqliteSchema.Text(row, 12) is { } label && !string.IsNullOrWhiteSpace(label) ? label.Trim().ToLowerInvariant() : null,
            });
        });
        return images;
    }

    // "/Volumes/Photos/" -> "/Volumes/Photos"; "/" and "D:/" stay whole.
    private static string TrimRoot(string absolutePath)
    {
        var trimmed = absolutePath.TrimEnd('/', '\\');
        return trimmed.Length == 0 || trimmed.EndsWith(':') ? absolutePath : trimmed;
    }

    private Dictionary<long, string> ReadCaptions()
    {
        var captions = new Dictionary<long, string>();
        if (HasColumns("AgLibraryIPTC", "image", "caption"))
        {
            SqliteSchema.ForEach(Connection, "SELECT image, caption FROM AgLibraryIPTC WHERE caption IS NOT NULL", row =>
            {
                if (SqliteSchema.Text(row, 1)?.Trim() is { Length: > 0 } caption)
                {
                    captions[row.GetInt64(0)] = caption;
                }
            });
        }
        return captions;
    }

    private Dictionary<long, string> ReadTitles()
    {
        var titles = new Dictionary<long, string>();
        if (HasColumns("Adobe_AdditionalMetadata", "image", "xmp"))
        {
            // Most packets have no title; let SQLite skip them before any text crosses over.
            SqliteSchema.ForEach(Connection, "SELECT image, xmp FROM Adobe_AdditionalMetadata WHERE image IS NOT NULL AND instr(xmp, 'dc:title') > 0", row =>
            {
                if (LightroomValues.Title(SqliteSchema.Text(row, 1)) is { } title)
                {
                    titles[row.GetInt64(0)] = title;
                }
            });
        }
        return titles;
    }

    private sealed record ExifFacts(double? Latitude, double? Longitude, string? Model, string? Lens);

    private Dictionary<long, ExifFacts> ReadExif()
    {
        var facts = new Dictionary<long, ExifFacts>();
        if (!HasColumns("AgHarvestedExifMetadata", "image"))
        {
            return facts;
        }
        var columns = SqliteSchema.Columns(Connection, "AgHarvestedExifMetadata");
        var hasGps = columns.Contains("hasGPS") ? "e.hasGPS" : "1";
        var latitude = columns.Contains("gpsLatitude") ? "e.gpsLatitude" : "NULL";
        var longitude = columns.Contains("gpsLongitude") ? "e.gpsLongitude" : "NULL";
        var (model, modelJoin) = Interned("AgInternedExifCameraModel", "cameraModelRef", "m", columns);
        var (lens, lensJoin) = Interned("AgInternedExifLens", "lensRef", "l", columns);
        SqliteSchema.ForEach(Connection, $"""
            SELECT e.image, {hasGps}, {latitude}, {longitude}, {model}, {lens}
            FROM AgHarvestedExifMetadata e {modelJoin} {lensJoin}
            WHERE e.image IS NOT NULL
            """, row =>
        {
            var located = SqliteSchema.Long(row, 1) is not (null or 0);
            var lat = located ? SqliteSchema.Double(row, 2) : null;
            var lon = located ? SqliteSchema.Double(row, 3) : null;
            var valid = lat is >= -90 and <= 90 && lon is >= -180 and <= 180;
            facts[row.GetInt64(0)] = new ExifFacts(
                valid ? lat : null, valid ? lon : null, SqliteSchema.NonEmpty(SqliteSchema.Text(row, 4)), SqliteSchema.NonEmpty(SqliteSchema.Text(row, 5)));
        });
        return facts;
    }

    private (string Value, string Join) Interned(string table, string reference, string alias, HashSet<string> exifColumns) =>
        exifColumns.Contains(reference) && HasColumns(table, "id_local", "value")
            ? ($"{alias}.value", $"LEFT JOIN {table} {alias} ON {alias}.id_local = e.{reference}")
            : ("NULL", "");

    private Dictionary<long, HashSet<string>> ReadCollections()
    {
        var collections = new Dictionary<long, HashSet<string>>();
        if (HasColumns("AgLibraryCollectionImage", "image", "collection") && HasColumns("AgLibraryCollection", "id_local", "name"))
        {
            // Only collections with image rows: smart collections keep rules, not images, and so drop out here.
            SqliteSchema.ForEach(Connection, """
                SELECT ci.image, c.name FROM AgLibraryCollectionImage ci
                JOIN AgLibraryCollection c ON c.id_local = ci.collection
                """, row =>
            {
                if (SqliteSchema.NonEmpty(SqliteSchema.Text(row, 1)) is { } name)
                {
                    var image = row.GetInt64(0);
                    if (!collections.TryGetValue(image, out var names))
                    {
                        collections[image] = names = new HashSet<string>(StringComparer.Ordinal);
                    }
                    names.Add(name);
                }
            });
        }
        return collections;
    }

    private bool HasColumns(string table, params string[] columns)
    {
        if (!_tables.Contains(table))
        {
            return false;
        }
        var present = SqliteSchema.Columns(Connection, table);
        return columns.All(present.Contains);
    }
}
