using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Models.Ocr;

namespace Shoebox.Indexing;

/// <summary>
/// The outcome of one photo's pending stages. <see cref="Outcomes"/> maps each stage handled to null (done) or
/// the reason it failed; stages not in it stay pending. <see cref="Pixels"/> waits for the model, which fills
/// <see cref="Vector"/>.
/// </summary>
internal sealed record ProcessedPhoto(PendingPhoto Photo, PhotoMetadata? Metadata, Dictionary<string, string?> Outcomes)
{
    public PerceptualPrint? PerceptualHash { get; init; }

    public float[]? Pixels { get; set; }

    public float[]? Vector { get; set; }

    /// <summary>The lines read when the OCR stage ran (possibly none); null when it did not.</summary>
    public IReadOnlyList<RecognizedLine>? TextLines { get; init; }

    public static ProcessedPhoto Skipped(PendingPhoto photo) => new(photo, null, []);
}

/// <summary>
/// Runs a photo's pending stages from one decode: metadata (header and EXIF), thumbnails, and the model's
/// preprocessing (from the thumbnail-sized pixels when they are large enough), and text reading (from the
/// preview decode). A bad image fails its stages with a reason; a library that cannot be written stops the run.
/// </summary>
internal sealed class PhotoProcessor(ImageDecoder decoder, ThumbnailStore thumbnails, IImageEncoder? encoder, OcrEngine? ocr = null)
{
    private const int HashDecodeSize = 256;

    // Crops to the middle keep most of the picture; the hash of the middle finds them.
    private const double CentreFraction = 0.9;

    private readonly string? _embeddingStage = encoder is null ? null : Stages.Embedding(encoder.Model);

    /// <summary>The stages this processor can do; others stay pending for a run that can.</summary>
    public IReadOnlyList<string> Handles =>
        [.. Stages.Initial, .. _embeddingStage is null ? [] : new[] { _embeddingStage }, .. ocr is null ? [] : new[] { Stages.Ocr }];

    public ProcessedPhoto Process(Readable readable)
    {
        var (photo, path, _) = readable;
        if (readable.Failure is { } failure)
        {
            return new ProcessedPhoto(photo, null, photo.Stages.Where(Handles.Contains).ToDictionary(stage => stage, string? (_) => failure));
        }
        var file = FileFacts.Of(path);
        if (!file.Exists || file.Size != photo.Size || file.ModifiedTicks != photo.ModifiedTicks)
        {
            // The file is not the content we hashed any more; the next walk hashes it again.
            return ProcessedPhoto.Skipped(photo);
        }
        var outcomes = new Dictionary<string, string?>();
        PhotoMetadata? metadata = null;
        ImageHeader? header = null; // read once, for the metadata and for every decode after it
        RgbImage? preview = null;
        if (photo.Stages.Contains(Stages.Metadata))
        {
            Attempt(outcomes, Stages.Metadata, () =>
            {
                header = decoder.ReadHeader(path);
                metadata = ExifReader.Read(path, new PhotoMetadata
                {
                    Format = header.Format,
                    Width = header.Width,
                    Height = header.Height,
                    Orientation = header.Orientation,
                });
            });
        }
        var unreadable = outcomes.GetValueOrDefault(Stages.Metadata);
        if (photo.Stages.Contains(Stages.Thumbnails))
        {
            Attempt(outcomes, Stages.Thumbnails, () =>
            {
                Fail(unreadable);
                header ??= decoder.ReadHeader(path);
                preview = decoder.Decode(path, header, (int)ThumbnailSize.Preview, Fit.Within);
                thumbnails.Write(photo.Hash, preview);
            });
        }
        PerceptualPrint? perceptualHash = null;
        if (photo.Stages.Contains(Stages.PerceptualHash))
        {
            Attempt(outcomes, Stages.PerceptualHash, () =>
            {
                Fail(unreadable);
                // The hash looks at 32 x 32 cells: the thumbnail decode is plenty, and a small decode when there is none.
                var source = preview ?? decoder.Decode(path, header ??= decoder.ReadHeader(path), HashDecodeSize, Fit.Within);
                var grey = Imaging.PerceptualHash.Grey(source);
                perceptualHash = new PerceptualPrint(Imaging.PerceptualHash.FromGrey(grey), grey, Imaging.PerceptualHash.Grey(source, CentreFraction));
            });
        }
        float[]? pixels = null;
        if (_embeddingStage is not null && photo.Stages.Contains(_embeddingStage))
        {
            Attempt(outcomes, _embeddingStage, () =>
            {
                Fail(unreadable);
                var model = encoder!;
                // The thumbnail decode serves when it is large enough, or when it is the whole image anyway.
                var reusable = preview is not null
                    && (Math.Min(preview.Width, preview.Height) >= model.DecodeSize || (preview.Width, preview.Height) == preview.SourceSize);
                var source = reusable ? preview! : decoder.Decode(path, header ??= decoder.ReadHeader(path), model.DecodeSize, Fit.Cover);
                pixels = model.Preprocess(source);
            });
            if (pixels is not null)
            {
                outcomes.Remove(_embeddingStage); // done only once the model has run
            }
        }
        List<RecognizedLine>? lines = null;
        if (ocr is not null && photo.Stages.Contains(Stages.Ocr))
        {
            Attempt(outcomes, Stages.Ocr, () =>
            {
                Fail(unreadable);
                // The preview (1280 px, fit within) serves the reading: no decode of its own.
                lines = [.. ocr.ReadPhoto(side => side == (int)ThumbnailSize.Preview && preview is not null
                        ? preview
                        : decoder.Decode(path, header ??= decoder.ReadHeader(path), side, Fit.Within))
                    .Select(line => new RecognizedLine(line.Text, line.Confidence, [.. line.Box.Corners.Select(p => ((double)p.X, (double)p.Y))]))];
            });
        }
        return new ProcessedPhoto(photo, metadata, outcomes) { Pixels = pixels, PerceptualHash = perceptualHash, TextLines = lines };
    }

    // When the header could not be read, neither can the pixels: later stages fail for the same reason.
    private static void Fail(string? reason)
    {
        if (reason is not null)
        {
            throw new BadImageException(reason);
        }
    }

    private static void Attempt(Dictionary<string, string?> outcomes, string stage, Action work)
    {
        try
        {
            work();
            outcomes[stage] = null;
        }
        catch (BadImageException e)
        {
            outcomes[stage] = e.Message;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            outcomes[stage] = $"file cannot be read: {e.Message}";
        }
        catch (Exception e) when (e is not LibraryUnavailableException and not OutOfMemoryException)
        {
            outcomes[stage] = $"unexpected error: {e.Message}";
        }
    }
}
