using System.Collections.Concurrent;
using Shoebox.Catalog;
using Shoebox.Catalog.Stores;
using Shoebox.Core;

namespace Shoebox.Tests.Catalog;

/// <summary>Workers' claims on pending photos: on both engines, each photo goes to one worker at a time.</summary>
public abstract class ClaimTests(CatalogEngine engine) : CatalogEngineTests(engine)
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(1);

    private static async Task AddPhotosAsync(PhotoCatalog catalog, int count)
    {
        await using var batch = await catalog.BeginBatchAsync();
        for (var n = 0; n < count; n++)
        {
            await catalog.Locations.LinkAsync($"/p/{n}.jpg", "/p", 10, 1, ContentHash.Of(BitConverter.GetBytes(n)), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
        }
        await batch.CommitAsync();
    }

    private static async Task<List<long>> ClaimAsync(PhotoCatalog catalog, string worker, int limit, TimeSpan lease) =>
        [.. (await catalog.Claims.ClaimAsync(Stages.Initial, worker, limit, lease, [])).Select(p => p.PhotoId)];

    private static async Task FinishAsync(PhotoCatalog catalog, IEnumerable<long> ids)
    {
        await using var batch = await catalog.BeginBatchAsync();
        foreach (var id in ids)
        {
            foreach (var stage in Stages.Initial)
            {
                await catalog.Stages.SetAsync(id, stage, StageState.Done, null, DateTimeOffset.UtcNow);
            }
        }
        await batch.CommitAsync();
    }

    [Fact]
    public async Task ClaimPending_TwoWorkers_GetDifferentPhotosWithTheirPaths()
    {
        await using var catalog = await Engine.OpenAsync();
        await AddPhotosAsync(catalog, 5);

        var first = await catalog.Claims.ClaimAsync(Stages.Initial, "a", 3, Long, []);
        var second = await catalog.Claims.ClaimAsync(Stages.Initial, "b", 3, Long, []);

        Assert.Equal(3, first.Count);
        Assert.Equal(2, second.Count);
        Assert.Empty(first.Select(p => p.PhotoId).Intersect(second.Select(p => p.PhotoId)));
        Assert.All(first.Concat(second), p => Assert.StartsWith("/p/", p.Path));
        Assert.All(first, p => Assert.Equal(Stages.Initial.Order(StringComparer.Ordinal), p.Stages.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task ClaimPending_LeaseRanOut_AnotherWorkerTakesOverAndTheFirstMayNotWrite()
    {
        await using var catalog = await Engine.OpenAsync();
        await AddPhotosAsync(catalog, 2);
        var lost = await ClaimAsync(catalog, "a", 10, TimeSpan.FromMilliseconds(1));
        Thread.Sleep(50);

        var taken = await ClaimAsync(catalog, "b", 10, Long);
        await using var batch = await catalog.BeginBatchAsync();

        Assert.Equal(lost, taken);
        Assert.False(await catalog.Claims.HoldsAsync(lost[0], "a"));
        Assert.True(await catalog.Claims.HoldsAsync(lost[0], "b"));
        Assert.Equal(2L, Convert.ToInt64(Engine.Query($"SELECT claims FROM photos WHERE id = {lost[0]}")));
    }

    [Fact]
    public async Task ClaimPending_HeldLease_IsLeftUntilReleasedOrRenewedOnlyByItsHolder()
    {
        await using var catalog = await Engine.OpenAsync();
        await AddPhotosAsync(catalog, 2);
        var held = await ClaimAsync(catalog, "a", 10, Long);

        Assert.Empty(await ClaimAsync(catalog, "b", 10, Long));
        Assert.Equal(2, await catalog.Claims.CountHeldByOthersAsync(Stages.Initial, "b"));
        Assert.Equal(0, await catalog.Claims.RenewAsync("b", held, Long));
        Assert.Equal(2, await catalog.Claims.RenewAsync("a", held, Long));
        await catalog.Claims.ReleaseAsync("a", held);
        Assert.Equal(held, await ClaimAsync(catalog, "b", 10, Long));
    }

    [Fact]
    public async Task ClaimPending_FinishedPhotos_AreNotClaimedAgain()
    {
        await using var catalog = await Engine.OpenAsync();
        await AddPhotosAsync(catalog, 3);
        var done = await ClaimAsync(catalog, "a", 2, TimeSpan.FromMilliseconds(1));
        await FinishAsync(catalog, done);
        Thread.Sleep(50);

        var rest = await ClaimAsync(catalog, "b", 10, Long);

        Assert.Single(rest);
        Assert.DoesNotContain(rest[0], done);
        Assert.Equal(1, await catalog.Claims.CountHeldByOthersAsync(Stages.Initial, "a")); // b holds the last one
    }

    [Fact]
    public async Task ClaimPending_PhotoThatKeepsLosingItsWorker_IsLeftAloneUntilRetried()
    {
        await using var catalog = await Engine.OpenAsync();
        await AddPhotosAsync(catalog, 1);
        for (var i = 0; i < ClaimStore.MaxClaims; i++)
        {
            Assert.Single(await ClaimAsync(catalog, $"w{i}", 1, TimeSpan.FromMilliseconds(1)));
            Thread.Sleep(20);
        }

        Assert.Empty(await ClaimAsync(catalog, "next", 1, Long));
        await catalog.Stages.RetryFailedAsync();
        Assert.Single(await ClaimAsync(catalog, "next", 1, Long));
    }

    [Fact]
    public async Task ClaimPending_EightWorkersAtOnce_EachPhotoClaimedExactlyOnce()
    {
        await using (var catalog = await Engine.OpenAsync())
        {
            await AddPhotosAsync(catalog, 400);
        }
        var claimed = new ConcurrentBag<long>();
        await Parallel.ForAsync(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (worker, _) =>
        {
            await using var catalog = await Engine.OpenAsync();
            List<long> batch;
            while ((batch = await ClaimAsync(catalog, $"w{worker}", 7, Long)).Count > 0)
            {
                foreach (var id in batch)
                {
                    claimed.Add(id);
                }
                await FinishAsync(catalog, batch); // a worker's own unfinished claims are its to take again
            }
        });

        Assert.Equal(400, claimed.Count);
        Assert.Equal(400, claimed.Distinct().Count());
        Assert.Equal(0L, Convert.ToInt64(Engine.Query("SELECT count(*) FROM photos WHERE claims <> 1")));
    }
}

[Tier(Tier.Unit)]
public sealed class SqliteClaimTests() : ClaimTests(new SqliteEngine());

[Tier(Tier.Database)]
public sealed class PostgresClaimTests() : ClaimTests(new PostgresEngine());
