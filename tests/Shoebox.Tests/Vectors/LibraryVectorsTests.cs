using Microsoft.Data.Sqlite;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Vectors;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Vectors;

/// <summary>Which index a library gets as it grows, written straight into a catalog (indexing 20,000 images would take minutes).</summary>
[Tier(Tier.Unit)]
public class LibraryVectorsTests
{
    private static readonly ModelIdentity Model = new("test-model", "1", 16);

    // Photos with one existing location and a vector each; vector i points mostly along axis i % 16.
    private static async Task AddPhotosAsync(string library, int from, int count)
    {
        await using (await new Library(library).OpenAsync())
        {
            // Creates the schema.
        }
        using var connection = new SqliteConnection($"Data Source={Path.Combine(library, PhotoCatalog.FileName)};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR IGNORE INTO models (id, version, dimensions) VALUES ('test-model@1', '1', 16);
            INSERT INTO photos (id, hash, size, format, added_at) VALUES ($id, randomblob(32), 1, 'jpeg', 0);
            INSERT INTO locations (path, root, photo_id, size, mtime, first_seen, last_seen, status) VALUES ('/p/' || $id, '/p', $id, 1, 0, 0, 0, 'ok');
            INSERT INTO embeddings (photo_id, model_id, vector, created_at) VALUES ($id, 'test-model@1', $vector, 0);
            """;
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        var vector = command.Parameters.Add("$vector", SqliteType.Blob);
        var random = new Random(from);
        for (var i = from; i < from + count; i++)
        {
            var values = Enumerable.Range(0, 16).Select(d => (d == i % 16 ? 4f : 0f) + (float)random.NextDouble()).ToArray();
            var norm = MathF.Sqrt(values.Sum(v => v * v));
            id.Value = i;
            vector.Value = VectorCodec.Encode(values.Select(v => v / norm).ToArray());
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static LibraryVectors Open(string library, out CatalogPool catalogs)
    {
        catalogs = new CatalogPool(new Library(library));
        return new LibraryVectors(library, Model, catalogs);
    }

    [Fact]
    public async Task Index_SmallLibrary_IsExact()
    {
        using var temp = new TempFolder();
        await AddPhotosAsync(temp.Library, 1, 300);

        using var vectors = Open(temp.Library, out var catalogs);
        await using var _ = catalogs;

        Assert.IsType<ExactVectorIndex>(await vectors.GetIndexAsync());
        Assert.Equal(300, (await vectors.GetIndexAsync()).Count);
    }

    [Fact]
    public async Task Sync_LibraryGrowsPastTheExactLimit_SwitchesToTheGraphAndSavesIt()
    {
        using var temp = new TempFolder();
        await AddPhotosAsync(temp.Library, 1, 1000);
        using var vectors = Open(temp.Library, out var catalogs);
        await using var _ = catalogs;
        Assert.IsType<ExactVectorIndex>(await vectors.GetIndexAsync());

        await AddPhotosAsync(temp.Library, 1001, VectorIndexChoice.ExactUpTo);
        await vectors.SyncAsync();
        using var reopened = Open(temp.Library, out var second);
        await using var __ = second;

        Assert.IsType<USearchVectorIndex>(await vectors.GetIndexAsync());
        Assert.Equal(VectorIndexChoice.ExactUpTo + 1000, (await vectors.GetIndexAsync()).Count);
        var reloaded = await reopened.GetIndexAsync();
        Assert.IsType<USearchVectorIndex>(reloaded);
        Assert.Null(reopened.RebuildReason);
        var query = VectorCodec.Decode(VectorCodec.Encode(Enumerable.Range(0, 16).Select(d => d == 3 ? 1f : 0f).ToArray()));
        Assert.All(reloaded.Search(query, 5), hit => Assert.Equal(3, hit.PhotoId % 16));
    }

    [Fact]
    public async Task Index_SavedByTheRemovedIvfIndex_RebuiltFromTheCatalogSavedAndSearched()
    {
        using var temp = new TempFolder();
        await AddPhotosAsync(temp.Library, 1, 300);
        var saved = Path.Combine(temp.Library, LibraryVectors.FolderName, "test-model@1.sbvx");
        Directory.CreateDirectory(Path.GetDirectoryName(saved)!);
        var random = new Random(2);
        RetiredIndexFiles.WriteIvf(saved, Model, [1, 2], [.. RandomVectors.Unit(random, 16), .. RandomVectors.Unit(random, 16)]);

        using var vectors = Open(temp.Library, out var catalogs);
        await using var _ = catalogs;

        var index = await vectors.GetIndexAsync();
        Assert.IsType<ExactVectorIndex>(index);
        Assert.Equal(300, index.Count);
        Assert.Contains("no longer uses", vectors.RebuildReason);
        using var resaved = SavedVectorIndex.Load(saved, Model);
        Assert.Equal(300, resaved.Count);
        var query = VectorCodec.Decode(VectorCodec.Encode(Enumerable.Range(0, 16).Select(d => d == 5 ? 1f : 0f).ToArray()));
        var hits = await vectors.NearestAsync(query, 5, null, new HashSet<long>());
        Assert.Equal(5, hits.Count);
        Assert.All(hits, hit => Assert.Equal(5, hit.PhotoId % 16));
    }

    [Fact]
    public async Task Add_PhotosPastTheExactLimitOneByOne_SwitchesToTheGraphAndTheEndOfTheRunSavesIt()
    {
        using var temp = new TempFolder();
        await AddPhotosAsync(temp.Library, 1, VectorIndexChoice.ExactUpTo - 2);
        using var vectors = Open(temp.Library, out var catalogs);
        await using var _ = catalogs;
        Assert.IsType<ExactVectorIndex>(await vectors.GetIndexAsync());
        await AddPhotosAsync(temp.Library, VectorIndexChoice.ExactUpTo - 1, 5);
        await using (var catalog = await catalogs.RentAsync())
        {
            var written = await catalog.Vectors.LoadAsync(Model, [.. Enumerable.Range(VectorIndexChoice.ExactUpTo - 1, 5).Select(id => (long)id)]);
            foreach (var (id, vector) in written.OrderBy(pair => pair.Key))
            {
                await vectors.AddAsync(id, vector);
            }
        }

        await vectors.SyncAsync();

        var index = await vectors.GetIndexAsync();
        Assert.IsType<USearchVectorIndex>(index);
        Assert.Equal(VectorIndexChoice.ExactUpTo + 3, index.Count);
        using var saved = SavedVectorIndex.Load(vectors.FilePath, Model);
        Assert.IsType<USearchVectorIndex>(saved);
        Assert.Equal(VectorIndexChoice.ExactUpTo + 3, saved.Count);
    }

    [Fact]
    public async Task Nearest_FilterLeavingFewPhotos_ExactAnswerOverThemWithoutTheExcluded()
    {
        using var temp = new TempFolder();
        await AddPhotosAsync(temp.Library, 1, VectorIndexChoice.ExactUpTo + 500);
        using var vectors = Open(temp.Library, out var catalogs);
        await using var _ = catalogs;
        var query = VectorCodec.Decode(VectorCodec.Encode(Enumerable.Range(0, 16).Select(d => d == 7 ? 1f : 0f).ToArray()));
        var allowed = Enumerable.Range(1, 300).Select(i => (long)i * 50).ToHashSet();

        var hits = await vectors.NearestAsync(query, 5, allowed, new HashSet<long> { 50 * 7 });

        Assert.IsType<USearchVectorIndex>(await vectors.GetIndexAsync());
        await using var catalog = await catalogs.RentAsync();
        var truth = (await catalog.Vectors.LoadAsync(Model, [.. allowed.Where(id => id != 350)]))
            .OrderByDescending(pair => System.Numerics.Tensors.TensorPrimitives.Dot(query, pair.Value)).ThenBy(pair => pair.Key).Take(5);
        Assert.Equal(truth.Select(pair => pair.Key), hits.Select(hit => hit.PhotoId));
    }
}
