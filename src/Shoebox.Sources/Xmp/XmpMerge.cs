using System.Xml.Linq;

namespace Shoebox.Sources.Xmp;

/// <summary>
/// Brings Shoebox's keywords and caption into a sidecar without touching anything else in it. Every entry Shoebox
/// adds is recorded, per property, in its own namespace (shoebox:Subject, shoebox:HierarchicalSubject,
/// shoebox:TagsList, shoebox:Description); only recorded entries are ever removed, so a keyword a user or another
/// tool put there stays even when it is spelled like one of Shoebox's.
/// </summary>
internal static class XmpMerge
{
    private sealed record KeywordList(XName Property, XName Record, XName Container, Func<string, string?> EntryFor, Func<string, string> KeywordOf);

    public static (IReadOnlyList<string> Added, IReadOnlyList<string> Removed, CaptionChange Caption) Apply(XmpDocument xmp, XmpMetadata metadata)
    {
        var keywords = metadata.Keywords.Select(KeywordPaths.Clean).Where(k => k.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var added = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var removedEntries = new List<(KeywordList List, string Entry)>();
        foreach (var list in ListsIn(xmp))
        {
            var (addedHere, removedHere) = Merge(xmp, list, keywords);
            added.UnionWith(addedHere);
            removedEntries.AddRange(removedHere.Select(entry => (list, entry)));
        }
        var caption = MergeCaption(xmp, metadata.Caption?.Trim() is { Length: > 0 } text ? text : null);
        XmpProperties.ForgetUnusedNamespace(xmp, XmpNames.Shoebox);
        return ([.. keywords.Where(added.Contains)], Removed(removedEntries), caption);
    }

    // digiKam reads its own TagsList before anything else, so Shoebox's keywords go there too, but only when the
    // sidecar already has one: otherwise digiKam reads lr:hierarchicalSubject and dc:subject like everyone else.
    private static IEnumerable<KeywordList> ListsIn(XmpDocument xmp)
    {
        yield return new(XmpNames.Subject, XmpNames.ShoeboxSubject, XmpNames.Bag, KeywordPaths.Leaf, k => k);
        yield return new(XmpNames.HierarchicalSubject, XmpNames.ShoeboxHierarchicalSubject, XmpNames.Bag,
            k => k.Contains(KeywordPaths.Separator, StringComparison.Ordinal) ? k : null, k => k);
        if (xmp.Element(XmpNames.TagsList) is not null || xmp.Items(XmpNames.ShoeboxTagsList).Count > 0)
        {
            yield return new(XmpNames.TagsList, XmpNames.ShoeboxTagsList, XmpNames.Seq, KeywordPaths.ToDigiKam, KeywordPaths.FromDigiKam);
        }
    }

    private static (List<string> AddedKeywords, List<string> RemovedEntries) Merge(XmpDocument xmp, KeywordList list, List<string> keywords)
    {
        var wanted = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase); // entry -> first keyword needing it
        foreach (var keyword in keywords)
        {
            if (list.EntryFor(keyword) is { } entry)
            {
                wanted.TryAdd(entry, keyword);
            }
        }
        var recorded = xmp.Items(list.Record).Distinct(StringComparer.Ordinal).ToList();
        var removed = new List<string>();
        foreach (var entry in recorded.Where(r => !wanted.ContainsKey(r)))
        {
            if (XmpProperties.RemoveItem(xmp, list.Property, entry))
            {
                removed.Add(entry);
            }
            XmpProperties.RemoveItem(xmp, list.Record, entry);
        }
        var present = new HashSet<string>(xmp.Items(list.Property), StringComparer.OrdinalIgnoreCase);
        var stillRecorded = new HashSet<string>(xmp.Items(list.Record), StringComparer.OrdinalIgnoreCase);
        var added = new List<string>();
        foreach (var (entry, keyword) in wanted.Where(w => !present.Contains(w.Key)))
        {
            // Not there: either never written, or removed by hand in another tool (Shoebox still has it, so it goes back).
            XmpProperties.AddItem(xmp, list.Property, list.Container, entry);
            if (!stillRecorded.Contains(entry))
            {
                XmpProperties.AddItem(xmp, list.Record, XmpNames.Bag, entry);
            }
            added.Add(keyword);
        }
        return (added, removed);
    }

    // Removed entries as keywords: a leaf taken out of dc:subject with its path is one keyword, not two.
    private static List<string> Removed(List<(KeywordList List, string Entry)> entries)
    {
        var paths = entries.Where(e => e.List.Property != XmpNames.Subject).Select(e => e.List.KeywordOf(e.Entry)).ToList();
        var leaves = new HashSet<string>(paths.Select(KeywordPaths.Leaf), StringComparer.OrdinalIgnoreCase);
        var flat = entries.Where(e => e.List.Property == XmpNames.Subject && !leaves.Contains(e.Entry)).Select(e => e.Entry);
        return [.. paths.Concat(flat).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    // The description is Shoebox's to set when there is none, or when the one there is the one Shoebox wrote;
    // a description the user changed since is theirs, and Shoebox forgets it ever wrote one.
    private static CaptionChange MergeCaption(XmpDocument xmp, string? caption)
    {
        var current = xmp.LanguageDefault(XmpNames.DcDescription);
        var recorded = xmp.Simple(XmpNames.ShoeboxDescription);
        var ours = current is not null && current == recorded;
        if (current is not null && !ours)
        {
            if (recorded is not null)
            {
                XmpProperties.Remove(xmp, XmpNames.ShoeboxDescription);
            }
            return CaptionChange.None;
        }
        if (caption is null)
        {
            if (!ours)
            {
                return CaptionChange.None;
            }
            XmpProperties.RemoveDefaultText(xmp, XmpNames.DcDescription);
            XmpProperties.Remove(xmp, XmpNames.ShoeboxDescription);
            return CaptionChange.Removed;
        }
        if (current == caption)
        {
            return CaptionChange.None;
        }
        XmpProperties.SetDefaultText(xmp, XmpNames.DcDescription, caption);
        XmpProperties.SetSimple(xmp, XmpNames.ShoeboxDescription, caption);
        return CaptionChange.Set;
    }
}
