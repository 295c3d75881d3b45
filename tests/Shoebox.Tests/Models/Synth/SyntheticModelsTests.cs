using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Shoebox.Models.Synth;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Models.Synth;

[Tier(Tier.Unit)]
public class SyntheticModelsTests(TinyClip clip) : IClassFixture<TinyClip>
{
    [Fact]
    public void Write_Tiny_HasHuggingFaceLayoutAndStaysSmall()
    {
        foreach (var file in new[] { SyntheticModels.VisionModelPath, SyntheticModels.TextModelPath })
        {
            var length = new FileInfo(Path.Combine(clip.Folder, file)).Length;
            Assert.InRange(length, 100_000, 8_000_000);
        }

        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(clip.Folder, "config.json")));
        Assert.Equal(clip.Dimensions, config.RootElement.GetProperty("projection_dim").GetInt32());
        Assert.Equal(32, config.RootElement.GetProperty("vision_config").GetProperty("patch_size").GetInt32());
        Assert.Equal("tiny", config.RootElement.GetProperty("shoebox_synthetic").GetProperty("preset").GetString());
        Assert.Equal(TinyClip.Seed, config.RootElement.GetProperty("shoebox_synthetic").GetProperty("seed").GetInt32());

        using var preprocessor = JsonDocument.Parse(File.ReadAllText(Path.Combine(clip.Folder, "preprocessor_config.json")));
        Assert.Equal(224, preprocessor.RootElement.GetProperty("size").GetProperty("shortest_edge").GetInt32());
        Assert.Equal(224, preprocessor.RootElement.GetProperty("crop_size").GetProperty("height").GetInt32());
        Assert.Equal(3, preprocessor.RootElement.GetProperty("resample").GetInt32());
        Assert.Equal(0.48145466, preprocessor.RootElement.GetProperty("image_mean")[0].GetDouble());
        Assert.Equal(0.27577711, preprocessor.RootElement.GetProperty("image_std")[2].GetDouble());
    }

    [Fact]
    public void Sessions_Tiny_MatchXenovaInterface()
    {
        var pixels = Assert.Single(clip.Vision.InputMetadata);
        Assert.Equal("pixel_values", pixels.Key);
        Assert.Equal(typeof(float), pixels.Value.ElementType);
        Assert.Equal([-1, 3, 224, 224], pixels.Value.Dimensions);
        Assert.Equal("batch_size", pixels.Value.SymbolicDimensions[0]);
        var imageEmbeds = Assert.Single(clip.Vision.OutputMetadata);
        Assert.Equal("image_embeds", imageEmbeds.Key);
        Assert.Equal([-1, clip.Dimensions], imageEmbeds.Value.Dimensions);

        var ids = Assert.Single(clip.Text.InputMetadata);
        Assert.Equal("input_ids", ids.Key);
        Assert.Equal(typeof(long), ids.Value.ElementType);
        Assert.Equal([-1, 77], ids.Value.Dimensions);
        var textEmbeds = Assert.Single(clip.Text.OutputMetadata);
        Assert.Equal("text_embeds", textEmbeds.Key);
        Assert.Equal([-1, clip.Dimensions], textEmbeds.Value.Dimensions);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void VisionModel_Batch_ReturnsOneFiniteVectorPerImage(int batch)
    {
        var vectors = TinyClip.RunVision(clip.Vision, TinyClip.Pixels(batch, seed: 7), batch);

        Assert.Equal(batch, vectors.Length);
        Assert.All(vectors, v => Assert.Equal(clip.Dimensions, v.Length));
        Assert.All(vectors, v => Assert.All(v, x => Assert.True(float.IsFinite(x))));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void TextModel_Batch_ReturnsOneFiniteVectorPerRow(int batch)
    {
        var rows = Enumerable.Range(0, batch).Select(i => TinyClip.Ids(TinyClip.Eos, 320, 1125 + i, 539)).ToArray();

        var vectors = TinyClip.RunText(clip.Text, rows);

        Assert.Equal(batch, vectors.Length);
        Assert.All(vectors, v => Assert.Equal(clip.Dimensions, v.Length));
        Assert.All(vectors, v => Assert.All(v, x => Assert.True(float.IsFinite(x))));
    }

    [Fact]
    public void VisionModel_ImageInBatchOrAlone_SameVector()
    {
        var batch = TinyClip.Pixels(3, seed: 11);
        var third = batch.AsSpan(2 * 3 * 224 * 224).ToArray();

        var together = TinyClip.RunVision(clip.Vision, batch, 3);
        var alone = TinyClip.RunVision(clip.Vision, third, 1);

        AssertClose(together[2], alone[0]);
        AssertDifferent(together[0], together[1]);
    }

    [Fact]
    public void TextModel_PaddedWithEosOrZero_SameVector()
    {
        var vectors = TinyClip.RunText(clip.Text, TinyClip.Ids(TinyClip.Eos, 320, 1125, 539, 320, 2368), TinyClip.Ids(0, 320, 1125, 539, 320, 2368));

        AssertClose(vectors[0], vectors[1]);
    }

    [Fact]
    public void TextModel_TokenBeforeEosChanged_VectorChanges()
    {
        var vectors = TinyClip.RunText(clip.Text, TinyClip.Ids(TinyClip.Eos, 320, 1125, 539, 320, 2368), TinyClip.Ids(TinyClip.Eos, 320, 1125, 539, 320, 1929));

        AssertDifferent(vectors[0], vectors[1]);
    }

    [Fact]
    public void Write_SameSeedTwice_ByteIdenticalFiles()
    {
        using var again = new TempFolder();

        SyntheticModels.Write("tiny", again.Path, TinyClip.Seed);

        foreach (var file in new[] { SyntheticModels.VisionModelPath, SyntheticModels.TextModelPath, "config.json", "preprocessor_config.json" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(clip.Folder, file)), File.ReadAllBytes(again[file]));
        }
    }

    [Fact]
    public void Write_OtherSeed_OtherWeightsAndVectors()
    {
        using var other = new TempFolder();

        SyntheticModels.Write("tiny", other.Path, TinyClip.Seed + 1);

        using var vision = new InferenceSession(other[SyntheticModels.VisionModelPath]);
        using var text = new InferenceSession(other[SyntheticModels.TextModelPath]);
        var pixels = TinyClip.Pixels(1, seed: 3);
        AssertDifferent(TinyClip.RunVision(clip.Vision, pixels, 1)[0], TinyClip.RunVision(vision, pixels, 1)[0]);
        var ids = TinyClip.Ids(TinyClip.Eos, 320, 1125);
        AssertDifferent(TinyClip.RunText(clip.Text, ids)[0], TinyClip.RunText(text, ids)[0]);
    }

    [Fact]
    public void Write_UnknownPreset_ThrowsNamingKnownOnes()
    {
        using var folder = new TempFolder();

        var error = Assert.Throws<ArgumentException>(() => SyntheticModels.Write("vit-h14", folder.Path));

        Assert.Contains("vit-b32", error.Message);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = expected.Max(MathF.Abs);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= 1e-4f * scale, $"element {i}: {expected[i]} vs {actual[i]}");
        }
    }

    /// <summary>Cosine distance well above float noise, so a difference is the model's, not rounding.</summary>
    private static void AssertDifferent(float[] a, float[] b)
    {
        var dot = a.Zip(b, (x, y) => (double)x * y).Sum();
        var cosine = dot / Math.Sqrt(a.Sum(x => (double)x * x) * b.Sum(x => (double)x * x));
        Assert.True(cosine < 0.9999, $"vectors are the same up to rounding (cosine {cosine})");
    }
}
