using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Models;
using Shoebox.Models.Encoders;
using Shoebox.Models.Registry;
using Shoebox.Models.Store;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Models.Encoders;

[Tier(Tier.Unit)]
public class EncoderTests(TinyModelFolder tiny) : IClassFixture<TinyModelFolder>
{
    private static float Norm(float[] v) => MathF.Sqrt(v.Sum(x => x * x));

    [Fact]
    public void LocalModel_GeneratedFolder_IsNamedByPresetAndSeed()
    {
        var model = tiny.Open().Descriptor;
        var other = LocalModel.Open(tiny.OtherSeed).Descriptor;

        Assert.Equal(("synthetic-tiny", "seed-1"), (model.Id, model.Version));
        Assert.Equal("seed-2", other.Version);
        Assert.True(model.CanEmbedText);
        Assert.Equal(Shoebox.Models.Synth.SyntheticModels.EmbeddingDimensions("tiny"), model.Dimensions);
    }

    [Fact]
    public void LocalModel_FolderWithoutConfig_SaysWhatIsMissing()
    {
        using var temp = new TempFolder();

        var error = Assert.Throws<ModelUnavailableException>(() => LocalModel.Open(temp.Path));

        Assert.Contains("no config.json", error.Message);
    }

    [Fact]
    public void EmbedImage_GivesUnitVectorsThatTellImagesApart()
    {
        using var temp = new TempFolder();
        var a = TestImages.Jpeg(temp["a.jpg"], 300, 200);
        var b = TestImages.Jpeg(temp["b.jpg"], 300, 200);
        using var model = new EmbeddingModel(tiny.Open());

        var first = model.EmbedImage(a);
        var again = model.EmbedImage(a);
        var other = model.EmbedImage(b);

        Assert.Equal(model.Identity.Dimensions, first.Length);
        Assert.Equal(1f, Norm(first), 3);
        Assert.Equal(first, again);
        Assert.True(Shoebox.Models.Encoders.Vectors.Similarity(first, other) < 0.9999f);
    }

    [Fact]
    public void EmbedText_GivesUnitVectorsAndPaddingDoesNotMatter()
    {
        using var model = new EmbeddingModel(tiny.Open());

        var cat = model.EmbedText("a photo of a cat");
        var catAgain = model.Texts.Encode(["a photo of a dog", "a photo of a cat"])[1];
        var dog = model.EmbedText("a photo of a dog");

        Assert.Equal(1f, Norm(cat), 3);
        Assert.Equal(cat, catAgain, new FloatTolerance(1e-5f));
        Assert.True(Shoebox.Models.Encoders.Vectors.Similarity(cat, dog) < 0.9999f);
    }

    [Fact]
    public void Encode_Batch_GivesTheSameVectorsAsOneAtATime()
    {
        using var temp = new TempFolder();
        using var encoder = new OnnxImageEncoder(tiny.Open());
        var decoder = new ImageDecoder();
        var pixels = Enumerable.Range(0, 5)
            .Select(i => encoder.Preprocess(decoder.Decode(TestImages.Jpeg(temp[$"{i}.jpg"], 260, 240), encoder.DecodeSize, Fit.Cover)))
            .ToList();

        var batch = encoder.Encode(pixels);
        var single = pixels.Select(p => encoder.Encode([p])[0]).ToList();

        Assert.Equal(5, batch.Count);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(single[i], batch[i], new FloatTolerance(1e-4f));
        }
    }

    [Fact]
    public void TextEncoder_ImageOnlyModel_SaysTextSearchNeedsAnotherModel()
    {
        var imageOnly = tiny.Open() with { };
        var descriptor = imageOnly.Descriptor with { Text = null, Tokenizer = TokenizerKind.None, Id = "image-only" };

        var error = Assert.Throws<ModelUnavailableException>(() => new OnnxTextEncoder(imageOnly with { Descriptor = descriptor }));

        Assert.Contains("cannot search by text", error.Message);
    }

    [Fact]
    public void ResNet18_ShippedWithShoebox_EmbedsImagesWithoutDownloading()
    {
        using var temp = new TempFolder();
        var store = new ModelStore(new StoreOptions { Folder = temp["models"], Offline = true });
        var resnet = ModelRegistry.Find("resnet18-imagenet")!;
        using var model = new EmbeddingModel(store.Find(resnet) ?? throw new InvalidOperationException($"ResNet-18 not found in {store.FolderOf(resnet)}"));

        var vector = model.EmbedImage(TestImages.Jpeg(temp["photo.jpg"], 400, 300));

        Assert.Equal(512, vector.Length);
        Assert.Equal(1f, Norm(vector), 3);
        Assert.False(model.CanEmbedText);
    }

    [Fact]
    public void ResNet18_TwoUnrelatedPictures_ScoreFarApartOnceCentred()
    {
        using var temp = new TempFolder();
        var store = new ModelStore(new StoreOptions { Folder = temp["models"], Offline = true });
        var resnet = ModelRegistry.Find("resnet18-imagenet")!;
        var installed = store.Find(resnet)!;
        using var centred = new OnnxImageEncoder(installed);
        using var raw = new OnnxImageEncoder(installed with { Descriptor = resnet with { Centre = null } });
        var decoder = new ImageDecoder();
        float[] Embed(OnnxImageEncoder encoder, int seed)
        {
            using var scene = Scenes.Draw(seed);
            return encoder.Encode([encoder.Preprocess(decoder.Decode(Scenes.Save(scene, temp[$"{seed}.jpg"]), encoder.DecodeSize, Fit.Cover))])[0];
        }

        var (rawA, rawB) = (Embed(raw, 1), Embed(raw, 2));
        var (a, b) = (Embed(centred, 1), Embed(centred, 2));

        // Raw ResNet features are all non-negative, so any two pictures look alike; centred, they spread.
        Assert.All(rawA, v => Assert.True(v >= 0));
        Assert.Contains(a, v => v < 0);
        Assert.Equal(1f, Norm(a), 3);
        var (rawScore, centredScore) = (Shoebox.Models.Encoders.Vectors.Similarity(rawA, rawB), Shoebox.Models.Encoders.Vectors.Similarity(a, b));
        Assert.True(rawScore - centredScore > 0.2, $"raw {rawScore:0.000}, centred {centredScore:0.000}");
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => MathF.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
