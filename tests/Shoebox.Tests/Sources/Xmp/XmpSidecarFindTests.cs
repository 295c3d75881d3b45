using Shoebox.Sources.Xmp;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Sources.Xmp;

[Tier(Tier.Unit)]
public class XmpSidecarFindTests
{
    [Fact]
    public void FindFor_BothNamesBesideRaw_PrefersFullName()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["IMG_1.CR2"], "raw");
        File.WriteAllText(temp["IMG_1.xmp"], "");
        File.WriteAllText(temp["IMG_1.CR2.xmp"], "");

        Assert.Equal(temp["IMG_1.CR2.xmp"], XmpSidecar.FindFor(temp["IMG_1.CR2"]));
    }

    [Fact]
    public void FindFor_LightroomNameBesideRaw_IsFound()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["IMG_1.NEF"], "raw");
        File.WriteAllText(temp["IMG_1.JPG"], "jpeg");
        File.WriteAllText(temp["IMG_1.xmp"], "");

        Assert.Equal(temp["IMG_1.xmp"], XmpSidecar.FindFor(temp["IMG_1.NEF"]));
        Assert.Null(XmpSidecar.FindFor(temp["IMG_1.JPG"]));
    }

    [Fact]
    public void FindFor_UpperCaseEnding_IsFound()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["DSC_7.ARW"], "raw");
        File.WriteAllText(temp["DSC_7.XMP"], "");

        Assert.Equal(temp["DSC_7.XMP"], XmpSidecar.FindFor(temp["DSC_7.ARW"]));
    }

    [Fact]
    public void FindFor_StemSidecarBesideTheOnlyJpegWithThatStem_IsFound()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["scan.jpg"], "jpeg");
        File.WriteAllText(temp["scan.xmp"], "");
        File.WriteAllText(temp["scan.txt"], "notes");

        Assert.Equal(temp["scan.xmp"], XmpSidecar.FindFor(temp["scan.jpg"]));
    }

    [Fact]
    public void FindFor_StemSidecarSharedByTwoJpegLikeImages_IsNobodys()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["scan.jpg"], "jpeg");
        File.WriteAllText(temp["scan.png"], "png");
        File.WriteAllText(temp["scan.xmp"], "");

        Assert.Null(XmpSidecar.FindFor(temp["scan.jpg"]));
        Assert.Null(XmpSidecar.FindFor(temp["scan.png"]));
    }

    [Fact]
    public void FindFor_NoSidecar_IsNull()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["a.jpg"], "jpeg");

        Assert.Null(XmpSidecar.FindFor(temp["a.jpg"]));
    }
}
