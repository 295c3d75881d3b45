using System.Collections.Concurrent;
using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Tests.Catalog;

/// <summary>Workers' claims on pending photos: on both engines, each photo goes to one worker at a time.</summary>
public abstract class ClaimTests(CatalogEngine engine) : CatalogEngineTests(engine)
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(1);

    private static void AddPhotos(PhotoCatalog catalog, int count)
    {
        using var batch = catalog.BeginBatch();
        for (var n = 0; n < count; n++)
        {
            batch.LinkFile($"/p/{n}.jpg", "/p", 10, 1, ContentHash.Of(BitConverter.GetBytes(n)), ImageFormat.Jpeg, DateTimeOffset.UtcNow);
        }
        batch.Commit();
    }

    private static List<long> Claim(PhotoCatalog catalog, string worker, int limit, TimeSpan lease) =>
        [.. catalog.ClaimPending(Stages.Initial, worker, limit, lease, []).Select(p => p.PhotoId)];

    private static void Finish(PhotoCatalog catalog, IEnumerable<long> ids)
    {
        using var batch = catalog.BeginBatch();
        foreach (var id in ids)
        {
            foreach (var stage in Stages.Initial)
            {
                batch.SetStage(id, stage, StageState.Done, null, DateTimeOffset.UtcNow);
            }
        }
        batch.Commit();
    }

    [Fact]
    public void ClaimPending_TwoWorkers_GetDifferentPhotosWithTheirPaths()
    {
        using var catalog = Engine.Open();
        AddPhotos(catalog, 5);

        var first = catalog.ClaimPending(Stages.Initial, "a", 3, Long, []);
        var second = catalog.ClaimPending(Stages.Initial, "b", 3, Long, []);

        Assert.Equal(3, first.Count);
        Assert.Equal(2, second.Count);
        Assert.Empty(first.Select(p => p.PhotoId).Intersect(second.Select(p => p.PhotoId)));
        Assert.All(first.Concat(second), p => Assert.StartsWith("/p/", p.Path));
        Assert.All(first, p => Assert.Equal(Stages.Initial.Order(StringComparer.Ordinal), p.Stages.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void ClaimPending_LeaseRanOut_AnotherWorkerTakesOverAndTheFirstMayNotWrite()
    {
        using var catalog = Engine.Open();
        AddPhotos(catalog, 2);
        var lost = Claim(catalog, "a", 10, TimeSpan.FromMilliseconds(1));
        Thread.Sleep(50);

        var taken = Claim(catalog, "b", 10, Long);
        using var batch = catalog.BeginBatch();

        Assert.Equal(lost, taken);
        Assert.False(batch.HoldsClaim(lost[0], "a"));
        Assert.True(batch.HoldsClaim(lost[0], "b"));
        Assert.Equal(2L, Convert.ToInt64(Engine.Query($"SELECT claims FROM photos WHERE id = {lost[0]}")));
    }

    [Fact]
    public void ClaimPending_HeldLease_IsLeftUntilReleasedOrRenewedOnlyByItsHolder()
    {
        using var catalog = Engine.Open();
        AddPhotos(catalog, 2);
        var held = Claim(catalog, "a", 10, Long);

        Assert.Empty(Claim(catalog, "b", 10, Long));
        Assert.Equal(2, catalog.CountClaimedByOthers(Stages.Initial, "b"));
        Assert.Equal(0, catalog.RenewClaims("b", held, Long));
        Assert.Equal(2, catalog.RenewClaims("a", held, Long));
        catalog.ReleaseClaims("a", held);
        Assert.Equal(held, Claim(catalog, "b", 10, Long));
    }

    [Fact]
    public void ClaimPending_FinishedPhotos_AreNotClaimedAgain()
    {
        using var catalog = Engine.Open();
        AddPhotos(catalog, 3);
        var done = Claim(catalog, "a", 2, TimeSpan.FromMilliseconds(1));
        Finish(catalog, done);
        Thread.Sleep(50);

        var rest = Claim(catalog, "b", 10, Long);

        Assert.Single(rest);
        Assert.DoesNotContain(rest[0], done);
        Assert.Equal(1, catalog.CountClaimedByOthers(Stages.Initial, "a")); // b holds the last one
    }

    [Fact]
    public void ClaimPending_PhotoThatKeepsLosingItsWorker_IsLeftAloneUntilRetried()
    {
        using var catalog = Engine.Open();
        AddPhotos(catalog, 1);
        for (var i = 0; i < PhotoCatalog.MaxClaims; i++)
        {
            Assert.Single(Claim(catalog, $"w{i}", 1, TimeSpan.FromMilliseconds(1)));
            Thread.Sleep(20);
        }

        Assert.Empty(Claim(catalog, "next", 1, Long));
        catalog.RetryFailed();
        Assert.Single(Claim(catalog, "next", 1, Long));
    }

    [Fact]
    public void ClaimPending_EightWorkersAtOnce_EachPhotoClaimedExactlyOnce()
    {
        using (var catalog = Engine.Open())
        {
            AddPhotos(catalog, 400);
        }
        var claimed = new ConcurrentBag<long>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            using var catalog = Engine.Open();
            List<long> batch;
            while ((batch = Claim(catalog, $"w{worker}", 7, Long)).Count > 0)
            {
                foreach (var id in batch)
                {
                    claimed.Add(id);
                }
                Finish(catalog, batch); // a worker's own unfinished claims are its to take again
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
