using Shoebox.Imaging;
using Shoebox.Models.Preprocessing;
using Xunit.Abstractions;

namespace Shoebox.Tests.Models.Preprocessing;

/// <summary>Shoebox's preprocessing against Pillow's, on the committed fixtures.</summary>
[Tier(Tier.Unit)]
public class ImagePreprocessorReferenceTests(ITestOutputHelper output)
{
    // Larger than any fixture, so Fit.Within hands back the decoded pixels unresized.
    private const int FullSize = 1 << 20;

    // The product path (decoder shrinks to DecodeSize, Pillow's filter does the rest) cannot be exact, and its
    // largest single difference is set by sharp detail such as the photo's white-on-black caption. Measured on
    // photo.jpg at 3x: CLIP mean 0.0030, max 0.150; SigLIP mean 0.0017, max 0.086. On eight other camera JPEGs
    // (1.9 to 12 MP) the mean stayed under 0.0045 and the max between 0.016 and 0.075. The mean target holds;
    // the max bound is what 3x honestly achieves, with a little room.
    private const double DecodedMaxBound = 0.2;

    private readonly ImageDecoder _decoder = new();

    public static TheoryData<string, string> PngCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var png in PillowReference.Pngs)
        {
            data.Add(png, "clip");
            data.Add(png, "siglip");
        }
        return data;
    }

    // Same pixels in, so the same tensor out, to the last bit: a rounding slip of one 8-bit step (0.008 to 0.015)
    // would pass the 0.05 target but not this.
    [Theory]
    [MemberData(nameof(PngCases))]
    public void Run_FullResolutionPng_EqualsPillow(string image, string spec)
    {
        var pixels = _decoder.Decode(PillowReference.PathOf(image), FullSize, Fit.Within);

        var tensor = ImagePreprocessor.Run(pixels, PillowReference.Spec(spec));

        var difference = PillowReference.Compare(tensor, PillowReference.Tensor(image, spec));
        output.WriteLine($"{image} {spec}: {difference}");
        Assert.True(difference.Max == 0, $"{image} {spec}: {difference}");
    }

    // libjpeg builds may differ in their last bit across platforms, so the JPEG gets the target rather than
    // equality (here it is equal too).
    [Theory]
    [InlineData("clip")]
    [InlineData("siglip")]
    public void Run_FullResolutionJpeg_MeetsTarget(string spec)
    {
        var pixels = _decoder.Decode(PillowReference.PathOf(PillowReference.Jpeg), FullSize, Fit.Within);

        var tensor = ImagePreprocessor.Run(pixels, PillowReference.Spec(spec));

        var difference = PillowReference.Compare(tensor, PillowReference.Tensor(PillowReference.Jpeg, spec));
        output.WriteLine($"{PillowReference.Jpeg} {spec}: {difference}");
        Assert.True(difference.MeetsTarget, $"{PillowReference.Jpeg} {spec}: {difference}");
    }

    // The product's path: the decoder shrinks while loading (JPEG DCT scaling, then libvips' own resize) to the
    // spec's DecodeSize, and only the last step is Pillow's filter, while Pillow resizes from full resolution.
    [Theory]
    [InlineData("clip")]
    [InlineData("siglip")]
    public void Run_JpegDecodedAtDecodeSize_StaysCloseToPillow(string spec)
    {
        var path = PillowReference.PathOf(PillowReference.Jpeg);
        var preprocess = PillowReference.Spec(spec);
        var header = _decoder.ReadHeader(path);
        var pixels = _decoder.Decode(path, preprocess.DecodeSize, Fit.Cover);

        var tensor = ImagePreprocessor.Run(pixels, preprocess, (header.Width, header.Height));

        var difference = PillowReference.Compare(tensor, PillowReference.Tensor(PillowReference.Jpeg, spec));
        output.WriteLine($"{PillowReference.Jpeg} {spec} decoded at {preprocess.DecodeSize}: {difference}");
        Assert.True(difference.Mean <= Difference.MeanTarget && difference.Max <= DecodedMaxBound, $"{spec} at {preprocess.DecodeSize}: {difference}");
    }

    // The measurement behind PreprocessSpec.DecodeSize; run with --logger "console;verbosity=detailed" to see
    // the table. Rows where the decoder had nothing to shrink (the image is already that small) are exact.
    [Fact]
    public void DecodeSizes_AllFixtures_DecodeSizeMeetsMeanTarget()
    {
        int[] factors = [1, 2, 3, 4];
        output.WriteLine($"{"image",-14} {"spec",-7} {"decode",-12} {"mean abs",9} {"max abs",9}");
        foreach (var image in PillowReference.Pngs.Append(PillowReference.Jpeg))
        {
            var path = PillowReference.PathOf(image);
            var header = _decoder.ReadHeader(path);
            foreach (var spec in new[] { "clip", "siglip" })
            {
                var preprocess = PillowReference.Spec(spec);
                var expected = PillowReference.Tensor(image, spec);
                foreach (var factor in factors.Select(f => (int?)f).Append(null))
                {
                    var pixels = factor is { } f
                        ? _decoder.Decode(path, preprocess.Size * f, Fit.Cover)
                        : _decoder.Decode(path, FullSize, Fit.Within);
                    var difference = PillowReference.Compare(ImagePreprocessor.Run(pixels, preprocess, (header.Width, header.Height)), expected);
                    var label = factor is { } g ? $"{g}x ({preprocess.Size * g})" : "full";
                    output.WriteLine($"{image,-14} {spec,-7} {label,-12} {difference.Mean,9:0.00000} {difference.Max,9:0.00000}");
                    if (preprocess.Size * factor == preprocess.DecodeSize)
                    {
                        Assert.True(difference.Mean <= Difference.MeanTarget, $"{image} {spec} at {label}: {difference}");
                    }
                }
            }
        }
    }
}
