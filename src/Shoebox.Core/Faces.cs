namespace Shoebox.Core;

/// <summary>A face's box in 0..1 of the photo as displayed (after EXIF orientation): left, top, width, height.</summary>
public readonly record struct FaceRegion(double X, double Y, double W, double H)
{
    public double Area => Math.Max(0, W) * Math.Max(0, H);

    /// <summary>Intersection over union: 1 for the same box, 0 for boxes that do not touch.</summary>
    public double Overlap(FaceRegion other)
    {
        var w = Math.Min(X + W, other.X + other.W) - Math.Max(X, other.X);
        var h = Math.Min(Y + H, other.Y + other.H) - Math.Max(Y, other.Y);
        if (w <= 0 || h <= 0)
        {
            return 0;
        }
        var shared = w * h;
        return shared / (Area + other.Area - shared);
    }
}

/// <summary>
/// A face found in a photo: its box, 6 keypoints (x, y in 0..1 of the photo: eyes, nose, mouth, ears, as the detector
/// orders them), the detector's score and the descriptor of its aligned chip (null when it could not be described).
/// </summary>
public sealed record FoundFace(FaceRegion Box, IReadOnlyList<(double X, double Y)> Keypoints, double Score, float[]? Descriptor);

/// <summary>Finds the faces in a photo and describes each: the "faces" stage's work on the pixels.</summary>
public interface IFaceReader : IDisposable
{
    /// <summary>The models that find and describe faces, with their versions: stored with every face.</summary>
    string Version { get; }

    /// <summary>The longer side the decoder should deliver (the whole photo within it), so that small faces in group photos are still found.</summary>
    int DecodeSide { get; }

    /// <summary>The faces in an upright image, largest first.</summary>
    IReadOnlyList<FoundFace> Read(RgbImage image);
}
