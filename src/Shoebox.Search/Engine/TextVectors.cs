using System.Collections.Concurrent;
using Shoebox.Core;

namespace Shoebox.Search.Engine;

/// <summary>
/// Query words as vectors, remembered: scrolling to the next page asks for the same words again, and a text tower
/// takes 50-100 ms per call on a laptop CPU while a lookup takes nothing. All the texts of one query go through
/// the model in one batch.
/// </summary>
internal sealed class TextVectors(Func<ITextEncoder> open)
{
    private const int Capacity = 512;

    private readonly Lazy<ITextEncoder> _encoder = new(open);
    private readonly ConcurrentDictionary<string, float[]> _known = new(StringComparer.Ordinal);

    public void Warm() => Encode(["a photo"]);

    public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts)
    {
        var missing = texts.Where(t => !_known.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var vectors = _encoder.Value.Encode(missing);
            // Forgetting everything at once is crude but bounded, and a full cache means a long-running server.
            if (_known.Count + missing.Count > Capacity)
            {
                _known.Clear();
            }
            for (var i = 0; i < missing.Count; i++)
            {
                _known[missing[i]] = vectors[i];
            }
            return [.. texts.Select(t => _known.TryGetValue(t, out var v) ? v : vectors[missing.IndexOf(t)])];
        }
        return [.. texts.Select(t => _known[t])];
    }
}
