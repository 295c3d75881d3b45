using System.Numerics.Tensors;
using Shoebox.Core;

namespace Shoebox.Models.Tags;

/// <summary>
/// Tags photos by asking a CLIP or SigLIP model which concepts of the vocabulary its vector is closest to. The
/// concepts are written as sentences once, when the tagger is made; tagging a photo is then a few hundred dot
/// products on its stored vector, with no image to decode.
/// </summary>
public sealed class ZeroShotTagger
{
    /// <summary>
    /// How sharply similarities turn into probabilities: CLIP's trained logit scale (100); SigLIP's is of the same
    /// order (about 112 for SO400M). At this scale a cosine 0.02 above the plain-photo baseline is 7 to 1 for the concept.
    /// </summary>
    public const double DefaultTemperature = 100;

    private readonly TagVocabulary _vocabulary;
    private readonly float[] _baseline;
    private readonly float[][][] _concepts; // per group, per concept

    public ZeroShotTagger(TagVocabulary vocabulary, ITextEncoder encoder, double temperature = DefaultTemperature)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(encoder);
        _vocabulary = vocabulary;
        Temperature = temperature;
        Model = encoder.Model;
        var sentences = vocabulary.Baseline
            .Concat(vocabulary.Groups.SelectMany(g => g.Concepts).SelectMany(c => c.Prompts))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var chunk in sentences.Chunk(64))
        {
            var encoded = encoder.Encode(chunk);
            for (var i = 0; i < chunk.Length; i++)
            {
                vectors[chunk[i]] = encoded[i];
            }
        }
        _baseline = MeanDirection(vocabulary.Baseline.Select(s => vectors[s]));
        _concepts = [.. vocabulary.Groups.Select(g => g.Concepts.Select(c => MeanDirection(c.Prompts.Select(s => vectors[s]))).ToArray())];
    }

    public ModelIdentity Model { get; }

    public double Temperature { get; }

    /// <summary>The tags for one photo's vector (unit length, this model's space), surest first.</summary>
    public List<AutoTag> Tag(ReadOnlySpan<float> image)
    {
        if (image.Length != Model.Dimensions)
        {
            throw new ArgumentException($"A {image.Length}-dimensional vector cannot be tagged with {Model.Key} ({Model.Dimensions} dimensions).", nameof(image));
        }
        var baseline = TensorPrimitives.Dot(image, _baseline);
        var tags = new List<AutoTag>();
        for (var g = 0; g < _concepts.Length; g++)
        {
            var group = _vocabulary.Groups[g];
            var shares = Shares(image, _concepts[g], baseline);
            var chosen = Enumerable.Range(0, shares.Length)
                .Where(i => shares[i] >= group.MinShare)
                .OrderByDescending(i => shares[i])
                .Take(group.MaxTags);
            tags.AddRange(chosen.Select(i => new AutoTag(group.Concepts[i].Name, group.Name, Math.Round(shares[i], 3))));
        }
        return [.. tags.OrderByDescending(t => t.Score).DistinctBy(t => t.Name)];
    }

    // Softmax over the group's concepts and the baseline: a concept's share is its probability against the others and
    // against "nothing in particular", so a photo of none of them leaves the baseline with most of it.
    private double[] Shares(ReadOnlySpan<float> image, float[][] concepts, float baseline)
    {
        var logits = new double[concepts.Length + 1];
        for (var i = 0; i < concepts.Length; i++)
        {
            logits[i] = Temperature * TensorPrimitives.Dot(image, concepts[i]);
        }
        logits[^1] = Temperature * baseline;
        var max = logits.Max();
        var sum = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            logits[i] = Math.Exp(logits[i] - max);
            sum += logits[i];
        }
        return [.. logits.Take(concepts.Length).Select(e => e / sum)];
    }

    private static float[] MeanDirection(IEnumerable<float[]> vectors)
    {
        float[]? sum = null;
        foreach (var vector in vectors)
        {
            sum ??= new float[vector.Length];
            TensorPrimitives.Add(sum, vector, sum);
        }
        var norm = TensorPrimitives.Norm(sum!);
        TensorPrimitives.Divide(sum!, norm, sum!);
        return sum!;
    }
}
