using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Shoebox.Sources.Sqlite;

namespace Shoebox.Sources.CaptureOne;

/// <summary>
/// Where one Capture One database keeps things. Core Data numbers its entities per release and columns come and go
/// between releases, so every table's columns are read from the database (PRAGMA table_info), entity numbers from
/// its entity table, and the membership tables' column names matched by pattern.
/// </summary>
internal sealed partial record CaptureOneSchema(
    HashSet<string> Tables,
    HashSet<string> Image,
    HashSet<string> Location,
    HashSet<string> Variant,
    HashSet<string> Layer,
    HashSet<string> Metadata,
    HashSet<string> Collection,
    IReadOnlyDictionary<long, string> Entities,
    IReadOnlyList<MembershipTable> Memberships)
{
    private static readonly string[] RequiredImageColumns = ["Z_PK", "ZIMAGEFILENAME"];

    public static CaptureOneSchema Discover(SqliteConnection connection, string databasePath)
    {
        var tables = SqliteSchema.Tables(connection);
        if (!tables.Contains("ZIMAGE"))
        {
            throw new InvalidDataException($"{databasePath} is not a Capture One catalog: table ZIMAGE is missing");
        }
        var image = SqliteSchema.Columns(connection, "ZIMAGE");
        if (RequiredImageColumns.FirstOrDefault(column => !image.Contains(column)) is { } missing)
        {
            throw new InvalidDataException($"{databasePath} is not a Capture One catalog: column ZIMAGE.{missing} is missing");
        }
        HashSet<string> Columns(string table, params string[] required)
        {
            var columns = tables.Contains(table) ? SqliteSchema.Columns(connection, table) : [];
            return required.All(columns.Contains) ? columns : [];
        }
        var memberships = new List<MembershipTable>();
        foreach (var (table, subject, kind) in new[] { ("ZVARIANTINCOLLECTION", VariantColumn(), MemberKind.Variant), ("ZIMAGEINCOLLECTION", ImageColumn(), MemberKind.Image) })
        {
            if (tables.Contains(table) && JoinTable.Find(connection, table, subject, CollectionColumn()) is { } join)
            {
                memberships.Add(new MembershipTable(join, kind));
            }
        }
        return new CaptureOneSchema(
            tables,
            image,
            Columns("ZPATHLOCATION", "Z_PK"),
            Columns("ZVARIANT", "Z_PK", "ZIMAGE"),
            Columns("ZVARIANTLAYER", "Z_PK"),
            Columns("ZVARIANTMETADATA", "Z_PK"),
            Columns("ZCOLLECTION", "Z_PK"),
            ReadEntities(connection, tables),
            memberships);
    }

    // Capture One keeps its own ZENTITIES(Z_ENT, ZNAME); every Core Data store also has Z_PRIMARYKEY(Z_ENT, Z_NAME).
    private static Dictionary<long, string> ReadEntities(SqliteConnection connection, HashSet<string> tables)
    {
        var entities = new Dictionary<long, string>();
        foreach (var (table, name) in new[] { ("ZENTITIES", "ZNAME"), ("Z_PRIMARYKEY", "Z_NAME") })
        {
            if (entities.Count == 0 && tables.Contains(table) && SqliteSchema.Columns(connection, table).IsSupersetOf(["Z_ENT", name]))
            {
                SqliteSchema.ForEach(connection, $"SELECT Z_ENT, {name} FROM {table}", row =>
                {
                    if (SqliteSchema.Long(row, 0) is { } number && SqliteSchema.Text(row, 1) is { Length: > 0 } text)
                    {
                        entities[number] = text;
                    }
                });
            }
        }
        return entities;
    }

    [GeneratedRegex("^Z(_[0-9]+)?VARIANTS?$", RegexOptions.IgnoreCase)]
    private static partial Regex VariantColumn();

    [GeneratedRegex("^Z(_[0-9]+)?IMAGES?$", RegexOptions.IgnoreCase)]
    private static partial Regex ImageColumn();

    [GeneratedRegex("^Z(_[0-9]+)?COLLECTIONS?$", RegexOptions.IgnoreCase)]
    private static partial Regex CollectionColumn();
}

internal enum MemberKind
{
    Variant,
    Image,
}

/// <summary>A membership table: its subject names a variant or an image (<see cref="Kind"/>), its other side the album.</summary>
internal sealed record MembershipTable(JoinTable Join, MemberKind Kind);
