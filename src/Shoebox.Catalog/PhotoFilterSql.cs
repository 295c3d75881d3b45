using System.Text;
using System.Data.Common;
using Shoebox.Core;

namespace Shoebox.Catalog;

/// <summary>A WHERE condition and the values its parameters (@f0, @f1, ...) stand for.</summary>
internal sealed record FilterCondition(string Sql, IReadOnlyList<(string Name, object Value)> Values)
{
    public void Bind(DbCommand command)
    {
        foreach (var (name, value) in Values)
        {
            command.Bind(name, value);
        }
    }
}

/// <summary>Turns a <see cref="PhotoFilter"/> into a WHERE condition on <c>photos p</c>, values bound as parameters.</summary>
internal static class PhotoFilterSql
{
    public static FilterCondition Where(PhotoFilter filter, SqlDialect dialect)
    {
        var sql = new StringBuilder(LocationSql.Exists("p.id"));
        var values = new List<(string, object)>();
        string Bind(object value)
        {
            var name = $"@f{values.Count}";
            values.Add((name, value));
            return name;
        }
        if (filter.TakenFrom is { } from)
        {
            sql.Append($" AND p.taken_at >= {Bind(CatalogValues.Stamp(from))}");
        }
        if (filter.TakenBefore is { } before)
        {
            sql.Append($" AND p.taken_at < {Bind(CatalogValues.Stamp(before))}");
        }
        AnyOf(sql, filter.Cameras, negate: false, c => Camera(Bind(c), dialect));
        AnyOf(sql, filter.ExcludedCameras, negate: true, c => Camera(Bind(c), dialect));
        AnyOf(sql, filter.Folders, negate: false, f => Folder(Bind(LikeLiteral(f)), dialect));
        AnyOf(sql, filter.ExcludedFolders, negate: true, f => Folder(Bind(LikeLiteral(f)), dialect));
        AnyOf(sql, filter.Formats, negate: false, f => $"p.format = {Bind(CatalogValues.Format(f))}");
        AnyOf(sql, filter.ExcludedFormats, negate: true, f => $"p.format = {Bind(CatalogValues.Format(f))}");
        foreach (var keyword in filter.Keywords)
        {
            sql.Append($" AND {Keyword(Bind(keyword), dialect)}");
        }
        AnyOf(sql, filter.ExcludedKeywords, negate: true, k => Keyword(Bind(k), dialect));
        foreach (var person in filter.People)
        {
            sql.Append($" AND {Person(Bind(person))}");
        }
        AnyOf(sql, filter.ExcludedPeople, negate: true, k => Person(Bind(k)));
        AnyOf(sql, filter.Places, negate: false, p => Place(Bind(p), Bind(FoldedName(p)), dialect));
        AnyOf(sql, filter.ExcludedPlaces, negate: true, p => Place(Bind(p), Bind(FoldedName(p)), dialect));
        if (filter.HasLocation is { } hasLocation)
        {
            sql.Append(hasLocation ? " AND " : " AND NOT ").Append("(p.latitude IS NOT NULL AND p.longitude IS NOT NULL)");
        }
        foreach (var flag in filter.Flags)
        {
            sql.Append($" AND {Facts(FlagCondition(flag))}");
        }
        AnyOf(sql, filter.ExcludedFlags, negate: true, f => Facts(FlagCondition(f)));
        if (filter.MinRating is { } stars)
        {
            sql.Append($" AND {Facts($"f.rating >= {Bind(stars)}")}");
        }
        AnyOf(sql, filter.Labels, negate: false, l => Facts($"lower(f.label) = lower({Bind(l)})"));
        AnyOf(sql, filter.ExcludedLabels, negate: true, l => Facts($"lower(f.label) = lower({Bind(l)})"));
        if (filter.HasText is { } hasText)
        {
            sql.Append(hasText ? " AND " : " AND NOT ").Append("EXISTS (SELECT 1 FROM texts t WHERE t.photo_id = p.id AND t.kind = 'ocr')");
        }
        return new FilterCondition(sql.ToString(), values);
    }

