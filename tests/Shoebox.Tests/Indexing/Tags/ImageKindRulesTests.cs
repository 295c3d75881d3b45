using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Indexing.Tags;

namespace Shoebox.Tests.Indexing.Tags;

[Tier(Tier.Unit)]
public class ImageKindRulesTests
{
    private static CatalogPhoto Photo(int width, int height, ImageFormat format = ImageFormat.Jpeg, string? camera = null) => new()
    {
        Id = 1, Hash = ContentHash.Of([1]), Format = format, Size = 1000, AddedAt = DateTimeOffset.UnixEpoch, Width = width, Height = height,
        CameraMake = camera, Paths = ["/p/x"],
    };

    // A line of text at (x, y)-(x + w, y + h) in pixels.
    private static RecognizedLine Line(string text, double x, double y, double w, double h, double confidence = 0.98) =>
        new(text, confidence, [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]);

    private static List<string> Kinds(CatalogPhoto photo, params RecognizedLine[] lines) =>
        [.. ImageKindRules.Tag(photo, lines).Select(t => t.Name)];

    [Fact]
    public void Tag_TopAndBottomCaptionsOverAPicture_IsAMeme()
    {
        var tags = ImageKindRules.Tag(Photo(640, 480), [Line("ONE DOES NOT SIMPLY", 60, 20, 520, 40), Line("WALK INTO MORDOR", 80, 420, 480, 40)]);

        var meme = Assert.Single(tags);
        Assert.Equal(("meme", 0.95), (meme.Name, meme.Score));
    }

    [Fact]
    public void Tag_OneBottomCaption_IsAMemeLessSurely()
    {
        var meme = Assert.Single(ImageKindRules.Tag(Photo(500, 500), [Line("MY FACE WHEN", 100, 440, 300, 30)]));

        Assert.Equal(("meme", 0.8), (meme.Name, meme.Score));
    }

    [Fact]
    public void Tag_SameCaptionsOnACameraPhoto_IsNotAMeme()
    {
        Assert.Empty(Kinds(Photo(640, 480, camera: "Canon"), Line("ONE DOES NOT SIMPLY", 60, 20, 520, 40), Line("WALK INTO MORDOR", 80, 420, 480, 40)));
    }

    [Fact]
    public void Tag_SmallTextInACorner_IsNotAMeme()
    {
        // A shop sign in the corner of a picture: not centred, not big.
        Assert.Empty(Kinds(Photo(1000, 800), Line("OPEN", 850, 30, 60, 15)));
    }

    [Fact]
    public void Tag_UnsureOrTinyReadings_AreIgnored()
    {
        Assert.Empty(Kinds(Photo(640, 480), Line("WALK INTO MORDOR", 80, 420, 480, 40, confidence: 0.6), Line("!", 300, 20, 40, 40)));
    }

    [Theory]
    [InlineData(1170, 2532, ImageFormat.Png)]
    [InlineData(2532, 1170, ImageFormat.Png)]
    [InlineData(1920, 1080, ImageFormat.Png)]
    public void Tag_ExactScreenSizeWithoutCamera_IsAScreenshot(int width, int height, ImageFormat format)
    {
        Assert.Equal(["screenshot"], Kinds(Photo(width, height, format)));
    }

    [Fact]
    public void Tag_ScreenSizedCameraPhoto_IsNotAScreenshot()
    {
        Assert.Empty(Kinds(Photo(1920, 1080, ImageFormat.Png, camera: "Sony")));
    }

    [Fact]
    public void Tag_PageOfSmallLines_IsADocument()
    {
        var lines = Enumerable.Range(0, 20).Select(i => Line($"line {i} of the letter", 100, 100 + i * 60, 1000, 30)).ToArray();

        Assert.Equal(["document"], Kinds(Photo(1240, 1754, camera: "Apple"), lines));
    }

    [Fact]
    public void Tag_PhotoWithoutSize_IsNotTagged()
    {
        Assert.Empty(ImageKindRules.Tag(Photo(640, 480) with { Width = null }, [Line("TEXT", 60, 20, 520, 40)]));
    }
}
