using Shoebox.Core;
using Shoebox.Models.Preprocessing;

namespace Shoebox.Tests.Models.Preprocessing;

[Tier(Tier.Unit)]
public class ImagePreprocessorTests
{
    private static RgbImage Solid(int width, int height, byte r, byte g, byte b)
    {
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < pixels.Length; i += 3)
        {
            (pixels[i], pixels[i + 1], pixels[i + 2]) = (r, g, b);
        }
        return new RgbImage(width, height, pixels);
    }

    [Theory]
    [InlineData(640, 480)]
    [InlineData(97, 1001)]
    [InlineData(224, 224)]
    [InlineData(1, 1)]
    public void Run_SolidColour_EveryValueIsNormalisedColour(int width, int height)
    {
        byte[] colour = [200, 30, 117];
        foreach (var spec in new[] { PreprocessSpec.Clip, PreprocessSpec.Siglip })
        {
            var tensor = ImagePreprocessor.Run(Solid(width, height, colour[0], colour[1], colour[2]), spec);

            Assert.Equal(3 * 224 * 224, tensor.Length);
            var plane = 224 * 224;
            for (var c = 0; c < 3; c++)
            {
                var expected = ((float)(colour[c] * (1.0 / 255)) - spec.Mean[c]) / spec.Std[c];
                Assert.All(tensor.AsSpan(c * plane, plane).ToArray(), v => Assert.Equal(expected, v));
            }
        }
    }

    [Fact]
    public void Run_Siglip_MapsBlackAndWhiteToMinusOneAndOne()
    {
        Assert.All(ImagePreprocessor.Run(Solid(50, 40, 0, 0, 0), PreprocessSpec.Siglip), v => Assert.Equal(-1f, v));
        Assert.All(ImagePreprocessor.Run(Solid(50, 40, 255, 255, 255), PreprocessSpec.Siglip), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void Run_TopRedBottomBlue_ChannelsArePlanarAndUpright()
    {
        // The red plane is 1 at the top, the blue plane at the bottom, the green plane nowhere.
        var pixels = new byte[300 * 300 * 3];
        for (var y = 0; y < 300; y++)
        {
            for (var x = 0; x < 300; x++)
            {
                pixels[(y * 300 + x) * 3 + (y < 150 ? 0 : 2)] = 255;
            }
        }

        var tensor = ImagePreprocessor.Run(new RgbImage(300, 300, pixels), PreprocessSpec.Siglip);

        var plane = 224 * 224;
        Assert.Equal(1f, tensor[10 * 224 + 100]);
        Assert.Equal(-1f, tensor[2 * plane + 10 * 224 + 100]);
        Assert.Equal(-1f, tensor[200 * 224 + 100]);
        Assert.Equal(1f, tensor[2 * plane + 200 * 224 + 100]);
        Assert.Equal(-1f, tensor[plane + 10 * 224 + 100]);
    }

    [Fact]
    public void Run_OddSizeAndUniformRows_EveryOutputRowIsUniform()
    {
        // 37 x 3 bytes a row: the vertical pass runs its vector part and a scalar tail, which must agree.
        var spec = new PreprocessSpec(37, ResizeMode.Squash, Interpolation.Bicubic, [0f, 0f, 0f], [1f, 1f, 1f]);
        var pixels = new byte[90 * 140 * 3];
        for (var y = 0; y < 140; y++)
        {
            pixels.AsSpan(y * 90 * 3, 90 * 3).Fill((byte)(y * 255 / 139));
        }

        var tensor = ImagePreprocessor.Run(new RgbImage(90, 140, pixels), spec);

        for (var row = 0; row < 3 * 37; row++)
        {
            var values = tensor.AsSpan(row * 37, 37).ToArray();
            Assert.All(values, v => Assert.Equal(values[0], v));
        }
        Assert.True(tensor[36 * 37] > tensor[0]);
    }

    [Fact]
    public void Write_IntoBatchSlice_MatchesRun()
    {
        var image = Solid(320, 240, 12, 250, 99);
        var spec = PreprocessSpec.Clip;
        var batch = new float[2 * spec.TensorLength];

        ImagePreprocessor.Write(image, spec, batch.AsSpan(spec.TensorLength));

        Assert.Equal(ImagePreprocessor.Run(image, spec), batch[spec.TensorLength..]);
        Assert.All(batch[..spec.TensorLength], v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Write_WrongLength_Throws()
    {
        var image = Solid(10, 10, 0, 0, 0);

        Assert.Throws<ArgumentException>(() => ImagePreprocessor.Write(image, PreprocessSpec.Clip, new float[3 * 224 * 223]));
    }

    [Theory]
    // transformers truncates int(224 * long / short): 224 * 640 / 480 = 298.67 -> 298.
    [InlineData(640, 480, 298, 224)]
    [InlineData(481, 643, 224, 299)]
    [InlineData(1000, 300, 746, 224)]
    [InlineData(300, 300, 224, 224)]
    [InlineData(150, 113, 297, 224)]
    public void ResizedSize_ShortestSide_TruncatesLongSide(int width, int height, int expectedWidth, int expectedHeight)
    {
        Assert.Equal((expectedWidth, expectedHeight), ImagePreprocessor.ResizedSize(width, height, PreprocessSpec.Clip));
        Assert.Equal((224, 224), ImagePreprocessor.ResizedSize(width, height, PreprocessSpec.Siglip));
    }

    [Fact]
    public void Run_OriginalSize_DecidesTheResizeGeometry()
    {
        var pixels = new byte[1083 * 672 * 3];
        new Random(7).NextBytes(pixels);
        var decoded = new RgbImage(1083, 672, pixels);

        // 1083 x 672 alone resizes to int(224 * 1083 / 672) = 361 wide; the 3872 x 2403 original it was shrunk
        // from resizes to 360, as Pillow would do it.
        var alone = ImagePreprocessor.Run(decoded, PreprocessSpec.Clip);
        var sameSize = ImagePreprocessor.Run(decoded, PreprocessSpec.Clip, (1083, 672));
        var shrunk = ImagePreprocessor.Run(decoded, PreprocessSpec.Clip, (3872, 2403));

        Assert.Equal(alone, sameSize);
        Assert.NotEqual(alone, shrunk);
        Assert.Equal((361, 224), ImagePreprocessor.ResizedSize(1083, 672, PreprocessSpec.Clip));
        Assert.Equal((360, 224), ImagePreprocessor.ResizedSize(3872, 2403, PreprocessSpec.Clip));
    }

    [Fact]
    public void PreprocessSpec_SameValues_AreEqual()
    {
        var copy = new PreprocessSpec(224, ResizeMode.Squash, Interpolation.Bicubic, [0.5f, 0.5f, 0.5f], [0.5f, 0.5f, 0.5f]);

        Assert.Equal(PreprocessSpec.Siglip, copy);
        Assert.Equal(PreprocessSpec.Siglip.GetHashCode(), copy.GetHashCode());
        Assert.NotEqual(PreprocessSpec.Clip, copy);
    }

    [Fact]
    public void PreprocessSpec_BadValues_Throw()
    {
        Assert.Throws<ArgumentException>(() => new PreprocessSpec(224, ResizeMode.Squash, Interpolation.Bicubic, [0.5f, 0.5f], [0.5f, 0.5f, 0.5f]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PreprocessSpec(224, ResizeMode.Squash, Interpolation.Bicubic, [0.5f, 0.5f, 0.5f], [0.5f, 0f, 0.5f]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PreprocessSpec(0, ResizeMode.Squash, Interpolation.Bicubic, [0.5f, 0.5f, 0.5f], [0.5f, 0.5f, 0.5f]));
    }
}
