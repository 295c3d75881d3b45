namespace Shoebox.Models.Faces;

/// <summary>A point in an image's pixels: x to the right, y down, (0, 0) the top-left corner of the top-left pixel.</summary>
public readonly record struct FacePoint(float X, float Y);

/// <summary>An upright rectangle in an image's pixels, from its top-left corner.</summary>
public readonly record struct FaceBox(float X, float Y, float Width, float Height)
{
    public float Right => X + Width;

    public float Bottom => Y + Height;

    public FacePoint Centre => new(X + (Width / 2), Y + (Height / 2));

    public bool Contains(FacePoint point) => point.X >= X && point.X <= Right && point.Y >= Y && point.Y <= Bottom;
}

/// <summary>
/// A face found in a photo, in the pixels of the whole upright photo (<see cref="Core.RgbImage.SourceSize"/>), even
/// when it was found in a smaller decode. The six keypoints are BlazeFace's, in its order: the person's right eye
/// (on the left of the picture when they face the camera), left eye, nose tip, mouth centre, right ear (tragion),
/// left ear. The box is the model's, roughly from brow to chin and cheek to cheek (ears outside).
/// </summary>
public sealed record DetectedFace(FaceBox Box, IReadOnlyList<FacePoint> Keypoints, float Score)
{
    public const int KeypointCount = 6;

    public FacePoint RightEye => Keypoints[0];

    public FacePoint LeftEye => Keypoints[1];

    public FacePoint Nose => Keypoints[2];

    public FacePoint Mouth => Keypoints[3];

    public FacePoint RightEar => Keypoints[4];

    public FacePoint LeftEar => Keypoints[5];
}
