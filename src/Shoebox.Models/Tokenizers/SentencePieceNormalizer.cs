using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Shoebox.Models.Tokenizers;

/// <summary>
/// SentencePiece's text normalisation, driven by the rules compiled into the model (for SigLIP, "nmt_nfkc": NFKC
/// plus mapping odd spaces and controls). Reading the model's own rules, rather than calling an NFKC routine,
/// keeps the output identical to the reference library's, including its deviations from plain NFKC.
/// </summary>
internal sealed class SentencePieceNormalizer
{
    public const char SpaceSymbol = '\u2581';

    private static readonly byte[] SpaceSymbolUtf8 = Encoding.UTF8.GetBytes(SpaceSymbol.ToString());
    private static readonly byte[] ReplacementUtf8 = [0xEF, 0xBF, 0xBD];

    private readonly NormalizerSpec _spec;

    // The compiled rules: a darts-clone double-array trie over UTF-8 input whose values are offsets into a blob of
    // NUL-terminated replacement strings. Empty when the model normalises nothing.
    private readonly uint[] _trie;
    private readonly byte[] _replacements;

    public SentencePieceNormalizer(NormalizerSpec spec)
    {
        _spec = spec;
        var blob = spec.PrecompiledCharsMap;
        if (blob.Length == 0)
        {
            _trie = [];
            _replacements = [];
            return;
        }

        uint trieBytes = blob.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(blob) : uint.MaxValue;
        if (trieBytes % 4 != 0 || trieBytes > blob.Length - 4)
        {
            throw new InvalidDataException("The model's precompiled normalisation rules are malformed.");
        }

        _trie = new uint[trieBytes / 4];
        for (int i = 0; i < _trie.Length; i++)
        {
            _trie[i] = BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(4 + (i * 4)));
        }

        _replacements = blob[(4 + (int)trieBytes)..];
    }

    public bool AddsDummyPrefix => _spec.AddDummyPrefix;

    /// <summary>
    /// Normalises <paramref name="text"/>; spaces come out as U+2581. <paramref name="addDummyPrefix"/> overrides the
    /// model's own setting. With <paramref name="continuation"/> the text is treated as following other text, so a
    /// leading space is kept rather than stripped (what Hugging Face's SigLIP tokenizer gets by prefixing "&lt;unk&gt;"
    /// and dropping its pieces afterwards).
    /// </summary>
    public string Normalize(string text, bool addDummyPrefix, bool continuation = false)
    {
        ReadOnlySpan<byte> input = Encoding.UTF8.GetBytes(text);
        var output = new List<byte>(input.Length + 8);
        bool removeExtra = _spec.RemoveExtraWhitespaces;

        if (removeExtra && !continuation)
        {
            while (!input.IsEmpty)
            {
                var replacement = NormalizePrefix(input, out int consumed);
                if (!replacement.SequenceEqual(" "u8))
                {
                    break;
                }

                input = input[consumed..];
            }
        }

        if (input.IsEmpty)
        {
            return "";
        }

        if (addDummyPrefix)
        {
            AppendSpace(output);
        }

        bool previousWasSpace = removeExtra && !continuation;
        while (!input.IsEmpty)
        {
            var replacement = NormalizePrefix(input, out int consumed);
            if (previousWasSpace)
            {
                replacement = replacement.TrimStart((byte)' ');
            }

            if (!replacement.IsEmpty)
            {
                foreach (byte b in replacement)
                {
                    if (b == ' ')
                    {
                        AppendSpace(output);
                    }
                    else
                    {
                        output.Add(b);
                    }
                }

                previousWasSpace = replacement[^1] == ' ';
            }

            input = input[consumed..];
            previousWasSpace &= removeExtra;
        }

        if (removeExtra)
        {
            var space = _spec.EscapeWhitespaces ? SpaceSymbolUtf8 : " "u8.ToArray();
            while (CollectionsMarshal.AsSpan(output).EndsWith(space))
            {
                output.RemoveRange(output.Count - space.Length, space.Length);
            }
        }

        return Encoding.UTF8.GetString([.. output]);
    }

    private void AppendSpace(List<byte> output)
    {
        if (_spec.EscapeWhitespaces)
        {
            output.AddRange(SpaceSymbolUtf8);
        }
        else
        {
            output.Add((byte)' ');
        }
    }

    // What the longest rule matching at the start of the input turns it into, and how many bytes it covers; with no
    // rule, one UTF-8 character passes through unchanged.
    private ReadOnlySpan<byte> NormalizePrefix(ReadOnlySpan<byte> input, out int consumed)
    {
        if (LongestRule(input) is ({ } offset, int length))
        {
            consumed = length;
            var rest = _replacements.AsSpan(offset);
            int end = rest.IndexOf((byte)0);
            return end < 0 ? rest : rest[..end];
        }

        int charLength = Utf8CharLength(input);
        consumed = Math.Max(charLength, 1);
        return charLength == 0 ? ReplacementUtf8 : input[..charLength];
    }

    private (int? Offset, int Length) LongestRule(ReadOnlySpan<byte> input)
    {
        if (_trie.Length == 0)
        {
            return (null, 0);
        }

        int? value = null;
        int matched = 0;
        uint node = Offset(_trie[0]);
        for (int i = 0; i < input.Length; i++)
        {
            byte label = input[i];
            node ^= label;
            if (node >= _trie.Length)
            {
                break;
            }

            uint unit = _trie[node];
            if (Label(unit) != label)
            {
                break;
            }

            node ^= Offset(unit);
            if (HasLeaf(unit) && node < _trie.Length)
            {
                value = (int)(_trie[node] & 0x7FFFFFFF);
                matched = i + 1;
            }
        }

        return value is int v && v < _replacements.Length ? (v, matched) : (null, 0);
    }

    // The darts-clone unit layout.
    private static bool HasLeaf(uint unit) => ((unit >> 8) & 1) == 1;

    private static uint Label(uint unit) => unit & (0x80000000u | 0xFF);

    private static uint Offset(uint unit) => (unit >> 10) << (int)((unit & (1u << 9)) >> 6);

    // Length of the well-formed UTF-8 character at the start of the input, or 0 if it is malformed.
    private static int Utf8CharLength(ReadOnlySpan<byte> input) =>
        Rune.DecodeFromUtf8(input, out _, out int consumed) == System.Buffers.OperationStatus.Done ? consumed : 0;
}
