using Microsoft.Data.Sqlite;
using Shoebox.Sources.Sqlite;

namespace Shoebox.Sources.CaptureOne;

/// <summary>
/// The variants of each image (several edits of one file, one photo to Shoebox) and the metadata of each, from the
/// layer Capture One shows: the combined one (ZVARIANT.ZCOMBINEDSETTINGS), else the user's adjustments, else the
/// file's defaults. Releases join a layer to its metadata two ways, ZVARIANTMETADATA.ZLAYER or
/// ZVARIANTLAYER.ZMETADATA; whichever the database has is used.
/// </summary>
internal sealed class CaptureOneVariants
{
    private static readonly string[] LayerColumns = ["ZCOMBINEDSETTINGS", "ZADJUSTMENTLAYER", "ZDEFAULTLAYER"];

    private readonly Dictionary<long, List<Edit>> _byImage = [];

    public static CaptureOneVariants Read(SqliteConnection connection, CaptureOneSchema schema)
    {
        var variants = new CaptureOneVariants();
        if (schema.Variant.Count == 0)
        {
            return variants;
        }
        var layers = LayerColumns.Where(schema.Variant.Contains).Select(column => "v." + column).ToList();
        var layer = layers.Count switch
        {
            0 => "NULL",
            1 => layers[0],
            _ => $"COALESCE({string.Join(", ", layers)})",
        };
        var viaLayer = schema.Metadata.Contains("ZLAYER");
        var viaMetadata = schema.Layer.Contains("ZMETADATA");
        var join = (viaLayer, viaMetadata) switch
        {
            _ when schema.Metadata.Count == 0 || layers.Count == 0 => null,
            (true, true) => $"""
                LEFT JOIN ZVARIANTLAYER vl ON vl.Z_PK = {layer}
                LEFT JOIN ZVARIANTMETADATA m ON m.Z_PK = COALESCE(vl.ZMETADATA, (SELECT mm.Z_PK FROM ZVARIANTMETADATA mm WHERE mm.ZLAYER = {layer} ORDER BY mm.Z_PK LIMIT 1))
                """,
            (true, false) => $"LEFT JOIN ZVARIANTMETADATA m ON m.Z_PK = (SELECT mm.Z_PK FROM ZVARIANTMETADATA mm WHERE mm.ZLAYER = {layer} ORDER BY mm.Z_PK LIMIT 1)",
            (false, true) => $"LEFT JOIN ZVARIANTLAYER vl ON vl.Z_PK = {layer} LEFT JOIN ZVARIANTMETADATA m ON m.Z_PK = vl.ZMETADATA",
            _ => null,
        };
        string Meta(string column) => join is not null && schema.Metadata.Contains(column) ? "m." + column : "NULL";
        var order = schema.Variant.Contains("ZINDEX") ? "COALESCE(v.ZINDEX, 0), " : "";
        SqliteSchema.ForEach(connection, $"""
            SELECT v.Z_PK, v.ZIMAGE, {Meta("ZBASIC_RATING")}, {Meta("ZCOLOR_TAG_INDEX")}, {Meta("ZCONTENT_KEYWORDS")},
                   {Meta("ZCONTENT_DESCRIPTION")}, {Meta("ZSTATUS_TITLE")}, {Meta("ZIMAGE_CITY")}
            FROM ZVARIANT v
            {join}
            WHERE v.ZIMAGE IS NOT NULL
            ORDER BY v.ZIMAGE, {order}v.Z_PK
            """, row =>
        {
            var image = row.GetInt64(1);
            if (!variants._byImage.TryGetValue(image, out var edits))
            {
                variants._byImage[image] = edits = [];
            }
            edits.Add(new Edit(
                row.GetInt64(0),
                CaptureOneValues.Rating(SqliteSchema.Long(row, 2)),
                CaptureOneValues.Label(SqliteSchema.Long(row, 3)),
                CaptureOneValues.Keywords(SqliteSchema.Text(row, 4)),
                SqliteSchema.NonEmpty(SqliteSchema.Text(row, 5)),
                SqliteSchema.NonEmpty(SqliteSchema.Text(row, 6)),
                SqliteSchema.NonEmpty(SqliteSchema.Text(row, 7))));
        });
        return variants;
    }

    /// <summary>The image's variants, the first (lowest ZINDEX) first; none when the catalog lists none.</summary>
    public Edits Of(long image) => new(_byImage.GetValueOrDefault(image) ?? []);

    /// <summary>One variant's metadata.</summary>
    internal sealed record Edit(long Id, int? Rating, string? Label, IReadOnlyList<string> Keywords, string? Description, string? Title, string? City);

    /// <summary>
    /// An image's variants as one photo: each value from the first variant that has one (the one Capture One lists
    /// first is the one its browser shows), keywords from all of them.
    /// </summary>
    internal sealed record Edits(IReadOnlyList<Edit> All)
    {
        public CaptureOneImage ApplyTo(CaptureOneImage image) => image with
        {
            Variants = [.. All.Select(e => e.Id)],
            Facts = image.Facts with
            {
                Rating = All.Select(e => e.Rating).FirstOrDefault(r => r is not null),
                Label = All.Select(e => e.Label).FirstOrDefault(l => l is not null),
                Title = All.Select(e => e.Title).FirstOrDefault(t => t is not null),
                Description = All.Select(e => e.Description).FirstOrDefault(d => d is not null),
                Places = All.Select(e => e.City).OfType<string>().Take(1).ToList(),
                Keywords = [.. All.SelectMany(e => e.Keywords).Distinct(StringComparer.Ordinal)],
            },
        };
    }
}
