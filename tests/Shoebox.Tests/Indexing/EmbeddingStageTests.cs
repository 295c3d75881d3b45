using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Indexing;
using Shoebox.Models;
using Shoebox.Models.Encoders;
using Shoebox.Models.Onnx;
using Shoebox.Models.Registry;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Indexing;

[Tier(Tier.Unit)]
public class EmbeddingStageTests(TinyModelFolder tiny) : IClassFixture<TinyModelFolder>
{
    private static Task<IndexSummary> IndexAsync(TempFolder temp, string root, IImageEncoder? encoder, ModelIdentity? model = null) =>
        new Indexer(new IndexingPipeline(new Library(temp.Library), services: new IndexingServices { Model = model ?? encoder?.Model, Encoder = encoder }))
            .RunAsync(new IndexTargets([root]), CancellationToken.None);

    private static Task<PhotoCatalog> CatalogAsync(TempFolder temp) => new Library(temp.Library).OpenAsync();

    private static string MakePhotos(TempFolder temp, int count)
    {
        var root = temp.Folder("photos");
        for (var i = 0; i < count; i++)
        {
            TestImages.Jpeg(temp[$"photos/{i:00}.jpg"], 300 + i, 200);
        }
        return root;
    }

    [Fact]
    public async Task Index_WithModel_StoresOneUnitVectorPerPhotoAndARerunDoesNothing()
    {
        using var temp = new TempFolder();
        var root = MakePhotos(temp, 12);
        using var encoder = new OnnxImageEncoder(tiny.Open());

        await IndexAsync(temp, root, encoder);
        var again = await IndexAsync(temp, root, encoder);
        await using var catalog = await CatalogAsync(temp);
        var vectors = await catalog.Vectors.LoadAllAsync(encoder.Model);

        Assert.Equal(12, vectors.Count);
        Assert.All(vectors.Values, v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 2));
        Assert.Equal(new StageCounts(0, 12, 0), (await catalog.GetStatusAsync()).Stages[Stages.Embedding(encoder.Model)]);
        Assert.Equal(0, again.Processed);
    }

    [Fact]
    public async Task Index_ModelUnavailable_LeavesVectorsPendingAndALaterRunWithTheModelFinishesOnlyThat()
    {
        using var temp = new TempFolder();
        var root = MakePhotos(temp, 6);
        using var encoder = new OnnxImageEncoder(tiny.Open());

        var without = await IndexAsync(temp, root, encoder: null, model: encoder.Model);
        StageCounts pending;
        await using (var catalog = await CatalogAsync(temp))
        {
            pending = (await catalog.GetStatusAsync()).Stages[Stages.Embedding(encoder.Model)];
        }
        var thumbnail = Directory.EnumerateFiles(Path.Combine(temp.Library, ThumbnailStore.FolderName), "*.jpg", SearchOption.AllDirectories).First();
        var thumbnailTime = File.GetLastWriteTimeUtc(thumbnail);
        var with = await IndexAsync(temp, root, encoder);
        await using var after = await CatalogAsync(temp);

        Assert.Equal((6, 0), (without.New, without.Failed));
        Assert.Equal(new StageCounts(6, 0, 0), pending);
        Assert.Equal(6, with.Processed);
        Assert.Equal(thumbnailTime, File.GetLastWriteTimeUtc(thumbnail));
        Assert.Equal(6, (await after.Vectors.LoadAllAsync(encoder.Model)).Count);
    }

    [Fact]
    public async Task Index_TwoModels_KeepTheirVectorsApart()
    {
        using var temp = new TempFolder();
        var root = MakePhotos(temp, 4);
        using var first = new OnnxImageEncoder(tiny.Open());
        using var second = new OnnxImageEncoder(LocalModel.Open(tiny.OtherSeed));

        await IndexAsync(temp, root, first);
        var switched = await IndexAsync(temp, root, second);
        await using var catalog = await CatalogAsync(temp);
        var a = await catalog.Vectors.LoadAllAsync(first.Model);
        var b = await catalog.Vectors.LoadAllAsync(second.Model);

        Assert.NotEqual(first.Model.Key, second.Model.Key);
        Assert.Equal((4, 4), (a.Count, b.Count));
        Assert.Equal(4, switched.Processed); // only the new model's vectors were made
        Assert.All(a.Keys, id => Assert.NotEqual(a[id], b[id]));
    }

    [Fact]
    public async Task StoredVector_MatchesWhatAQueryForTheSameFileGives()
    {
        using var temp = new TempFolder();
        var root = MakePhotos(temp, 1);
        using var model = new EmbeddingModel(tiny.Open());
        await IndexAsync(temp, root, model.Images);
        await using var catalog = await CatalogAsync(temp);

        var stored = (await catalog.Vectors.LoadAllAsync(model.Identity)).Single().Value;
        var query = model.EmbedImage(temp["photos/00.jpg"]);

        Assert.True(Shoebox.Models.Encoders.Vectors.Similarity(stored, query) > 0.999f, $"similarity {Shoebox.Models.Encoders.Vectors.Similarity(stored, query)}");
    }

    [Fact]
    public async Task Index_ModelOpenedForRunsAtOnce_EveryPhotoGetsTheVectorOneRunAtATimeGives()
    {
        using var temp = new TempFolder();
        var root = MakePhotos(temp, 40);
        using var alone = new OnnxImageEncoder(tiny.Open());
        using var atOnce = new OnnxImageEncoder(tiny.Open(), OnnxSessionFactory.ThreadPerRun);
        using var other = new TempFolder();

        await IndexAsync(temp, root, alone);
        await IndexAsync(other, root, atOnce);
        await using var first = await CatalogAsync(temp);
        await using var second = await CatalogAsync(other);
        var expected = await VectorsByPathAsync(first, alone.Model);
        var actual = await VectorsByPathAsync(second, atOnce.Model);

        Assert.Equal(40, actual.Count);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        // Stored at float16 and summed in another order: near, and nearer its own photo's than any other's.
        Assert.All(actual, pair =>
        {
            var nearest = expected.MaxBy(other => Shoebox.Models.Encoders.Vectors.Similarity(pair.Value, other.Value));
            Assert.Equal(pair.Key, nearest.Key);
            Assert.True(Shoebox.Models.Encoders.Vectors.Similarity(pair.Value, nearest.Value) > 0.999f, pair.Key);
        });
    }

    [Fact]
    public async Task Index_EncoderThatRunsTwoAtOnce_IsGivenTwoBatchesAtOnceAndEveryPhotoItsVector()
    {
        using var temp = new TempFolder();
        var root = MakePhotos(temp, 40);
        using var encoder = new OnnxImageEncoder(tiny.Open());
        using var pair = new PairedEncoder(encoder);

        await IndexAsync(temp, root, pair);
        await using var catalog = await CatalogAsync(temp);

        Assert.Equal(2, pair.MostAtOnce);
        Assert.Equal(40, (await catalog.Vectors.LoadAllAsync(encoder.Model)).Count);
    }

    private static async Task<Dictionary<string, float[]>> VectorsByPathAsync(PhotoCatalog catalog, ModelIdentity model)
    {
        var vectors = await catalog.Vectors.LoadAllAsync(model);
        var paths = new Dictionary<string, float[]>();
        foreach (var (photoId, vector) in vectors)
        {
            paths[Path.GetFileName((await catalog.Locations.OfPhotoAsync(photoId))[0].Path)] = vector;
        }
        return paths;
    }

    // Says it can run two batches at once; the first of a pair waits (a while, not for ever) for the second, so that
    // a pipeline that sends one batch at a time shows as a most-at-once of 1.
    private sealed class PairedEncoder(IImageEncoder encoder) : IImageEncoder
    {
        private readonly SemaphoreSlim _second = new(0);
        private int _running;
        private int _most;

        public int MostAtOnce => Volatile.Read(ref _most);

        public ModelIdentity Model => encoder.Model;

        public int DecodeSize => encoder.DecodeSize;

        public int RunsAtOnce => 2;

        public float[] Preprocess(RgbImage image) => encoder.Preprocess(image);

        public IReadOnlyList<float[]> Encode(IReadOnlyList<float[]> preprocessed)
        {
            var running = Interlocked.Increment(ref _running);
            InterlockedMax(running);
            if (running == 1 && MostAtOnce < 2)
            {
                _second.Wait(TimeSpan.FromSeconds(5));
            }
            else
            {
                _second.Release();
            }
            try
            {
                return encoder.Encode(preprocessed);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }

        public void Dispose() => _second.Dispose();

        private void InterlockedMax(int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref _most)) < value && Interlocked.CompareExchange(ref _most, value, seen) != seen)
            {
            }
        }
    }

    [Fact]
    public void VectorCodec_Float16_ChangesCosineSimilarityByLessThanOneThousandth()
    {
        var random = new Random(7);
        var worst = 0.0;
        for (var i = 0; i < 200; i++)
        {
            var a = Shoebox.Models.Encoders.Vectors.Normalised(Enumerable.Range(0, 512).Select(_ => (float)random.NextDouble() - 0.5f).ToArray());
            var b = Shoebox.Models.Encoders.Vectors.Normalised(Enumerable.Range(0, 512).Select(_ => (float)random.NextDouble() - 0.5f).ToArray());
            var exact = Shoebox.Models.Encoders.Vectors.Similarity(a, b);
            var stored = Shoebox.Models.Encoders.Vectors.Similarity(VectorCodec.Decode(VectorCodec.Encode(a)), VectorCodec.Decode(VectorCodec.Encode(b)));
            worst = Math.Max(worst, Math.Abs(exact - stored));
        }

        Assert.InRange(worst, 0, 1e-3);
    }
}
