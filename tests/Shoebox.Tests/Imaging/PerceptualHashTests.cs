using Shoebox.Imaging;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Imaging;

[Tier(Tier.Unit)]
public class PerceptualHashTests
{
    private static ulong HashOf(string path) => PerceptualHash.Compute(new ImageDecoder().Decode(path, 1280, Fit.Within));

    [Fact]
    public void Compute_ResizedRecompressedAndPngCopies_AreWithinAFewBits()
    {
        using var temp = new TempFolder();
        using var scene = Scenes.Draw(seed: 1);
        var original = HashOf(Scenes.Save(scene, temp["original.jpg"]));

        Assert.InRange(PerceptualHash.Distance(original, HashOf(Scenes.Half(scene, temp["half.jpg"]))), 0, 4);
        Assert.InRange(PerceptualHash.Distance(original, HashOf(Scenes.Save(scene, temp["low.jpg"], quality: 25))), 0, 4);
        Assert.InRange(PerceptualHash.Distance(original, HashOf(Scenes.Save(scene, temp["copy.png"]))), 0, 2);
    }

    [Fact]
    public void Compute_DifferentPictures_AreFarApart()
    {
        using var temp = new TempFolder();
        using var first = Scenes.Draw(seed: 1);
        using var second = Scenes.Draw(seed: 2);

        var distance = PerceptualHash.Distance(HashOf(Scenes.Save(first, temp["a.jpg"])), HashOf(Scenes.Save(second, temp["b.jpg"])));

        Assert.True(distance > 16, $"distance {distance}");
    }

    [Fact]
    public void Grey_CentreOfOriginal_MatchesCentreCropCopy()
    {
        using var temp = new TempFolder();
        using var scene = Scenes.Draw(seed: 3);
        var original = new ImageDecoder().Decode(Scenes.Save(scene, temp["original.jpg"]), 1280, Fit.Within);
        var cropped = new ImageDecoder().Decode(Scenes.CentreCrop(scene, temp["crop.jpg"]), 1280, Fit.Within);

        var centre = PerceptualHash.FromGrey(PerceptualHash.Grey(original, 0.9));

        Assert.InRange(PerceptualHash.Distance(centre, PerceptualHash.Compute(cropped)), 0, 4);
    }
}
