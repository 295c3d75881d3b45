using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Search.Duplicates;

namespace Shoebox.Tests.Search.Duplicates;

[Tier(Tier.Unit)]
public class KeeperChoiceTests
{
    private static readonly DateTimeOffset Added = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    // A copy as the finder describes it; modified is its file's time in days after the catalog's start.
    private static CopyFacts Copy(long id, ImageFormat format, int width, int height, long size, int? quality, int modified) => new()
    {
        Photo = new CatalogPhoto
        {
            Id = id,
            Hash = new ContentHash([.. Enumerable.Repeat((byte)id, ContentHash.Length)]),
            Format = format,
            Size = size,
            AddedAt = Added,
            Width = width,
            Height = height,
            Paths = [$"/photos/{id}.{format.Name()}"],
        },
        Files = [new CopyFile($"/photos/{id}.{format.Name()}", Added.AddDays(modified).UtcTicks)],
        Quality = quality,
        Metadata = 1,
    };

    [Theory]
    [InlineData(ImageFormat.Heif)]
    [InlineData(ImageFormat.WebP)]
    public void Order_OriginalOfUnknownQualityAndItsLaterJpegOfTheSameSize_KeepsTheOriginal(ImageFormat format)
    {
        // The JPEG made from it is catalogued first and is larger: neither may decide.
        var jpeg = Copy(1, ImageFormat.Jpeg, 4032, 3024, 3_000_000, quality: 92, modified: 2);
        var original = Copy(2, format, 4032, 3024, 1_500_000, quality: null, modified: 1);

        var order = KeeperChoice.Order([jpeg, original]);

        Assert.Equal([2L, 1L], order.Select(c => c.Id));
        Assert.Equal("kept: the oldest file", KeeperChoice.WhyKept(order[0], order[1]));
    }

    [Fact]
    public void Order_PngOriginalAndItsJpegOfTheSameSize_KeepsThePng()
    {
        var jpeg = Copy(1, ImageFormat.Jpeg, 800, 600, 90_000, quality: 90, modified: 1);
        var png = Copy(2, ImageFormat.Png, 800, 600, 400_000, quality: CopyFacts.Lossless, modified: 2);

        var order = KeeperChoice.Order([jpeg, png]);

        Assert.Equal([2L, 1L], order.Select(c => c.Id));
    }

    [Fact]
    public void Order_FormatsOfUnknownQualityWithMoreBytesPerPixelInOne_DoesNotDecideByBytes()
    {
        // The WebP has twice the bytes per pixel of the HEIC: across formats that says nothing, so the older file stays.
        var heic = Copy(1, ImageFormat.Heif, 1000, 1000, 200_000, quality: null, modified: 1);
        var webp = Copy(2, ImageFormat.WebP, 1000, 1000, 400_000, quality: null, modified: 2);

        var order = KeeperChoice.Order([webp, heic]);

        Assert.Equal([1L, 2L], order.Select(c => c.Id));
    }

    [Fact]
    public void Order_OneFormatOfUnknownQuality_KeepsTheMostBytesPerPixel()
    {
        var thin = Copy(1, ImageFormat.Heif, 1000, 1000, 200_000, quality: null, modified: 1);
        var rich = Copy(2, ImageFormat.Heif, 1000, 1000, 400_000, quality: null, modified: 2);

        var order = KeeperChoice.Order([thin, rich]);

        Assert.Equal([2L, 1L], order.Select(c => c.Id));
        Assert.Equal("kept: the most bytes for its pixels", KeeperChoice.WhyKept(order[0], order[1]));
    }

    [Fact]
    public void Order_RulesThatCannotAllCompare_GiveOneOrderWhateverTheInputOrder()
    {
        // The good JPEG beats the poor one by quality; the poor one is older than the HEIC, which is older than the good one.
        var good = Copy(1, ImageFormat.Jpeg, 1000, 1000, 300_000, quality: 90, modified: 3);
        var heic = Copy(2, ImageFormat.Heif, 1000, 1000, 150_000, quality: null, modified: 2);
        var poor = Copy(3, ImageFormat.Jpeg, 1000, 1000, 100_000, quality: 40, modified: 1);

        var orders = new[] { new[] { good, heic, poor }, [poor, heic, good], [heic, good, poor] }
            .Select(copies => string.Join(',', KeeperChoice.Order(copies).Select(c => c.Id)))
            .Distinct();

        Assert.Single(orders);
    }

    [Theory]
    [InlineData(175, 38, 88, 19, false)]
    [InlineData(175, 38, 87, 19, false)]
    [InlineData(4032, 3024, 2016, 1512, false)]
    [InlineData(175, 38, 88, 30, true)]
    [InlineData(600, 400, 400, 400, true)]
    public void Differences_ScaledWithRoundingOrCut_SaysCroppedOnlyWhenCut(int width, int height, int copyWidth, int copyHeight, bool cropped)
    {
        var keeper = Copy(1, ImageFormat.Jpeg, width, height, 10_000, quality: 90, modified: 1);
        var copy = Copy(2, ImageFormat.Jpeg, copyWidth, copyHeight, 2_000, quality: 90, modified: 1);

        var words = KeeperChoice.Differences(copy, keeper, cropped: false);

        Assert.Equal(cropped ? "cropped" : "smaller", words[0]);
    }
}
