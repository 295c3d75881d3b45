using Shoebox.Core;

namespace Shoebox.Models.Faces;

/// <summary>
/// Cuts the face chip the descriptor network reads: 150 x 150 RGB, the face upright with its eyes level.
/// </summary>
/// <remarks>
/// The framing follows what the descriptor was used with in @vladmandic/face-api: there a face is the smallest box
/// around its 68 landmarks grown by a tenth of its size on every side, made square around its centre and resized to
/// 150 px (close to dlib's own 150 px chips with padding 0.25, which the network was trained on). BlazeFace gives six
/// keypoints, not 68, so the same square is placed from them. Measured on the 22 faces of face-api's demo photos
/// (68 landmarks from the package's own landmark network, against BlazeFace's keypoints on the same faces), with
/// d the distance from the midpoint of the eyes to the mouth, that square has a side of 2.77 d (spread 0.12 d) and
/// its centre lies 0.57 d (spread 0.10 d) below the eyes' midpoint, towards the mouth, and level with it across
/// (mean 0.04 d). d is used rather than the distance between the eyes because it hardly changes as a head turns
/// aside (in profile the eyes nearly meet). Unlike face-api the chip is turned so the eyes lie level, as dlib's
/// chips are; for a face in profile, whose eye line says little, "down" is the direction from the eyes to the mouth.
/// Outside the photo the chip is black, as face-api's square padding is.
/// </remarks>
public static class FaceAligner
{
    public const int ChipSide = 150;

    /// <summary>The chip's side, in eye-to-mouth distances.</summary>
    internal const float SideInEyeMouth = 2.77f;

    /// <summary>How far below the eyes' midpoint the chip's centre lies, in eye-to-mouth distances.</summary>
    internal const float CentreBelowEyes = 0.57f;

    /// <summary>
    /// The chip of <paramref name="face"/> cut from <paramref name="image"/>: any decode of the photo the face was found
    /// in (its coordinates are the whole photo's, <see cref="RgbImage.SourceSize"/>), best one at least as large as
    /// the chip needs (a face of 100 px or more across).
    /// </summary>
    public static RgbImage Chip(RgbImage image, DetectedFace face)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(face);
        var (centre, right, down) = Frame(face);
        var k = (float)image.Width / image.SourceSize.Width;
        // One chip pixel spans this many image pixels: when more than one, each chip pixel averages a grid of samples.
        var step = SideInEyeMouth * Length(right) / ChipSide * k;
        var taps = Math.Clamp((int)MathF.Ceiling(step), 1, 4);
        var pixels = new byte[ChipSide * ChipSide * 3];
        Span<float> sum = stackalloc float[3];
        for (var y = 0; y < ChipSide; y++)
        {
            for (var x = 0; x < ChipSide; x++)
            {
                sum.Clear();
                for (var ty = 0; ty < taps; ty++)
                {
                    var v = ((y + ((ty + 0.5f) / taps)) / ChipSide) - 0.5f;
                    for (var tx = 0; tx < taps; tx++)
                    {
                        var u = ((x + ((tx + 0.5f) / taps)) / ChipSide) - 0.5f;
                        // Chip (u, v) in [-0.5, 0.5] to the photo, then to this decode's pixel centres.
                        var px = ((centre.X + (right.X * u * SideInEyeMouth) + (down.X * v * SideInEyeMouth)) * k) - 0.5f;
                        var py = ((centre.Y + (right.Y * u * SideInEyeMouth) + (down.Y * v * SideInEyeMouth)) * k) - 0.5f;
                        Add(image, px, py, sum);
                    }
                }
                var at = ((y * ChipSide) + x) * 3;
                for (var c = 0; c < 3; c++)
                {
                    pixels[at + c] = (byte)Math.Clamp(MathF.Round(sum[c] / (taps * taps)), 0, 255);
                }
            }
        }
        return new RgbImage(ChipSide, ChipSide, pixels);
    }

    /// <summary>
    /// The chip's centre in the photo, and its right and down directions, each as long as the eye-to-mouth
    /// distance (so a chip point (u, v), in chip sides from the centre, lies at centre + side * (u * right + v * down)).
    /// </summary>
    internal static (FacePoint Centre, FacePoint Right, FacePoint Down) Frame(DetectedFace face)
    {
        var eyes = new FacePoint((face.RightEye.X + face.LeftEye.X) / 2, (face.RightEye.Y + face.LeftEye.Y) / 2);
        var toMouth = new FacePoint(face.Mouth.X - eyes.X, face.Mouth.Y - eyes.Y);
        var d = Math.Max(Length(toMouth), 1e-3f);
        var across = new FacePoint(face.LeftEye.X - face.RightEye.X, face.LeftEye.Y - face.RightEye.Y);
        FacePoint down;
        if (Length(across) >= 0.4f * d)
        {
            // Perpendicular to the eye line (x right, y down: turning (x, y) a quarter clockwise gives (-y, x)).
            var a = Length(across);
            down = new FacePoint(-across.Y / a * d, across.X / a * d);
        }
        else
        {
            down = toMouth;
        }
        var right = new FacePoint(down.Y, -down.X);
        var centre = new FacePoint(eyes.X + (down.X * CentreBelowEyes), eyes.Y + (down.Y * CentreBelowEyes));
        return (centre, right, down);
    }

    private static float Length(FacePoint p) => MathF.Sqrt((p.X * p.X) + (p.Y * p.Y));

    // Bilinear, black outside the image.
    private static void Add(RgbImage image, float x, float y, Span<float> sum)
    {
        var x0 = (int)MathF.Floor(x);
        var y0 = (int)MathF.Floor(y);
        var (ax, ay) = (x - x0, y - y0);
        for (var j = 0; j < 2; j++)
        {
            var sy = y0 + j;
            var wy = j == 0 ? 1 - ay : ay;
            if (sy < 0 || sy >= image.Height || wy == 0)
            {
                continue;
            }
            for (var i = 0; i < 2; i++)
            {
                var sx = x0 + i;
                var w = (i == 0 ? 1 - ax : ax) * wy;
                if (sx < 0 || sx >= image.Width || w == 0)
                {
                    continue;
                }
                var at = ((sy * image.Width) + sx) * 3;
                sum[0] += image.Pixels[at] * w;
                sum[1] += image.Pixels[at + 1] * w;
                sum[2] += image.Pixels[at + 2] * w;
            }
        }
    }
}
