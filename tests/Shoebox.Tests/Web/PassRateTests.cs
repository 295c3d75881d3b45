using Shoebox.Indexing;
using Shoebox.Web.Freshness;

namespace Shoebox.Tests.Web;

[Tier(Tier.Unit)]
public class PassRateTests
{
    private static IndexProgress Processing(int done, int total) => new(IndexPhase.Processing, 100, 100, total, done, 0);

    [Fact]
    public void Look_TwoLooksAtAPass_GivesItsRateAndTimeLeftFromWhatWasDoneBetween()
    {
        var rate = new PassRate();

        var first = rate.Look(Processing(10, 100), TimeSpan.FromSeconds(5));
        var second = rate.Look(Processing(30, 100), TimeSpan.FromSeconds(7));

        Assert.Equal(new PassView(10, 100, null, null), first);
        Assert.Equal(new PassView(30, 100, 10, 7), second);
    }

    [Fact]
    public void Look_WhileScanning_GivesARateButNoTimeLeft()
    {
        var rate = new PassRate();
        rate.Look(new IndexProgress(IndexPhase.Scanning, 50, 0, 0, 0, 0), TimeSpan.Zero);

        var view = rate.Look(new IndexProgress(IndexPhase.Scanning, 400, 200, 0, 0, 0), TimeSpan.FromSeconds(4));

        Assert.Equal(new PassView(200, 400, 50, null), view);
    }

    [Fact]
    public void Look_NextPass_IsMeasuredFromItsOwnStart()
    {
        var rate = new PassRate();
        rate.Look(Processing(0, 10), TimeSpan.Zero);
        rate.Look(Processing(10, 10), TimeSpan.FromSeconds(1));

        var reading = rate.Look(new IndexProgress(IndexPhase.Reading, 10, 10, 10, 10, 0) { PhotosToRead = 4, PhotosRead = 1 }, TimeSpan.FromSeconds(2));

        Assert.Equal(new PassView(1, 4, null, null), reading);
    }
}
