using Microsoft.Data.Sqlite;
using Shoebox.Sources.Sqlite;

namespace Shoebox.Sources.CaptureOne;

/// <summary>
/// Capture One's albums and projects, named by their folder path ("Portfolio/Weddings"), and who is in them. Kinds
/// come from the collection's entity name (AlbumCollection, ProjectCollection, a group, a smart album, the trash);
/// smart albums keep rules, not members, and are only listed by name.
/// </summary>
internal sealed class CaptureOneCollections
{
    private const int MaxDepth = 64;

    private readonly Dictionary<long, HashSet<string>> _byVariant = [];
    private readonly Dictionary<long, HashSet<string>> _byImage = [];

    /// <summary>Smart albums by path, in name order: listed, never evaluated.</summary>
    public IReadOnlyList<string> SmartAlbums { get; private init; } = [];

    public static CaptureOneCollections Read(SqliteConnection connection, CaptureOneSchema schema)
    {
        if (!schema.Collection.Contains("ZNAME"))
        {
            return new CaptureOneCollections();
        }
        var rows = new Dictionary<long, (string? Name, long? Parent, CollectionKind Kind)>();
        string Optional(string column) => schema.Collection.Contains(column) ? column : "NULL";
        SqliteSchema.ForEach(connection, $"SELECT Z_PK, ZNAME, {Optional("ZPARENT")}, {Optional("Z_ENT")}, {Optional("ZSMARTCRITERIA")} FROM ZCOLLECTION", row =>
        {
            var entity = SqliteSchema.Long(row, 3) is { } number ? schema.Entities.GetValueOrDefault(number) : null;
            var hasRules = SqliteSchema.Text(row, 4) is { Length: > 0 } rules && !string.IsNullOrWhiteSpace(rules);
            rows[row.GetInt64(0)] = (SqliteSchema.NonEmpty(SqliteSchema.Text(row, 1)), SqliteSchema.Long(row, 2), KindOf(entity, hasRules, schema.Entities.Count > 0));
        });
        string? PathOf(long id)
        {
            var names = new List<string>();
            long? current = id;
            for (var depth = 0; current is { } at && rows.TryGetValue(at, out var row) && depth < MaxDepth; depth++)
            {
                if (depth > 0 && row.Kind is not (CollectionKind.Group or CollectionKind.Album))
                {
                    break; // the catalog's root or a system collection above the user's tree
                }
                if (row.Name is { } name)
                {
                    names.Add(name);
                }
                current = row.Parent; // -1 at the root, never a row
            }
            names.Reverse();
            return names.Count == 0 ? null : string.Join('/', names);
        }
        var albums = rows.Where(r => r.Value.Kind == CollectionKind.Album).Select(r => (r.Key, Path: PathOf(r.Key)))
            .Where(r => r.Path is not null).ToDictionary(r => r.Key, r => r.Path!);
        var collections = new CaptureOneCollections
        {
            SmartAlbums = [.. rows.Where(r => r.Value.Kind == CollectionKind.Smart).Select(r => PathOf(r.Key)).OfType<string>().Order(StringComparer.Ordinal)],
        };
        foreach (var membership in schema.Memberships)
        {
            var into = membership.Kind == MemberKind.Variant ? collections._byVariant : collections._byImage;
            SqliteSchema.ForEach(connection, $"SELECT {membership.Join.Subject}, {membership.Join.Other} FROM {membership.Join.Table}", row =>
            {
                if (SqliteSchema.Long(row, 0) is { } member && SqliteSchema.Long(row, 1) is { } collection && albums.TryGetValue(collection, out var path))
                {
                    if (!into.TryGetValue(member, out var paths))
                    {
                        into[member] = paths = new HashSet<string>(StringComparer.Ordinal);
                    }
                    paths.Add(path);
                }
            });
        }
        return collections;
    }

    /// <summary>The albums and projects holding the image itself or any of its variants, in name order.</summary>
    public IReadOnlyList<string> Of(long image, IEnumerable<long> variants)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        if (_byImage.TryGetValue(image, out var direct))
        {
            paths.UnionWith(direct);
        }
        foreach (var variant in variants)
        {
            if (_byVariant.TryGetValue(variant, out var held))
            {
                paths.UnionWith(held);
            }
        }
        return [.. paths];
    }

    // Entity names seen: AlbumCollection, ProjectCollection, GroupCollection, SmartAlbumCollection, and system ones
    // (the catalog, its folders, Recent Imports, the trash). Without an entity table a collection with rules is smart
    // and any other an album.
    private static CollectionKind KindOf(string? entity, bool hasRules, bool entitiesKnown)
    {
        if (hasRules || Has(entity, "Smart"))
        {
            return CollectionKind.Smart;
        }
        if (!entitiesKnown)
        {
            return CollectionKind.Album;
        }
        if (Has(entity, "Trash"))
        {
            return CollectionKind.Other;
        }
        return Has(entity, "Album") || Has(entity, "Project") ? CollectionKind.Album : Has(entity, "Group") ? CollectionKind.Group : CollectionKind.Other;
    }

    private static bool Has(string? entity, string part) => entity?.Contains(part, StringComparison.OrdinalIgnoreCase) == true;

    private enum CollectionKind
    {
        Album,
        Group,
        Smart,
        Other,
    }
}
