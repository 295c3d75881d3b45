using Shoebox.Imaging;
using Shoebox.Models.Ocr;

namespace Shoebox.Bench;

/// <summary>
/// The `ocr` bench's scene photos: camera photos with signs painted in (SceneTextSet), read both ways. A word counts
/// as found when it is read in its photo and in no other (every word is used once in the set, so a search for it
/// then puts its photo first, alone); scored per size of lettering, for the clearly legible words and the fine print.
/// </summary>
internal static class SceneTextBenchmark
{
    public static void Run(OcrEngine engine, ImageDecoder decoder, OcrWays ways, string folder, string samples, int variants)
    {
        var photos = SceneTextSet.Ensure(folder, samples, variants);
        var outcomes = new OcrOutcome[ways.Names.Count][];
        for (var way = 0; way < outcomes.Length; way++)
        {
            outcomes[way] = [.. photos.Select(p =>
            {
                var path = Path.Combine(folder, p.File);
                return ways.Read(engine, decoder, path, decoder.ReadHeader(path), way);
            })];
        }
        var words = photos.Sum(p => p.Words.Count);
        Console.WriteLine($"scene photos: {photos.Count} ({folder}), {words} words painted in, {photos.Sum(p => p.Words.Count(w => w.Legible))} clearly legible " +
            "(capitals >= 1% of the shorter side)");
        Console.WriteLine($"  {"capitals",-12} {"photos",6} {"words",6} " + string.Join(' ', ways.Names.Select(n => $"{n,9}")));
        var found = outcomes.Select(Found).ToList();
        var rows = photos.Select((p, i) => (Photo: p, Index: i)).GroupBy(x => x.Photo.Words[0].Height).OrderBy(g => g.Key)
            .Select(g => ($"{g.Key * 100:0.0}%", g.Select(x => x.Index).ToList(), (Func<SceneWord, bool>)(_ => true)))
            .Append(("legible", Enumerable.Range(0, photos.Count).ToList(), w => w.Legible))
            .Append(("fine print", Enumerable.Range(0, photos.Count).ToList(), w => !w.Legible));
        foreach (var (label, indices, counted) in rows)
        {
            var total = indices.Sum(i => photos[i].Words.Count(counted));
            var shares = found.Select(f => indices.Sum(i => photos[i].Words.Count(w => counted(w) && f[i].Contains(w.Text))) / (double)Math.Max(1, total));
            Console.WriteLine($"  {label,-12} {indices.Count,6} {total,6} " + string.Join(' ', shares.Select(s => $"{s,9:0.000}")));
        }
        for (var way = 0; way < outcomes.Length; way++)
        {
            var read = outcomes[way].Sum(o => o.Words.Count);
            var right = photos.Select((p, i) => p.Words.Count(w => outcomes[way][i].Words.Contains(w.Text))).Sum();
            Console.WriteLine($"  {ways.Names[way],-9} per photo: {OcrWays.Cost(outcomes[way])}; {read} words read, {right} of them painted in");
        }
    }

    // Per photo, its words that no other photo's reading holds.
    private static List<HashSet<string>> Found(OcrOutcome[] outcomes)
    {
        var read = outcomes.Select(o => o.Words).ToList();
        var photosOf = read.SelectMany((words, i) => words.Select(w => (w, i))).GroupBy(p => p.w).ToDictionary(g => g.Key, g => g.Count());
        return [.. read.Select(words => words.Where(w => photosOf[w] == 1).ToHashSet())];
    }
}
