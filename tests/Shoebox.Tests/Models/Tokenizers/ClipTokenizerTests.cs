using Shoebox.Models.Tokenizers;

namespace Shoebox.Tests.Models.Tokenizers;

[Tier(Tier.Unit)]
public class ClipTokenizerTests
{
    private static readonly ClipTokenizer Tokenizer = ClipTokenizer.Load();

    // Ids from OpenAI's reference tokenizer.
    [Theory]
    [InlineData("a photo of a cat", new[] { 49406, 320, 1125, 539, 320, 2368, 49407 })]
    [InlineData("a photo of a dog", new[] { 49406, 320, 1125, 539, 320, 1929, 49407 })]
    [InlineData("Hello World!", new[] { 49406, 3306, 1002, 256, 49407 })]
    [InlineData("don't", new[] { 49406, 847, 713, 49407 })]
    [InlineData("2024", new[] { 49406, 273, 271, 273, 275, 49407 })]
    public void EncodeForModel_ReferenceText_MatchesReferenceIds(string text, int[] expected)
    {
        var row = Tokenizer.EncodeForModel(text);

        Assert.Equal(77, row.Length);
        Assert.Equal(expected.Select(id => (long)id), row.Take(expected.Length));
        Assert.All(row.Skip(expected.Length), id => Assert.Equal(ClipTokenizer.EndOfTextId, id));
    }

    [Fact]
    public void Encode_ReferenceText_HasNoSpecialTokens() =>
        Assert.Equal([320, 1125, 539, 320, 2368], Tokenizer.Encode("a photo of a cat"));

    [Fact]
    public void EncodeForModel_OpenAiPadding_PadsWithZero()
    {
        var row = ClipTokenizer.Load(padId: 0).EncodeForModel("a photo of a cat");

        Assert.Equal(new long[] { 49406, 320, 1125, 539, 320, 2368, 49407, 0 }, row.Take(8));
        Assert.All(row.Skip(7), id => Assert.Equal(0, id));
    }

    [Fact]
    public void EncodeForModel_ExplicitLengthAndPad_UsesThem()
    {
        var row = Tokenizer.EncodeForModel("a photo of a cat", contextLength: 10, padId: 0);

        Assert.Equal(new long[] { 49406, 320, 1125, 539, 320, 2368, 49407, 0, 0, 0 }, row);
    }

    [Fact]
    public void EncodeForModel_EmptyText_IsStartEndThenPadding()
    {
        var row = ClipTokenizer.Load(padId: 0).EncodeForModel("");

        Assert.Equal(new long[] { 49406, 49407 }, row.Take(2));
        Assert.All(row.Skip(2), id => Assert.Equal(0, id));
        Assert.Empty(Tokenizer.Encode("   \t\n "));
    }

    [Fact]
    public void EncodeForModel_VeryLongText_TruncatesKeepingEndLast()
    {
        var text = string.Join(' ', Enumerable.Repeat("a photo of a cat on the sofa", 40));

        var row = Tokenizer.EncodeForModel(text);

        Assert.Equal(77, row.Length);
        Assert.Equal(ClipTokenizer.StartOfTextId, row[0]);
        Assert.Equal(ClipTokenizer.EndOfTextId, row[76]);
        Assert.Equal(Tokenizer.Encode(text).Take(75).Select(id => (long)id), row[1..76]);
        Assert.DoesNotContain((long)ClipTokenizer.EndOfTextId, row[..76]);
    }

    [Fact]
    public void EncodeForModel_ContextTooShortForSpecials_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer.EncodeForModel("cat", contextLength: 1, padId: 0));

    [Theory]
    [InlineData("café crème brûlée")]
    [InlineData("東京の猫と犬")]
    [InlineData("🐱🐶 party 🎉 👨‍👩‍👧")]
    [InlineData("𠀀𠀁 math 𝒜𝒷𝒸")]
    [InlineData("Ελληνικά ΟΔΟΣ")]
    [InlineData("\u0000\u0007 control \uFEFF chars \uD800 lone")]
    public void Encode_UnicodeText_IsDeterministicAndInVocabulary(string text)
    {
        var first = Tokenizer.Encode(text);
        var second = ClipTokenizer.Load().Encode(text);

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
        Assert.All(first, id => Assert.InRange(id, 0, ClipTokenizer.VocabularySize - 1));
    }

    [Fact]
    public void Encode_DecomposedAccent_EqualsComposed() =>
        Assert.Equal(Tokenizer.Encode("caf\u00E9"), Tokenizer.Encode("cafe\u0301"));

    [Theory]
    [InlineData("cats &amp; dogs", "cats & dogs")]
    [InlineData("cats &amp;amp; dogs", "cats & dogs")]
    [InlineData("&quot;quoted&quot; &lt;b&gt;", "\"quoted\" <b>")]
    public void Encode_HtmlEntities_AreUnescaped(string escaped, string plain) =>
        Assert.Equal(Tokenizer.Encode(plain), Tokenizer.Encode(escaped));

    [Fact]
    public void Encode_Whitespace_IsCollapsedAndTrimmed() =>
        Assert.Equal(Tokenizer.Encode("a photo of a cat"), Tokenizer.Encode("  a\tphoto \n\n of   a\u00A0cat  "));

    [Fact]
    public void Encode_Case_IsIgnored() =>
        Assert.Equal(Tokenizer.Encode("a photo of a cat"), Tokenizer.Encode("A PHOTO Of a CaT"));

    [Theory]
    [InlineData("don\u2019t", "don't")]
    [InlineData("\u201Cfish\u201D", "\"fish\"")]
    [InlineData("\uFB01sh", "fish")]
    [InlineData("\uFF43\uFF41\uFF54 \uFF12\uFF10", "cat 20")]
    public void Encode_TypographicForms_MatchPlainText(string typed, string plain) =>
        Assert.Equal(Tokenizer.Encode(plain), Tokenizer.Encode(typed));

    [Fact]
    public void Encode_SpecialTokenText_MapsToSpecialId() =>
        Assert.Equal([ClipTokenizer.EndOfTextId], Tokenizer.Encode("<|endoftext|>"));

    [Fact]
    public void Encode_ManyThreads_AgreeWithSingleThread()
    {
        // Words no other test uses, so the threads race to fill the shared cache.
        var texts = Enumerable.Range(0, 200).Select(i => $"quokka{i % 13} photo number {i} of a zebra{i % 7} crossing").ToArray();

        var actual = new int[texts.Length][];
        Parallel.For(0, texts.Length, i => actual[i] = Tokenizer.Encode(texts[i]));
        var expected = texts.Select(Tokenizer.Encode).ToArray();

        Assert.Equal(expected, actual);
    }
}
