using Shoebox.Core;
using Shoebox.Models.Tags;

namespace Shoebox.Tests.Models.Tags;

[Tier(Tier.Unit)]
public class ZeroShotTaggerTests
{
    // Real CLIP weights cannot be had here; a text encoder that puts each sentence on its own axis (the baseline on
    // the first) stands in for one, so the choices the tagger makes from similarities can be checked exactly.
    private sealed class AxisEncoder(IReadOnlyList<string> sentences) : ITextEncoder
    {
        public ModelIdentity Model { get; } = new("axes", "1", sentences.Count);

        public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts) => [.. texts.Select(Axis)];

        public float[] Axis(string sentence)
        {
            var vector = new float[Model.Dimensions];
            vector[sentences.ToList().IndexOf(sentence)] = 1;
            return vector;
        }

        public void Dispose()
        {
        }
    }

    private static readonly TagVocabulary Vocabulary = TagVocabulary.Parse("""
        [baseline]
        a photo.
        [animal] max=2 share=0.3 template=a photo of a {}.
        dog
        cat
        bird
        [scene] max=1 share=0.5 template=a photo of {}.
        beach: a photo of a beach.
        forest: a photo of a forest.
        """);

    private static readonly string[] Sentences =
        ["a photo.", "a photo of a dog.", "a photo of a cat.", "a photo of a bird.", "a photo of a beach.", "a photo of a forest."];

    // A unit vector leaning towards the given sentences by the given cosines, the rest on the baseline axis.
    private static float[] Photo(params (string Sentence, double Cosine)[] towards)
    {
        var vector = new float[Sentences.Length];
        foreach (var (sentence, cosine) in towards)
        {
            vector[Array.IndexOf(Sentences, sentence)] = (float)cosine;
        }
        vector[0] = (float)Math.Sqrt(1 - towards.Sum(t => t.Cosine * t.Cosine));
        return vector;
    }

    private static ZeroShotTagger Tagger() => new(Vocabulary, new AxisEncoder(Sentences));

    [Fact]
    public void Tag_PhotoCloseToOneConcept_GivesThatTag()
    {
        var tags = Tagger().Tag(Photo(("a photo of a dog.", 0.8)));

        var dog = Assert.Single(tags);
        Assert.Equal(("dog", "animal"), (dog.Name, dog.Group));
        Assert.InRange(dog.Score, 0.9, 1);
    }

    [Fact]
    public void Tag_PhotoOfNothingInParticular_GivesNoTags()
    {
        Assert.Empty(Tagger().Tag(Photo()));
    }

    [Fact]
    public void Tag_ConceptJustBelowTheBaseline_IsNotSureEnough()
    {
        // The photo is a little closer to "a photo." than to the dog: at the model's temperature the dog keeps
        // about an eighth of the group's probability, under its share.
        var photo = Photo(("a photo of a dog.", 0.49));
        photo[0] = 0.51f;

        Assert.Empty(Tagger().Tag(photo));
    }

    [Fact]
    public void Tag_SeveralGroups_TagsFromEachSurestFirstWithinTheirLimits()
    {
        var tags = Tagger().Tag(Photo(("a photo of a dog.", 0.5), ("a photo of a cat.", 0.5), ("a photo of a beach.", 0.6), ("a photo of a forest.", 0.1)));

        Assert.Equal(["beach", "cat", "dog"], tags.Select(t => t.Name).Order());
        Assert.Equal("beach", tags[0].Name); // the only strong scene
        Assert.True(tags.Zip(tags.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }

    [Fact]
    public void Tag_MoreConceptsThanTheGroupAllows_KeepsTheGroupsLimit()
    {
        // Three animals equally clear (each a third of the group's probability, over its share): two are kept.
        var tags = Tagger().Tag(Photo(("a photo of a dog.", 0.55), ("a photo of a cat.", 0.55), ("a photo of a bird.", 0.55)));

        Assert.Equal(2, tags.Count);
        Assert.All(tags, t => Assert.Equal("animal", t.Group));
    }

    [Fact]
    public void Tag_VectorOfAnotherModel_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => Tagger().Tag(new float[512]));

        Assert.Contains("512", error.Message, StringComparison.Ordinal);
    }
}
