using Shoebox.Core;
using Shoebox.Web;

namespace Shoebox.Tests.Fixtures;

/// <summary>
/// A first run that can crawl: an empty library served with background indexing (the generated tiny model) and a
/// made-up home (<see cref="FakeHome"/>) whose unpacked Takeout and ~/Pictures/Holiday folder hold generated photos.
/// Embedding waits for <see cref="HeldEncoder.Release"/>, so the first crawl is still running when a test looks.
/// </summary>
public sealed class ServedFirstCrawl : ServedSources
{
    private HeldEncoder? _encoder;

    public FakeHome Home { get; } = new();

    /// <summary>The plain folder: boat.jpg and two more photos, named harbour-walk-N.jpg.</summary>
    public string Holiday => Home["Pictures/Holiday"];

    public HeldEncoder Encoder => _encoder ??= new HeldEncoder(Session.Model!.Images);

    protected override IImageEncoder? ImageEncoder => Encoder;

    protected override WebServerOptions MainServer(WebServerOptions options)
    {
        for (var i = 0; i < 2; i++)
        {
            TestImages.Jpeg(Home[$"Pictures/Holiday/harbour-walk-{i}.jpg"], 50 + i, 40);
        }
        return base.MainServer(options with { Home = Home.Path });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _encoder?.Dispose();
            Home.Dispose();
        }
    }
}
