using System.Globalization;
using Shoebox.Catalog;
using Shoebox.Search.Engine;

namespace Shoebox.Bench;

/// <summary>
/// Search by words that appear only inside the picture: for every captioned meme, each line of its text (from the
/// manifest) is searched as the user would type it, and the meme counts as found when it or one of its copies is in
/// the first three results. Needs a library of the memes indexed with OCR (e.g. the `tags` bench's --work DIR/memes).
/// </summary>
internal static class TextInImageBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var memes = BenchArgs.Option(args, "--memes") ?? SharedData.Find("shared/data/memes");
        var library = BenchArgs.Option(args, "--library");
        if (memes is null || library is null || !File.Exists(Path.Combine(library, "catalog.db")))
        {
            Console.Error.WriteLine("error: pass --library DIR (the memes indexed with OCR, e.g. by `tags --work DIR`) and --memes DIR");
            return 2;
        }
        var entries = MemesManifest.Read(memes);
        // A meme and its copies share one text; any of them in the top three finds it.
        var copiesOf = entries.Where(e => e.DuplicateOf is not null)
            .GroupBy(e => e.DuplicateOf!)
            .ToDictionary(g => g.Key, g => g.Select(e => e.File).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var captioned = entries.Where(e => e.Kind == "captioned").ToList();
        // Some lines are printed on several templates ("falls asleep in class"): those memes are equally right
        // answers, so they are left out of the ranking when another of them is the one looked for.
        var sharing = entries.Where(e => e.Kind != "blank")
            .SelectMany(e => e.Lines.Select(line => (Line: line.ToUpperInvariant(), e.File)))
            .GroupBy(p => p.Line)
            .ToDictionary(g => g.Key, g => g.Select(p => p.File).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

        await using var engine = await SearchEngine.OpenAsync(new SearchEngineOptions { Library = new Library(library) });
        var (queries, top1, top3) = (0, 0, 0);
        var misses = new List<string>();
        foreach (var meme in captioned)
        {
            var file = meme.File;
            var group = copiesOf.GetValueOrDefault(file) ?? [];
            group.Add(file);
            foreach (var line in meme.Lines.Where(l => l.Any(char.IsLetter)))
            {
                queries++;
                var alike = sharing[line.ToUpperInvariant()];
                var names = (await engine.SearchAsync(new SearchRequest { Query = Plain(line), Limit = 3 + alike.Count })).Results
                    .Select(r => Path.GetFileName(r.Paths[0]))
                    .Where(name => group.Contains(name) || !alike.Contains(name))
                    .Take(3).ToList();
                var rank = names.FindIndex(group.Contains);
                top1 += rank == 0 ? 1 : 0;
                top3 += rank >= 0 ? 1 : 0;
                if (rank < 0)
                {
                    misses.Add($"{file}: \"{line}\" -> {string.Join(", ", names)}");
                }
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{queries} lines of {captioned.Count} captioned memes searched: the meme first {(double)top1 / queries:0.000}, in the top 3 {(double)top3 / queries:0.000}"));
        foreach (var miss in misses.Take(BenchArgs.Int(args, "--show", 15)))
        {
            Console.WriteLine($"  missed {miss}");
        }
        return 0;
    }

    // Typed as a user would: the words, without the query language's operators (a quote or a colon in a meme's line).
    private static string Plain(string line) =>
        string.Join(' ', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string([.. w.Where(c => char.IsLetterOrDigit(c) || c == '\'')]))
            .Where(w => w.Length > 0));
}
