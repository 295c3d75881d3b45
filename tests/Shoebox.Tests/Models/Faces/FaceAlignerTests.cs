using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Models.Faces;

namespace Shoebox.Tests.Models.Faces;

[Tier(Tier.Faces)]
public sealed class FaceAlignerTests(FaceModelsFixture models) : IClassFixture<FaceModelsFixture>
{
    private readonly ImageDecoder _decoder = new();

    [Theory]
    [InlineData(1)] // two heads tilted by 20 to 40 degrees
    [InlineData(4)]
    [InlineData(6)]
    public void Chip_DemoFaces_FaceUprightEyesLevelWhereTheFramingPutsThem(int sample)
    {
        var full = _decoder.Decode(models.Sample(sample), 4000, Fit.Within);
        var faces = models.Detector.Detect(_decoder.Decode(models.Sample(sample), FaceDetector.DecodeSide, Fit.Within));
        // In the chip the eye-to-mouth distance is 150 / 2.77 = 54 px and the eyes' midpoint 0.57 of it above the centre.
        const float d = FaceAligner.ChipSide / FaceAligner.SideInEyeMouth;
        var eyesY = (FaceAligner.ChipSide / 2f) - (FaceAligner.CentreBelowEyes * d);

        Assert.NotEmpty(faces);
        foreach (var face in faces)
        {
            var chip = FaceAligner.Chip(full, face);
            var seen = Assert.Single(models.Detector.Detect(chip));

            Assert.Equal((FaceAligner.ChipSide, FaceAligner.ChipSide), (chip.Width, chip.Height));
            Assert.InRange(seen.LeftEye.Y - seen.RightEye.Y, -10, 10); // eyes 50 px apart: within about 10 degrees
            Assert.InRange((seen.RightEye.Y + seen.LeftEye.Y) / 2, eyesY - 8, eyesY + 8);
            Assert.InRange((seen.RightEye.X + seen.LeftEye.X) / 2, 75 - 20, 75 + 20); // a head turned aside moves its eyes across
            Assert.InRange(seen.Mouth.Y, eyesY + (0.75f * d), eyesY + (1.25f * d));
        }
    }

    [Fact]
    public void Chip_FromPreviewOrFullSize_SamePicture()
    {
        var full = _decoder.Decode(models.Sample(3), 4000, Fit.Within);
        var preview = _decoder.Decode(models.Sample(3), FaceDetector.DecodeSide, Fit.Within);
        var face = models.Detector.Detect(preview)[0];

        var fromFull = FaceAligner.Chip(full, face);
        var fromPreview = FaceAligner.Chip(preview, face);

        var difference = fromFull.Pixels.Zip(fromPreview.Pixels, (a, b) => Math.Abs(a - b)).Average();
        Assert.InRange(difference, 0, 8);
    }

    [Fact]
    public void Chip_FaceAtThePhotosCorner_OutsideIsBlack()
    {
        var pixels = new byte[400 * 300 * 3];
        Array.Fill(pixels, (byte)200);
        var image = new RgbImage(400, 300, pixels);
        // Eyes 40 px apart, mouth 45 px below them, the face's centre near the top-left corner.
        var face = new DetectedFace(new FaceBox(-20, -20, 80, 80), [new(0, 10), new(40, 10), new(20, 30), new(20, 55), new(-20, 20), new(60, 20)], 0.9f);

        var chip = FaceAligner.Chip(image, face);

        Assert.Equal(0, chip.Pixel(2, 2)[0]);
        Assert.Equal(200, chip.Pixel(140, 140)[0]);
    }
}
