using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;

namespace Shoebox.Models.Tokenizers;

/// <summary>
/// CLIP's byte-level BPE. Symbols are handled as vocabulary ids throughout: every symbol a merge can produce is itself
/// in the vocabulary, so comparing ids is the same as comparing the strings the reference implementation merges.
/// </summary>
internal sealed class ClipBpe
{
    public const int MergeCount = 49152 - 256 - 2;
    public const int VocabularySize = 256 * 2 + MergeCount + 2;

    private const string EndOfWord = "</w>";
    private const string ResourceName = "Shoebox.Models.Tokenizers.bpe_simple_vocab_16e6.txt.gz";

    // Words seen in queries repeat a lot; past this many entries new words are encoded without being remembered,
    // which keeps a long-running process from growing without bound on unusual input.
    private const int CacheCapacity = 100_000;

    private static readonly Lazy<ClipBpe> SharedInstance = new(() => FromMerges(OpenEmbeddedMerges()));

    // Byte value -> id of the symbol for that byte, inside a word and at its end (with </w>).
    private readonly int[] _byteIds;
    private readonly int[] _finalByteIds;

    // (left id, right id) packed into one long -> merge rank; the merged symbol's id is _mergedIds[rank].
    private readonly Dictionary<long, int> _ranks;
    private readonly int[] _mergedIds;

    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private int _cached;

    private ClipBpe(int[] byteIds, int[] finalByteIds, Dictionary<long, int> ranks, int[] mergedIds)
    {
        _byteIds = byteIds;
        _finalByteIds = finalByteIds;
        _ranks = ranks;
        _mergedIds = mergedIds;
    }

    public static ClipBpe Shared => SharedInstance.Value;

    public int[] EncodeWord(string word)
    {
        if (_cache.TryGetValue(word, out var cached))
        {
            return cached;
        }

        int[] ids = word switch
        {
            ClipPreTokenizer.StartOfText => [ClipTokenizer.StartOfTextId],
            ClipPreTokenizer.EndOfText => [ClipTokenizer.EndOfTextId],
            _ => Merge(InitialSymbols(word)),
        };

        if (Volatile.Read(ref _cached) < CacheCapacity && _cache.TryAdd(word, ids))
        {
            Interlocked.Increment(ref _cached);
        }

        return ids;
    }

    private List<int> InitialSymbols(string word)
    {
        var bytes = Encoding.UTF8.GetBytes(word);
        var symbols = new List<int>(bytes.Length);
        for (int i = 0; i < bytes.Length - 1; i++)
        {
            symbols.Add(_byteIds[bytes[i]]);
        }

        symbols.Add(_finalByteIds[bytes[^1]]);
        return symbols;
    }

    // Repeatedly merges the adjacent pair with the lowest rank, every non-overlapping occurrence left to right,
    // until no adjacent pair is a known merge.
    private int[] Merge(List<int> symbols)
    {
        while (symbols.Count > 1)
        {
            int bestRank = int.MaxValue;
            int bestAt = -1;
            for (int i = 0; i < symbols.Count - 1; i++)
            {
                if (_ranks.TryGetValue(Pack(symbols[i], symbols[i + 1]), out int rank) && rank < bestRank)
                {
                    bestRank = rank;
                    bestAt = i;
                }
            }

            if (bestAt < 0)
            {
                break;
            }

            int left = symbols[bestAt];
            int right = symbols[bestAt + 1];
            int merged = _mergedIds[bestRank];
            int write = 0;
            for (int read = 0; read < symbols.Count; write++)
            {
                if (read < symbols.Count - 1 && symbols[read] == left && symbols[read + 1] == right)
                {
                    symbols[write] = merged;
                    read += 2;
                }
                else
                {
                    symbols[write] = symbols[read];
                    read++;
                }
            }

            symbols.RemoveRange(write, symbols.Count - write);
        }

        return [.. symbols];
    }

    private static long Pack(int left, int right) => ((long)left << 32) | (uint)right;

    internal static ClipBpe FromMerges(Stream gzippedMerges)
    {
        var merges = ReadMerges(gzippedMerges);

        // Vocabulary order as the reference builds it: the 256 byte symbols in byte-to-unicode order, the same with
        // </w>, one entry per merge, then the two special tokens.
        var byteChars = ByteToUnicode.Chars;
        var vocabulary = new Dictionary<string, int>(VocabularySize, StringComparer.Ordinal);
        var entries = new List<string>(VocabularySize);
        foreach (int b in ByteToUnicode.VocabularyOrder)
        {
            entries.Add(byteChars[b].ToString());
        }

        foreach (int b in ByteToUnicode.VocabularyOrder)
        {
            entries.Add(byteChars[b] + EndOfWord);
        }

        foreach (var (left, right) in merges)
        {
            entries.Add(left + right);
        }

        entries.Add(ClipPreTokenizer.StartOfText);
        entries.Add(ClipPreTokenizer.EndOfText);
        for (int id = 0; id < entries.Count; id++)
        {
            // Later entries win on a repeated string, as when the reference zips the list into a dict.
            vocabulary[entries[id]] = id;
        }

        var byteIds = new int[256];
        var finalByteIds = new int[256];
        for (int b = 0; b < 256; b++)
        {
            byteIds[b] = vocabulary[byteChars[b].ToString()];
            finalByteIds[b] = vocabulary[byteChars[b] + EndOfWord];
        }

        var ranks = new Dictionary<long, int>(merges.Count);
        var mergedIds = new int[merges.Count];
        for (int rank = 0; rank < merges.Count; rank++)
        {
            var (left, right) = merges[rank];
            if (!vocabulary.TryGetValue(left, out int leftId) || !vocabulary.TryGetValue(right, out int rightId))
            {
                throw new InvalidDataException($"BPE merge {rank + 1} ('{left} {right}') uses a symbol no earlier merge makes.");
            }

            ranks[Pack(leftId, rightId)] = rank;
            mergedIds[rank] = vocabulary[left + right];
        }

        return new ClipBpe(byteIds, finalByteIds, ranks, mergedIds);
    }

    private static List<(string Left, string Right)> ReadMerges(Stream gzippedMerges)
    {
        using var gzip = new GZipStream(gzippedMerges, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);

        // The first line is a version header.
        _ = reader.ReadLine();
        var merges = new List<(string, string)>(MergeCount);
        while (merges.Count < MergeCount && reader.ReadLine() is { } line)
        {
            int space = line.IndexOf(' ');
            if (space <= 0 || space == line.Length - 1)
            {
                throw new InvalidDataException($"BPE merge line {merges.Count + 2} is not two symbols: '{line}'.");
            }

            merges.Add((line[..space], line[(space + 1)..]));
        }

        if (merges.Count < MergeCount)
        {
            throw new InvalidDataException($"The BPE merges file has {merges.Count} merges; CLIP needs {MergeCount}.");
        }

        return merges;
    }

    private static Stream OpenEmbeddedMerges() =>
        typeof(ClipBpe).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"The assembly lacks its embedded resource {ResourceName}.");
}