    private static void AnyOf<T>(StringBuilder sql, IReadOnlyList<T> values, bool negate, Func<T, string> condition)
    {
        if (values.Count == 0)
        {
            return;
        }
        sql.Append(negate ? " AND NOT (" : " AND (").AppendJoin(" OR ", values.Select(condition)).Append(')');
    }

    private static string Camera(string parameter, SqlDialect dialect) =>
        dialect.Contains("lower(coalesce(p.camera_make, '') || ' ' || coalesce(p.camera_model, ''))", $"lower({parameter})");

    // Albums come from photo libraries (texts of kind 'album'); folders from the locations that exist. "The folder
    // contains X" is "X occurs before a separator": LIKE (ASCII case-insensitive, like the rest) does that in one
    // pass over the path, twice as fast as cutting off the file name first.
    private static string Folder(string parameter, SqlDialect dialect) =>
        $"(EXISTS (SELECT 1 FROM locations l WHERE l.photo_id = p.id AND l.status = 'ok' AND l.path {dialect.CaselessLike} '%' || {parameter} || '%{Path.DirectorySeparatorChar}%' ESCAPE '!')" +
        $" OR EXISTS (SELECT 1 FROM texts t WHERE t.photo_id = p.id AND t.kind = 'album' AND t.content {dialect.CaselessLike} '%' || {parameter} || '%' ESCAPE '!'))";

    // The user's text matched as it is: LIKE's wildcards and the escape character itself are escaped.
    private static string LikeLiteral(string value) =>
        value.Replace("!", "!!", StringComparison.Ordinal).Replace("%", "!%", StringComparison.Ordinal).Replace("_", "!_", StringComparison.Ordinal);

    // A place a photo library gave is matched as written (any part of it); one from the photo's coordinates by any of
    // its names, whole, accents and case ignored (PlaceStore keeps them folded, between separators).
    private static string Place(string parameter, string folded, SqlDialect dialect) =>
        $"EXISTS (SELECT 1 FROM texts t WHERE t.photo_id = p.id AND ((t.kind = 'place' AND t.source <> '{Stores.PlaceStore.Source}' AND {dialect.Contains("lower(t.content)", $"lower({parameter})")})" +
        $" OR (t.kind = '{Stores.PlaceStore.NamesKind}' AND {dialect.Contains($"'{Stores.PlaceStore.Separator}' || t.content || '{Stores.PlaceStore.Separator}'", $"'{Stores.PlaceStore.Separator}' || {folded} || '{Stores.PlaceStore.Separator}'")})))";

    private static string FoldedName(string place) => NameFold.Fold(place);

    // A name on a face found in the photo or given by a photo library: both are texts of kind 'person'.
    private static string Person(string parameter) =>
        $"EXISTS (SELECT 1 FROM texts t WHERE t.photo_id = p.id AND t.kind = 'person' AND lower(t.content) = lower({parameter}))";

    // A hierarchical keyword ("Places|France|Paris", kept in details.path) is also found by any of its parents.
    private static string Keyword(string parameter, SqlDialect dialect) =>
        $"EXISTS (SELECT 1 FROM texts t WHERE t.photo_id = p.id AND t.kind IN ('keyword', 'tag') AND (lower(t.content) = lower({parameter})" +
        $" OR (t.details IS NOT NULL AND {dialect.Contains($"'|' || lower({dialect.JsonText("t.details", "path")}) || '|'", $"'|' || lower({parameter}) || '|'")})))";

    // What any source said about any location of the photo.
    private static string Facts(string condition) =>
        $"EXISTS (SELECT 1 FROM locations l JOIN location_facts f ON f.location_id = l.id WHERE l.photo_id = p.id AND l.status = 'ok' AND {condition})";

    private static string FlagCondition(PhotoMark flag) => flag switch
    {
        PhotoMark.Favorite => "f.favorite = 1",
        PhotoMark.Picked => "f.pick = 1",
        _ => "(f.pick = -1 OR f.rating = -1)",
    };
}
