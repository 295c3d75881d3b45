using Microsoft.Extensions.Logging;
using Shoebox.Core;

namespace Shoebox.Models.Faces;

/// <summary>
/// The faces stage's work on a photo's pixels: faces found by BlazeFace, each cut as an aligned chip and described by
/// dlib's network, in boxes and keypoints relative to the whole photo (0..1) as the catalog keeps them.
/// </summary>
public sealed class FaceReader : IFaceReader
{
    private readonly FaceDetector _detector;
    private readonly FaceDescriber _describer;

    public FaceReader(FaceModels detection, FaceDescriberModels description, int threads = 0, ILogger? logger = null)
    {
        _detector = new FaceDetector(detection, threads, logger);
        try
        {
            _describer = new FaceDescriber(description, threads, logger);
        }
        catch
        {
            _detector.Dispose();
            throw;
        }
    }

    /// <summary>The packages both models come from: stored with every face, so faces of other models are told apart.</summary>
    public string Version => $"{FaceModels.ArchiveName}+{FaceDescriberModels.ArchiveName}";

    public int DecodeSide => FaceDetector.DecodeSide;

    public IReadOnlyList<FoundFace> Read(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var faces = _detector.Detect(image);
        if (faces.Count == 0)
        {
            return [];
        }
        var descriptors = _describer.Describe([.. faces.Select(face => FaceAligner.Chip(image, face))]);
        var (width, height) = ((double)image.SourceSize.Width, (double)image.SourceSize.Height);
        return [.. faces
            .Select((face, i) => new FoundFace(
                new FaceRegion(face.Box.X / width, face.Box.Y / height, face.Box.Width / width, face.Box.Height / height),
                [.. face.Keypoints.Select(p => (p.X / width, p.Y / height))],
                face.Score,
                descriptors[i]))
            .OrderByDescending(face => face.Box.Area)];
    }

    public void Dispose()
    {
        _detector.Dispose();
        _describer.Dispose();
    }
}
