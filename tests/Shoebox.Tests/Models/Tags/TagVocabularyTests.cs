using Shoebox.Models.Tags;

namespace Shoebox.Tests.Models.Tags;

[Tier(Tier.Unit)]
public class TagVocabularyTests
{
    [Fact]
    public void BuiltIn_CoversEverydayConceptsInEveryGroup()
    {
        var vocabulary = TagVocabulary.BuiltIn;
        var names = vocabulary.Groups.SelectMany(g => g.Concepts).Select(c => c.Name).ToList();

        Assert.InRange(names.Count, 300, 600);
        Assert.Equal(["animal", "person", "object", "food", "scene", "time and weather", "event", "colour", "kind"], vocabulary.Groups.Select(g => g.Name));
        Assert.Contains("dog", names);
        Assert.Contains("beach", names);
        Assert.Contains("birthday", names);
        Assert.Contains("screenshot", names);
        Assert.Contains("meme", names);
        Assert.All(vocabulary.Groups.SelectMany(g => g.Concepts), c => Assert.NotEmpty(c.Prompts));
        Assert.NotEmpty(vocabulary.Baseline);
    }

    [Fact]
    public void Parse_TemplateAndOwnPrompts_WritesEachConceptsSentences()
    {
        var vocabulary = TagVocabulary.Parse("""
            [baseline]
            a photo.; a picture.
            [animal] max=2 share=0.4 template=a photo of a {}.
            dog
            kitten: a photo of a kitten.; a small cat.
            """);

        var group = Assert.Single(vocabulary.Groups);
        Assert.Equal((2, 0.4), (group.MaxTags, group.MinShare));
        Assert.Equal(["a photo of a dog."], group.Concepts[0].Prompts);
        Assert.Equal(["a photo of a kitten.", "a small cat."], group.Concepts[1].Prompts);
        Assert.Equal(["a photo.", "a picture."], vocabulary.Baseline);
    }

    [Fact]
    public void Parse_ChangedText_ChangesVersion()
    {
        const string text = "[baseline]\na photo.\n[animal]\ndog\n";

        Assert.Equal(TagVocabulary.Parse(text).Version, TagVocabulary.Parse(text).Version);
        Assert.NotEqual(TagVocabulary.Parse(text).Version, TagVocabulary.Parse(text + "cat\n").Version);
    }

    [Theory]
    [InlineData("[baseline]\na photo.\n[animal] max=zero\ndog\n", "line 3")]
    [InlineData("[baseline]\na photo.\n[animal] template=a photo\ndog\n", "line 3")]
    [InlineData("dog\n", "line 1")]
    [InlineData("[baseline]\na photo.\n[animal\n", "line 3")]
    [InlineData("[animal]\ndog\n", "baseline")]
    public void Parse_Malformed_SaysWhere(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => TagVocabulary.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
