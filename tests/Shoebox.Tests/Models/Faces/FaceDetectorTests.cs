using NetVips;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Models.Faces;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Models.Faces;

[Tier(Tier.Faces)]
public sealed class FaceDetectorTests(FaceModelsFixture models) : IClassFixture<FaceModelsFixture>
{
    private readonly ImageDecoder _decoder = new();

    // Counted by eye: 3 women; 3 (one in profile); 3; 4; 5 on a staircase; 4. One more is allowed for a doubtful find.
    [Theory]
    [InlineData(1, 3, 3)]
    [InlineData(2, 2, 3)]
    [InlineData(3, 3, 3)]
    [InlineData(4, 4, 4)]
    [InlineData(5, 5, 5)]
    [InlineData(6, 4, 4)]
    public void Detect_DemoGroupPhoto_FindsEveryFace(int sample, int least, int most)
    {
        var faces = models.Detector.Detect(Preview(models.Sample(sample)));

        Assert.InRange(faces.Count, least, most + 1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(6)]
    public void Detect_DemoGroupPhoto_KeypointsInsideBoxesEyesAboveMouthInPhotoPixels(int sample)
    {
        var image = Preview(models.Sample(sample));

        var faces = models.Detector.Detect(image);

        Assert.NotEmpty(faces);
        Assert.All(faces, face =>
        {
            Assert.InRange(face.Score, FaceDetector.MinScore, 1);
            Assert.Equal(DetectedFace.KeypointCount, face.Keypoints.Count);
            Assert.True(face.Box.X >= -face.Box.Width / 4 && face.Box.Right <= image.SourceSize.Width + (face.Box.Width / 4), $"box {face.Box} is off the {image.SourceSize} photo");
            Assert.All([face.RightEye, face.LeftEye, face.Nose, face.Mouth], p => Assert.True(face.Box.Contains(p), $"{p} outside {face.Box}"));
            Assert.True(face.RightEye.X < face.LeftEye.X, $"the person's right eye {face.RightEye} is not on the picture's left of {face.LeftEye}");
            Assert.True(Math.Max(face.RightEye.Y, face.LeftEye.Y) < face.Mouth.Y, $"eyes {face.RightEye} {face.LeftEye} not above the mouth {face.Mouth}");
        });
    }

    [Fact]
    public void Detect_PreviewOrFullSize_SameFacesInPhotoPixels()
    {
        var preview = models.Detector.Detect(Preview(models.Sample(5)));
        var full = models.Detector.Detect(_decoder.Decode(models.Sample(5), 4000, Fit.Within));

        Assert.Equal(preview.Count, full.Count);
        foreach (var face in preview)
        {
            var twin = full.MinBy(f => Distance(f.Box.Centre, face.Box.Centre))!;
            Assert.True(Distance(twin.Box.Centre, face.Box.Centre) < face.Box.Width / 5, $"{face.Box} has no twin in {string.Join(", ", full.Select(f => f.Box))}");
        }
    }

    [Fact]
    public void Detect_SmallFacesInTwelveMegapixelGroupPhoto_FindsMostOfThem()
    {
        // 25 copies of a photo of 5, tiled into 4000 x 3000: 125 faces of 70 to 100 px, seen in a 1280 px decode.
        using var cell = NetVips.Image.NewFromFile(models.Sample(5)).ThumbnailImage(800, height: 600, size: Enums.Size.Force);
        using var row = cell.Join(cell, Enums.Direction.Horizontal).Join(cell, Enums.Direction.Horizontal).Join(cell, Enums.Direction.Horizontal).Join(cell, Enums.Direction.Horizontal);
        using var grid = row.Join(row, Enums.Direction.Vertical).Join(row, Enums.Direction.Vertical).Join(row, Enums.Direction.Vertical).Join(row, Enums.Direction.Vertical);
        using var temp = new TempFolder();
        grid.Jpegsave(temp["group.jpg"], q: 92);

        var faces = models.Detector.Detect(Preview(temp["group.jpg"]));

        Assert.InRange(faces.Count, 100, 125);
        Assert.All(faces, face =>
        {
            Assert.InRange(face.Box.Width, 50, 140);
            Assert.InRange(face.Box.Centre.X, 0, 4000);
            Assert.InRange(face.Box.Centre.Y, 0, 3000);
        });
    }

    [Fact]
    public void Detect_FaceFreePictures_FindsNothing()
    {
        var random = new Random(7);
        var noise = new byte[640 * 480 * 3];
        random.NextBytes(noise);
        var stripes = new byte[800 * 600 * 3];
        var gradient = new byte[1280 * 720 * 3];
        for (var i = 0; i < stripes.Length; i += 3)
        {
            var (x, y) = (i / 3 % 800, i / 3 / 800);
            stripes[i] = stripes[i + 1] = stripes[i + 2] = (byte)((x / 16 + y / 24) % 2 == 0 ? 40 : 220);
        }
        for (var i = 0; i < gradient.Length; i += 3)
        {
            var (x, y) = (i / 3 % 1280, i / 3 / 1280);
            (gradient[i], gradient[i + 1], gradient[i + 2]) = ((byte)(x / 5), (byte)(y / 3), 128);
        }

        Assert.Empty(models.Detector.Detect(new RgbImage(640, 480, noise)));
        Assert.Empty(models.Detector.Detect(new RgbImage(800, 600, stripes)));
        Assert.Empty(models.Detector.Detect(new RgbImage(1280, 720, gradient)));
        Assert.Empty(models.Detector.Detect(new RgbImage(300, 300, Enumerable.Repeat((byte)128, 300 * 300 * 3).ToArray())));
    }

    [Theory]
    [InlineData(6, Enums.Angle.D270)] // stored turned a quarter left, to be turned a quarter right for viewing
    [InlineData(3, Enums.Angle.D180)] // stored upside down
    public void Detect_PhotoStoredTurnedWithExifOrientation_FacesFoundUpright(int orientation, Enums.Angle stored)
    {
        using var temp = new TempFolder();
        using var upright = NetVips.Image.NewFromFile(models.Sample(5));
        using var turned = upright.Rot(stored);
        using var tagged = turned.Mutate(m => m.Set(GValue.GIntType, "orientation", orientation));
        tagged.Jpegsave(temp["turned.jpg"], q: 92);

        var image = Preview(temp["turned.jpg"]);
        var faces = models.Detector.Detect(image);

        Assert.Equal((upright.Width, upright.Height), image.SourceSize);
        Assert.Equal(5, faces.Count);
        Assert.All(faces, face => Assert.True(Math.Max(face.RightEye.Y, face.LeftEye.Y) < face.Mouth.Y, $"eyes {face.RightEye} {face.LeftEye} not above the mouth {face.Mouth}"));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 200)]
    [InlineData(200, 2)]
    [InlineData(9000, 6000)]
    public void Detect_TinyOrHugeImage_AnswersWithoutFailing(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        Array.Fill(pixels, (byte)90);

        var faces = models.Detector.Detect(new RgbImage(width, height, pixels));

        Assert.Empty(faces);
    }

    [Fact]
    public void Detect_HugeImage_CostsNoMoreRunsThanItsPreview()
    {
        var preview = Preview(models.Sample(2));
        var full = _decoder.Decode(models.Sample(2), 8000, Fit.Within);
        var huge = new RgbImage(full.Width * 2, full.Height * 2, Doubled(full));

        var before = models.Detector.Runs;
        models.Detector.Detect(preview);
        var forPreview = models.Detector.Runs - before;
        models.Detector.Detect(huge);
        var forHuge = models.Detector.Runs - before - forPreview;

        Assert.InRange(forHuge, 1, forPreview);
    }

    private RgbImage Preview(string path) => _decoder.Decode(path, FaceDetector.DecodeSide, Fit.Within);

    private static float Distance(FacePoint a, FacePoint b) => MathF.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

    private static byte[] Doubled(RgbImage image)
    {
        var width = image.Width * 2;
        var pixels = new byte[width * image.Height * 2 * 3];
        for (var y = 0; y < image.Height * 2; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image.Pixel(x / 2, y / 2).CopyTo(pixels.AsSpan(((y * width) + x) * 3, 3));
            }
        }
        return pixels;
    }
}
