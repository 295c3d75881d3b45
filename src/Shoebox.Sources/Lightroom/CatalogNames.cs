using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Shoebox.Sources.Lightroom;

/// <summary>One catalog image as far as naming and tagging its preview needs: where the original is and what was said of it.</summary>
public sealed record CatalogImage(long ImageId, string? OriginalPath, string? BaseName, PreviewMetadata Metadata);

/// <summary>
/// The few facts a preview extraction takes from a .lrcat: each image's original file name, capture time,
/// keywords, caption and title. Read-only (a private copy when Lightroom holds the catalog locked); everything
/// else in the catalog is left to the catalog importer.
/// </summary>
public static partial class CatalogNames
{
    private const int MaxKeywordDepth = 64;

    public static IReadOnlyList<CatalogImage> Read(string catalogPath)
    {
        ArgumentNullException.ThrowIfNull(catalogPath);
        try
        {
            using var database = ReadOnlyDatabase.Open(catalogPath);
            foreach (var table in new[] { "Adobe_images", "AgLibraryFile", "AgLibraryFolder", "AgLibraryRootFolder" })
            {
                if (!database.HasTable(table))
                {
                    throw new LightroomPreviewException($"{catalogPath} is not a Lightroom catalog: it has no {table} table");
                }
            }
            var keywords = Keywords(database);
            var captions = Texts(database, "AgLibraryIPTC", "SELECT image, caption FROM AgLibraryIPTC WHERE caption IS NOT NULL AND caption <> ''");
            var titles = Titles(database);
            var images = new List<CatalogImage>();
            using var command = database.Connection.CreateCommand();
            command.CommandText = """
                SELECT i.id_local, i.captureTime, f.baseName, f.extension, fo.pathFromRoot, r.absolutePath
                FROM Adobe_images i
                LEFT JOIN AgLibraryFile f ON f.id_local = i.rootFile
                LEFT JOIN AgLibraryFolder fo ON fo.id_local = f.folder
                LEFT JOIN AgLibraryRootFolder r ON r.id_local = fo.rootFolder
                ORDER BY i.id_local
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                var baseName = Text(reader, 2);
                var extension = Text(reader, 3);
                string? original = null;
                if (baseName is not null && Text(reader, 5) is { } root)
                {
                    original = root + (Text(reader, 4) ?? "") + baseName + (string.IsNullOrEmpty(extension) ? "" : "." + extension);
                }
                var metadata = new PreviewMetadata(
                    CaptureTime(Text(reader, 1)),
                    keywords.TryGetValue(id, out var tags) ? tags : [],
                    captions.GetValueOrDefault(id),
                    titles.GetValueOrDefault(id));
                images.Add(new CatalogImage(id, original, baseName, metadata));
            }
            return images;
        }
        catch (SqliteException e)
        {
            throw new LightroomPreviewException($"{catalogPath} cannot be read as a Lightroom catalog: {e.Message}");
        }
    }

    /// <summary>Lightroom's captureTime: ISO-8601-like wall-clock time, usually without a zone.</summary>
    public static DateTime? CaptureTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed)
            ? parsed.DateTime
            : null;

    // Each image's keywords as paths ("Places|France|Paris"), walking up the parents to the unnamed root.
    private static Dictionary<long, List<string>> Keywords(ReadOnlyDatabase database)
    {
        var result = new Dictionary<long, List<string>>();
        if (!database.HasTable("AgLibraryKeyword") || !database.HasTable("AgLibraryKeywordImage"))
        {
            return result;
        }
        var tree = new Dictionary<long, (string? Name, long? Parent)>();
        using (var command = database.Connection.CreateCommand())
        {
            command.CommandText = "SELECT id_local, name, parent FROM AgLibraryKeyword";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tree[reader.GetInt64(0)] = (Text(reader, 1), reader.IsDBNull(2) ? null : reader.GetInt64(2));
            }
        }
        using (var command = database.Connection.CreateCommand())
        {
            command.CommandText = "SELECT image, tag FROM AgLibraryKeywordImage ORDER BY image, tag";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (reader.IsDBNull(0) || reader.IsDBNull(1) || KeywordPath(tree, reader.GetInt64(1)) is not { } path)
                {
                    continue;
                }
                var image = reader.GetInt64(0);
                if (!result.TryGetValue(image, out var list))
                {
                    result[image] = list = [];
                }
                if (!list.Contains(path, StringComparer.Ordinal))
                {
                    list.Add(path);
                }
            }
        }
        return result;
    }

    private static string? KeywordPath(Dictionary<long, (string? Name, long? Parent)> tree, long tag)
    {
        var parts = new List<string>();
        long? current = tag;
        while (current is { } id && tree.TryGetValue(id, out var keyword) && keyword.Name is { Length: > 0 } name && parts.Count < MaxKeywordDepth)
        {
            parts.Add(name);
            current = keyword.Parent;
        }
        parts.Reverse();
        return parts.Count == 0 ? null : string.Join('|', parts);
    }

    private static Dictionary<long, string> Titles(ReadOnlyDatabase database)
    {
        var titles = new Dictionary<long, string>();
        if (!database.HasTable("Adobe_AdditionalMetadata"))
        {
            return titles;
        }
        foreach (var (image, xmp) in Texts(database, "Adobe_AdditionalMetadata",
                     "SELECT image, xmp FROM Adobe_AdditionalMetadata WHERE xmp LIKE '%dc:title%'"))
        {
            var match = TitleInXmp().Match(xmp);
            if (match.Success && WebUtility.HtmlDecode(match.Groups[1].Value).Trim() is { Length: > 0 } title)
            {
                titles[image] = title;
            }
        }
        return titles;
    }

    private static Dictionary<long, string> Texts(ReadOnlyDatabase database, string table, string query)
    {
        var texts = new Dictionary<long, string>();
        if (!database.HasTable(table))
        {
            return texts;
        }
        using var command = database.Connection.CreateCommand();
        command.CommandText = query;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (!reader.IsDBNull(0) && Text(reader, 1) is { } text)
            {
                texts.TryAdd(reader.GetInt64(0), text);
            }
        }
        return texts;
    }

    private static string? Text(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : Convert.ToString(reader.GetValue(column), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"<dc:title>\s*<rdf:Alt>\s*<rdf:li[^>]*>(.*?)</rdf:li>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex TitleInXmp();
}
