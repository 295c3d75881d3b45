using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Shoebox.Sources.Sqlite;

namespace Shoebox.Sources.ApplePhotos;

/// <summary>
/// Where one Photos.sqlite keeps things. Core Data numbers its entities per release, so the asset table's name and
/// the join tables' names and columns are found in sqlite_master rather than assumed.
/// </summary>
internal sealed partial record ApplePhotosSchema(
    string AssetTable,
    HashSet<string> AssetColumns,
    HashSet<string> AttributeColumns,
    bool HasDescriptions,
    JoinTable? Keywords,
    IReadOnlyList<JoinTable> Albums)
{
    private static readonly string[] RequiredAssetColumns = ["Z_PK", "ZUUID", "ZDIRECTORY", "ZFILENAME"];

    public static ApplePhotosSchema Discover(SqliteConnection connection, string databasePath)
    {
        var tables = SqliteSchema.Tables(connection);
        var assetTable = tables.Contains("ZASSET") ? "ZASSET" : tables.Contains("ZGENERICASSET") ? "ZGENERICASSET"
            : throw new InvalidDataException($"{databasePath} is not a Photos library database: it has neither a ZASSET nor a ZGENERICASSET table");
        var assetColumns = SqliteSchema.Columns(connection, assetTable);
        if (RequiredAssetColumns.FirstOrDefault(column => !assetColumns.Contains(column)) is { } missing)
        {
            throw new InvalidDataException($"{databasePath} is not a Photos library database: column {assetTable}.{missing} is missing");
        }
        var attributeColumns = tables.Contains("ZADDITIONALASSETATTRIBUTES")
            ? SqliteSchema.Columns(connection, "ZADDITIONALASSETATTRIBUTES") : new HashSet<string>();
        if (!attributeColumns.Contains("ZASSET") || !attributeColumns.Contains("Z_PK"))
        {
            attributeColumns.Clear();
        }
        var hasDescriptions = attributeColumns.Contains("ZASSETDESCRIPTION") && tables.Contains("ZASSETDESCRIPTION")
            && SqliteSchema.Columns(connection, "ZASSETDESCRIPTION").IsSupersetOf(["Z_PK", "ZLONGDESCRIPTION"]);

        JoinTable? keywords = null;
        if (attributeColumns.Count > 0 && tables.Contains("ZKEYWORD")
            && SqliteSchema.Columns(connection, "ZKEYWORD").IsSupersetOf(["Z_PK", "ZTITLE"]))
        {
            keywords = tables.Where(table => KeywordJoin().IsMatch(table))
                .Select(table => JoinTable.Find(connection, table, AttributesColumn(), KeywordsColumn()))
                .FirstOrDefault(join => join is not null);
        }
        IReadOnlyList<JoinTable> albums = [];
        if (tables.Contains("ZGENERICALBUM")
            && SqliteSchema.Columns(connection, "ZGENERICALBUM").IsSupersetOf(["Z_PK", "ZTITLE", "ZKIND"]))
        {
            albums = [.. tables.Where(table => AlbumJoin().IsMatch(table))
                .Select(table => JoinTable.Find(connection, table, AssetsColumn(), AlbumsColumn()))
                .OfType<JoinTable>()];
        }
        return new ApplePhotosSchema(assetTable, assetColumns, attributeColumns, hasDescriptions, keywords, albums);
    }

    [GeneratedRegex("^Z_[0-9]+KEYWORDS$", RegexOptions.IgnoreCase)]
    private static partial Regex KeywordJoin();

    [GeneratedRegex("^Z_[0-9]+ASSETATTRIBUTES$", RegexOptions.IgnoreCase)]
    private static partial Regex AttributesColumn();

    [GeneratedRegex("^Z_[0-9]+KEYWORDS$", RegexOptions.IgnoreCase)]
    private static partial Regex KeywordsColumn();

    [GeneratedRegex("^Z_[0-9]+ASSETS$", RegexOptions.IgnoreCase)]
    private static partial Regex AlbumJoin();

    [GeneratedRegex("^Z_[0-9]+ASSETS$", RegexOptions.IgnoreCase)]
    private static partial Regex AssetsColumn();

    [GeneratedRegex("^Z_[0-9]+ALBUMS$", RegexOptions.IgnoreCase)]
    private static partial Regex AlbumsColumn();
}
