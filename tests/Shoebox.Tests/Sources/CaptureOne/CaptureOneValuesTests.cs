using Shoebox.Sources.CaptureOne;

namespace Shoebox.Tests.Sources.CaptureOne;

[Tier(Tier.Unit)]
public class CaptureOneValuesTests
{
    private static readonly DateTime CoreData = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void EpochOf_UnixSeconds_Unix()
    {
        double[] seconds = [1_685_622_615, 1_500_000_000, 1_700_000_000];

        Assert.Equal(DateTime.UnixEpoch, CaptureOneValues.EpochOf(seconds));
    }

    [Fact]
    public void EpochOf_CoreDataSecondsWithAnOldScan_CoreData()
    {
        double[] seconds = [707_313_015, 600_000_000, -300_000_000];

        Assert.Equal(CoreData, CaptureOneValues.EpochOf(seconds));
    }

    [Theory]
    [InlineData("59,56.7543N", 59.945905)]
    [InlineData("10,45.1234W", -10.752057)]
    [InlineData("33,52,4.8S", -33.868)]
    [InlineData("59.9459", 59.9459)]
    public void Coordinate_TextForms_Degrees(string text, double expected) =>
        Assert.Equal(expected, CaptureOneValues.Coordinate(text, 180)!.Value, 5);

    [Theory]
    [InlineData("")]
    [InlineData("59,61.0N")]
    [InlineData("59,56.7543X")]
    [InlineData("91,0.0N")]
    public void Coordinate_Unreadable_Null(string text) => Assert.Null(CaptureOneValues.Coordinate(text, 90));

    [Fact]
    public void Coordinate_Number_AsIs() => Assert.Equal(-10.75, CaptureOneValues.Coordinate(-10.75, 180));

    [Fact]
    public void Keywords_NamesWithOrder_NamesOnceInOrder() =>
        Assert.Equal(["fjord", "Oslo harbour", "boat"], CaptureOneValues.Keywords("fjord||0, Oslo harbour||1,boat||2,fjord||3"));

    [Theory]
    [InlineData(0L, null)]
    [InlineData(1L, "red")]
    [InlineData(5L, "blue")]
    [InlineData(7L, "purple")]
    [InlineData(8L, null)]
    public void Label_Index_NameCaptureOneShows(long index, string? name) => Assert.Equal(name, CaptureOneValues.Label(index));
}
