using Shoebox.Search.Duplicates;

namespace Shoebox.Tests.Search.Duplicates;

[Tier(Tier.Unit)]
public class TextGuardTests
{
    private const string Caption = "ONE DOES NOT SIMPLY WALK INTO MORDOR";

    private static TextGuard Guard(string a, long pixelsA, string b, long pixelsB) =>
        new(new Dictionary<long, string> { [1] = a, [2] = b }, new Dictionary<long, long> { [1] = pixelsA, [2] = pixelsB });

    [Fact]
    public void Differ_BlankTemplateAndCaptionedMemeOfOneSizeSharingAWatermark_Differ()
    {
        var guard = Guard("imgflip.com", 500 * 400, $"{Caption} imgflip.com", 500 * 400);

        Assert.True(guard.Differ(1, 2));
    }

    [Fact]
    public void Differ_ClearlySmallerCopyReadingPartOfTheWords_DoNotDiffer()
    {
        // The half-size copy's reading lost most of the caption; what it read is the original's.
        var guard = Guard($"{Caption} imgflip.com", 500 * 400, "WALK imgflip.com", 250 * 200);

        Assert.False(guard.Differ(1, 2));
    }

    [Fact]
    public void Differ_CopiesOfOneSizeReadWithAMisreadWord_DoNotDiffer()
    {
        var guard = Guard($"{Caption} imgflip.com", 500 * 400, "ONE DOES NOT SIMPLY WALK INT0 M0RDOR imgflip.com", 500 * 400);

        Assert.False(guard.Differ(1, 2));
    }
}
