using System.Text.Json;
using Shoebox.Models.Tokenizers;

namespace Shoebox.Tests.Models.Tokenizers;

/// <summary>
/// Against Fixtures/tiny-unigram.*, written by tools/make_sentencepiece_fixture.py: a small unigram model with
/// SigLIP's special-token layout (pad 0, end 1, unknown 2) and the ids the SentencePiece library gives for each case.
/// </summary>
[Tier(Tier.Unit)]
public class SentencePieceTokenizerTests
{
    private const int EndId = 1;
    private const int UnknownId = 2;

    private static readonly string FixtureFolder = Path.Combine(AppContext.BaseDirectory, "Models", "Tokenizers", "Fixtures");
    private static readonly string ModelPath = Path.Combine(FixtureFolder, "tiny-unigram.model");
    private static readonly SentencePieceTokenizer Tokenizer = SentencePieceTokenizer.Load(ModelPath);

    public static TheoryData<string, int[]> ReferenceCases() => LoadCases("cases");

    // Rows Hugging Face's SiglipTokenizer produces (before padding), re-created by the fixture script.
    public static TheoryData<string, int[]> SigLipReferenceCases() => LoadCases("siglip_cases");

    private static TheoryData<string, int[]> LoadCases(string property)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(FixtureFolder, "tiny-unigram.json")));
        var cases = new TheoryData<string, int[]>();
        foreach (var item in json.RootElement.GetProperty(property).EnumerateArray())
        {
            cases.Add(
                item.GetProperty("text").GetString()!,
                [.. item.GetProperty("ids").EnumerateArray().Select(id => id.GetInt32())]);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void Encode_FixtureCase_MatchesSentencePieceLibrary(string text, int[] expected) =>
        Assert.Equal(expected, Tokenizer.Encode(text));

    [Theory]
    [MemberData(nameof(SigLipReferenceCases))]
    public void EncodeForModel_FixtureCase_MatchesSigLipReference(string text, int[] expected)
    {
        var row = Tokenizer.EncodeForModel(text);

        Assert.Equal(expected.Select(id => (long)id), row.Take(expected.Length));
        Assert.All(row.Skip(expected.Length), id => Assert.Equal(EndId, id));
    }

    [Fact]
    public void Load_SigLipLayout_ReadsSpecialIds()
    {
        Assert.Equal(EndId, Tokenizer.EndOfSequenceId);
        Assert.Equal(UnknownId, Tokenizer.UnknownId);
        Assert.Equal(EndId, Tokenizer.PadId);
        Assert.Equal(64, Tokenizer.ContextLength);
        Assert.Equal(300, Tokenizer.VocabularySize);
    }

    [Fact]
    public void EncodeForModel_ShortText_AppendsEndThenPadsTo64()
    {
        var ids = Tokenizer.Encode("a photo of a cat");

        var row = Tokenizer.EncodeForModel("a photo of a cat");

        Assert.Equal(64, row.Length);
        Assert.Equal(ids.Select(id => (long)id), row.Take(ids.Length));
        Assert.All(row.Skip(ids.Length), id => Assert.Equal(EndId, id));
    }

    [Fact]
    public void EncodeForModel_NoStartToken()
    {
        var row = Tokenizer.EncodeForModel("cat");

        Assert.Equal(Tokenizer.Encode("cat")[0], row[0]);
    }

    [Fact]
    public void EncodeForModel_VeryLongText_TruncatesKeepingEndLast()
    {
        var text = string.Join(' ', Enumerable.Repeat("the sleepy puppy hiding under the kitchen table", 30));
        var ids = Tokenizer.Encode(text);
        Assert.True(ids.Length > 64);

        var row = Tokenizer.EncodeForModel(text);

        Assert.Equal(64, row.Length);
        Assert.Equal(ids.Take(63).Select(id => (long)id), row[..63]);
        Assert.Equal(EndId, row[63]);
    }

    [Fact]
    public void EncodeForModel_EmptyText_IsAllEnd() =>
        Assert.All(Tokenizer.EncodeForModel("  "), id => Assert.Equal(EndId, id));

    [Fact]
    public void EncodeForModel_ExplicitPadAndLength_UsesThem()
    {
        var tokenizer = SentencePieceTokenizer.Load(ModelPath, contextLength: 8, padId: 0);

        var row = tokenizer.EncodeForModel("a cat");

        var ids = tokenizer.Encode("a cat");
        Assert.Equal([.. ids.Select(id => (long)id), EndId, .. Enumerable.Repeat(0L, 8 - ids.Length - 1)], row);
    }

    [Theory]
    [InlineData("A Photo, of a CAT!", "a photo of a cat")]
    [InlineData("  the   dog\tsitting\non the sofa...  ", "the dog sitting on the sofa")]
    [InlineData("grandpa's \"boat\" (2019)", "grandpas boat 2019")]
    [InlineData("\u2581the\u2581dog", "the dog")]
    public void EncodeForModel_SigLipCanonicalisation_LowercasesAndStripsPunctuation(string raw, string canonical) =>
        Assert.Equal(Tokenizer.EncodeForModel(canonical), Tokenizer.EncodeForModel(raw));

    [Fact]
    public void EncodeForModel_CanonicaliseOff_KeepsCaseAndPunctuation()
    {
        var raw = SentencePieceTokenizer.Load(ModelPath, canonicalize: false);

        var ids = raw.Encode("A cat!");
        Assert.Equal([.. ids.Select(id => (long)id), EndId], raw.EncodeForModel("A cat!").Take(ids.Length + 1));
        Assert.NotEqual(Tokenizer.EncodeForModel("A cat!"), raw.EncodeForModel("A cat!"));
    }

    [Fact]
    public void Encode_UnknownCharacters_BecomeOneUnknownPerRun()
    {
        var ids = Tokenizer.Encode("cat \u6771\u4eac\u306e\u732b dog");

        Assert.Single(ids, UnknownId);
        Assert.All(ids, id => Assert.InRange(id, 0, Tokenizer.VocabularySize - 1));
    }

    [Fact]
    public void Encode_ManyThreads_AgreeWithSingleThread()
    {
        var texts = Enumerable.Range(0, 200).Select(i => $"photo {i} of the dog \U0001f436 number {i * 7}").ToArray();
        var expected = texts.Select(Tokenizer.Encode).ToArray();

        var actual = new int[texts.Length][];
        Parallel.For(0, texts.Length, i => actual[i] = Tokenizer.Encode(texts[i]));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Load_TruncatedFile_ThrowsInvalidData()
    {
        var bytes = File.ReadAllBytes(ModelPath);

        Assert.Throws<InvalidDataException>(() => SentencePieceTokenizer.FromBytes(bytes.AsSpan(0, bytes.Length / 2)));
    }

    [Fact]
    public void Load_NotAModel_ThrowsInvalidData() =>
        Assert.Throws<InvalidDataException>(() => SentencePieceTokenizer.FromBytes("this is not a model"u8));
}
