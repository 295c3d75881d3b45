using Microsoft.Data.Sqlite;
using Shoebox.Core;
using Shoebox.Sources.Sqlite;

namespace Shoebox.Sources.CaptureOne;

/// <summary>
/// A Capture One catalog's or session's database (Core Data over SQLite), read from a private copy: Capture One
/// corrupts a catalog written to while it runs, and notices locks, so the original is only ever read through shared
/// reads and nothing is created beside it (see <see cref="SqliteSnapshot"/>). A "-journal" left by an unclean
/// shutdown is copied with it and rolled back in the copy, never in the original.
/// </summary>
public sealed class CaptureOneCatalog : IDisposable
{
    private readonly SqliteSnapshot _snapshot;
    private readonly CaptureOneSchema _schema;

    private CaptureOneCatalog(string databasePath, SqliteSnapshot snapshot, CaptureOneSchema schema)
    {
        DatabasePath = databasePath;
        _snapshot = snapshot;
        _schema = schema;
    }

    public string DatabasePath { get; }

    /// <summary>Smart albums by folder path; filled by <see cref="ReadImages"/>. Their rules are not evaluated.</summary>
    public IReadOnlyList<string> SmartAlbums { get; private set; } = [];

    private SqliteConnection Connection => _snapshot.Connection;

    /// <summary>Opens the database file; throws <see cref="InvalidDataException"/> when it is not a Capture One database.</summary>
    public static CaptureOneCatalog Open(string databasePath)
    {
        ArgumentNullException.ThrowIfNull(databasePath);
        var path = Path.GetFullPath(databasePath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The Capture One database {path} does not exist.", path);
        }
        SqliteSnapshot snapshot;
        try
        {
            snapshot = SqliteSnapshot.Take(path);
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"{path} is not a Capture One catalog: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"The Capture One database {path} cannot be copied for reading: {e.Message}", e);
        }
        try
        {
            return new CaptureOneCatalog(path, snapshot, CaptureOneSchema.Discover(snapshot.Connection, path));
        }
        catch (SqliteException e)
        {
            snapshot.Dispose();
            throw new InvalidDataException($"{path} is not a Capture One catalog: {e.Message}", e);
        }
        catch
        {
            snapshot.Dispose();
            throw;
        }
    }

    /// <summary>Every image not in the trash, in database order, with what Capture One shows of it.</summary>
    public IReadOnlyList<CaptureOneImage> ReadImages()
    {
        try
        {
            var variants = CaptureOneVariants.Read(Connection, _schema);
            var collections = CaptureOneCollections.Read(Connection, _schema);
            SmartAlbums = collections.SmartAlbums;
            var rows = ReadRows();
            var epoch = CaptureOneValues.EpochOf(rows.Select(r => r.Date).OfType<double>());
            return [.. rows.Select(row =>
            {
                var edits = variants.Of(row.Image.Id);
                var image = edits.ApplyTo(row.Image);
                return image with
                {
                    Facts = image.Facts with
                    {
                        TakenAt = CaptureOneValues.Time(row.Date, epoch) ?? CaptureOneValues.Time(row.DateText),
                        Albums = collections.Of(image.Id, image.Variants),
                    },
                };
            })];
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"The Capture One catalog {DatabasePath} cannot be read: {e.Message}", e);
        }
    }

    public void Dispose() => _snapshot.Dispose();

    private sealed record Row(CaptureOneImage Image, double? Date, string? DateText);

    private List<Row> ReadRows()
    {
        string Image(string column) => _schema.Image.Contains(column) ? "i." + column : "NULL";
        string Location(string column) => _schema.Location.Contains(column) ? "l." + column : "NULL";
        var joinsLocation = _schema.Location.Count > 0 && _schema.Image.Contains("ZIMAGELOCATION");
        var rows = new List<Row>();
        SqliteSchema.ForEach(Connection, $"""
            SELECT i.Z_PK, i.ZIMAGEFILENAME, {Image("ZISINSIDECATALOG")}, {(joinsLocation ? "l.Z_PK" : "NULL")}, {Location("ZISRELATIVE")},
                   {Location("ZRELATIVEPATH")}, {Location("ZWINROOT")}, {Location("ZMACROOT")}, {Location("ZVOLUME")}, {Image("ZEXP_DATE")},
                   {Image("ZGPSLATITUDE")}, {Image("ZGPSLONGITUDE")}, {Image("ZGPSALTITUDE")}, {Image("ZCAMERA_MAKE")}, {Image("ZCAMERA_MODEL")},
                   {Image("ZCAMERA_LENS")}
            FROM ZIMAGE i
            {(joinsLocation ? "LEFT JOIN ZPATHLOCATION l ON l.Z_PK = i.ZIMAGELOCATION" : "")}
            WHERE COALESCE({Image("ZISTRASHED")}, 0) = 0
            ORDER BY i.Z_PK
            """, row =>
        {
            if (SqliteSchema.NonEmpty(SqliteSchema.Text(row, 1)) is not { } fileName)
            {
                return;
            }
            var inside = SqliteSchema.Long(row, 2) is not (null or 0) || SqliteSchema.Long(row, 4) is not (null or 0);
            var folder = inside || !row.IsDBNull(3)
                ? new CaptureOneFolder(inside, SqliteSchema.Text(row, 5), SqliteSchema.NonEmpty(SqliteSchema.Text(row, 6)), SqliteSchema.NonEmpty(SqliteSchema.Text(row, 7)), SqliteSchema.NonEmpty(SqliteSchema.Text(row, 8)))
                : null;
            var latitude = CaptureOneValues.Coordinate(row.GetValue(10), 90);
            var longitude = CaptureOneValues.Coordinate(row.GetValue(11), 180);
            // Both 0 is what an image without a position gets in some releases; no photo library means the Gulf of Guinea.
            var located = latitude is { } lat && longitude is { } lon && (lat != 0 || lon != 0);
            var seconds = SqliteSchema.Double(row, 9);
            rows.Add(new Row(
                new CaptureOneImage(row.GetInt64(0), fileName, folder)
                {
                    Facts = new SourceFacts
                    {
                        Source = CaptureOneSource.SourceName,
                        Overrides = true, // what the user set in Capture One beats the file's EXIF, as Lightroom's and Photos' do
                        Latitude = located ? latitude : null,
                        Longitude = located ? longitude : null,
                        Altitude = located ? CaptureOneValues.Coordinate(row.GetValue(12), 20_000) : null,
                        CameraMake = SqliteSchema.NonEmpty(SqliteSchema.Text(row, 13)),
                        CameraModel = SqliteSchema.NonEmpty(SqliteSchema.Text(row, 14)),
                        Lens = SqliteSchema.NonEmpty(SqliteSchema.Text(row, 15)),
                    },
                },
                seconds,
                seconds is null ? SqliteSchema.Text(row, 9) : null));
        });
        return rows;
    }
}
