using Shoebox.Core;

namespace Shoebox.Tests.Core;

[Tier(Tier.Unit)]
public class RawExtensionsTests
{
    [Fact]
    public void IsRaw_EachFormatTheSnifferTellsApart_NamedAsARawInAnyCase()
    {
        var names = Enum.GetValues<ImageFormat>().Where(f => f.IsRaw()).Select(f => f.Name()).ToList();

        Assert.All(names, name => Assert.True(RawExtensions.IsRaw($"/p/IMG_1.{name}") && RawExtensions.IsRaw($"/p/IMG_1.{name.ToUpperInvariant()}"), name));
        Assert.All(names, name => Assert.True(ImageSniffer.HasImageExtension($"/p/IMG_1.{name}"), name));
    }

    [Theory]
    [InlineData("/p/IMG_1.jpg")]
    [InlineData("/p/scan.tif")]
    [InlineData("/p/IMG_1.CR2.xmp")]
    [InlineData("/p/notes")]
    public void IsRaw_OtherNames_False(string path) => Assert.False(RawExtensions.IsRaw(path));
}
