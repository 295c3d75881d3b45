using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Sources;

namespace Shoebox.Indexing;

/// <summary>
/// Makes a camera raw and the JPEG (or HEIC) of the same shot beside it one photo with two files (see
/// <see cref="RawPairs"/>): the JPEG's content is the photo (decoded, searched, compared), the raw is listed as its
/// second file. Part of the scan: the writer holds back raws that have a rendering beside them and notes the
/// renderings it links; once every file is written, <see cref="PairAsync"/> pairs what matches, whichever of the two
/// arrived first; after the vanished files are marked, <see cref="ListToSplitAsync"/> names the paired raws whose
/// JPEG is gone or no longer the same shot. Unchanged files are not looked at again, so a rescan keeps its pairs.
/// </summary>
internal sealed class RawPairing(bool keepApart)
{
    /// <summary>The library setting that keeps raws and JPEGs apart ("apart"); absent, they are paired.</summary>
    public const string Setting = "raw_pairs";

    public const string Apart = "apart";

    private readonly List<HeldRaw> _held = [];
    private readonly List<string> _rendered = [];

    public bool KeepApart => keepApart;

    /// <summary>
    /// Called by the scan's writer for each file it is about to link: true when the file is a raw with a rendering
    /// beside it, held back for <see cref="PairAsync"/> instead of becoming a photo of its own.
    /// </summary>
    public bool Holds(Identification.Image image, KnownLocation? known)
    {
        var file = image.File;
        if (keepApart || file.SourceId is not null || file.Content is not null)
        {
            return false;
        }
        if (RawPairs.IsRendered(file.Path))
        {
            _rendered.Add(file.Path);
            return false;
        }
        if (RawPairs.IsRaw(file.Path, image.Format) && RawPairs.RenderedBeside(file.Path) is { } rendered)
        {
            _held.Add(new HeldRaw(image, known, rendered));
            return true;
        }
        return false;
    }

    /// <summary>
    /// Pairs the held raws, and the catalogued raws beside renderings linked in this run (every catalogued raw
    /// when <paramref name="everyRaw"/>: pairing was just turned back on), with their renderings where they are the
    /// same shot. Returns the held raws that stay photos of their own, for the caller to link.
    /// </summary>
    public async Task<IReadOnlyList<HeldRaw>> PairAsync(PhotoCatalog catalog, IEnumerable<string> knownPaths, bool everyRaw, RunTally tally)
    {
        var candidates = new List<(string Raw, string Rendered, HeldRaw? Held)>();
        candidates.AddRange(_held.Select(h => (h.Image.File.Path, h.Rendered, (HeldRaw?)h)));
        if (_rendered.Count > 0 || everyRaw)
        {
            var heldPaths = _held.Select(h => h.Image.File.Path).ToHashSet(StringComparer.Ordinal);
            var linked = _rendered.ToLookup(RawPairs.Key, StringComparer.Ordinal);
            var renderedKnown = everyRaw ? knownPaths.Where(RawPairs.IsRendered).ToLookup(RawPairs.Key, StringComparer.Ordinal) : null;
            foreach (var raw in knownPaths.Where(p => RawExtensions.IsRaw(p) && !heldPaths.Contains(p)))
            {
                var key = RawPairs.Key(raw);
                if (linked[key].Concat(renderedKnown?[key] ?? []).FirstOrDefault() is { } rendered)
                {
                    candidates.Add((raw, rendered, null));
                }
            }
        }
        if (candidates.Count == 0)
        {
            return [];
        }
        var catalogued = await catalog.Locations.FindPairableAsync([.. candidates.SelectMany(c => new[] { c.Raw, c.Rendered }).Distinct()]);
        var alone = new List<HeldRaw>();
        foreach (var (raw, renderedPath, held) in candidates)
        {
            var rendering = catalogued.GetValueOrDefault(renderedPath);
            if (rendering is null || rendering.Paired || !RawPairs.SameShot(raw, renderedPath))
            {
                if (held is not null)
                {
                    alone.Add(held);
                }
                continue;
            }
            if (held is not null)
            {
                var (image, file) = (held.Image, held.Image.File);
                var locationId = await catalog.Locations.PairAsync(
                    file.Path, file.Root, image.Size, image.ModifiedTicks, rendering.PhotoId, DateTimeOffset.UtcNow);
                await ScanPhase.RecordFactsAsync(catalog, file, locationId, rendering.PhotoId);
                if (held.Known is null)
                {
                    tally.New(file.Path);
                }
                else
                {
                    tally.Changed(file.Path);
                }
            }
            else if (catalogued.GetValueOrDefault(raw) is { } location && location.PhotoId != rendering.PhotoId)
            {
                await catalog.Locations.PairAsync(location.Path, location.Root, location.Size, location.ModifiedTicks, rendering.PhotoId, DateTimeOffset.UtcNow);
            }
        }
        return alone;
    }

    /// <summary>Paired raws to catalogue as photos of their own again: their JPEG is gone, or every one when kept apart.</summary>
    public Task<List<PairableLocation>> ListToSplitAsync(PhotoCatalog catalog) => catalog.Locations.ListPairsToSplitAsync(all: keepApart);

    /// <summary>Whether this run keeps raws apart (the option given, else what the library remembers), remembering what was given.</summary>
    public static async Task<(RawPairing Pairing, bool TurnedOn)> ForRunAsync(PhotoCatalog catalog, bool? keepApart)
    {
        var wasApart = await catalog.Settings.GetAsync(Setting) == Apart;
        if (keepApart is { } apart && apart != wasApart)
        {
            if (apart)
            {
                await catalog.Settings.SetAsync(Setting, Apart);
            }
            else
            {
                await catalog.Settings.RemoveAsync(Setting);
            }
        }
        var now = keepApart ?? wasApart;
        return (new RawPairing(now), wasApart && !now);
    }

    /// <summary>A raw the writer held back, with the rendering found beside it.</summary>
    internal sealed record HeldRaw(Identification.Image Image, KnownLocation? Known, string Rendered);
}
