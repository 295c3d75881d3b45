using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Models.Ocr;
using Shoebox.Sources.FileSystem;

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

    /// <summary>The faces found when the faces stage ran (possibly none); null when it did not.</summary>
    public IReadOnlyList<FoundFace>? Faces { get; init; }

    public static ProcessedPhoto Skipped(PendingPhoto photo) => new(photo, null, []);
}

/// <summary>
/// Runs a photo's pending stages from one decode, at the smallest size that serves them all: metadata (header and
/// EXIF), the grid thumbnail, the perceptual hash and the model's input. Reading text asks for the sizes it needs;
/// when that decodes the photo at the preview's size, the preview thumbnail is kept too. Other previews are made when
/// first shown (<see cref="PreviewMaker"/>), except for photos inside archives, whose bytes are dear to reach again.
/// A bad image fails its stages with a reason; a library that cannot be written stops the run.
/// </summary>
internal sealed class PhotoProcessor(ImageDecoder decoder, ThumbnailStore thumbnails, IImageEncoder? encoder, OcrEngine? ocr = null, IFaceReader? faces = null)
{
    // Crops to the middle keep most of the picture; the hash of the middle finds them.
    private const double CentreFraction = 0.9;

    private readonly string? _embeddingStage = encoder is null ? null : Stages.Embedding(encoder.Model);

    /// <summary>The stages this processor can do; others stay pending for a run that can.</summary>
    public IReadOnlyList<string> Handles =>
        [.. Stages.Initial, .. _embeddingStage is null ? [] : new[] { _embeddingStage }, .. ocr is null ? [] : new[] { Stages.Ocr }, .. faces is null ? [] : new[] { Stages.Faces }];

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
        var withPreview = photo.Content is ArchiveEntry;
        RgbImage? working = null;
        RgbImage Working()
        {
            Fail(unreadable);
            header ??= decoder.ReadHeader(path);
            return working ??= withPreview
                ? decoder.Decode(path, header, (int)ThumbnailSize.Preview, Fit.Within)
                : decoder.Decode(path, header, SmallestServing(header, photo.Stages), Fit.Cover);
        }
        if (photo.Stages.Contains(Stages.Thumbnails))
        {
            Attempt(outcomes, Stages.Thumbnails, () =>
            {
                thumbnails.WriteGrid(photo.Hash, Working());
                if (withPreview)
                {
                    thumbnails.WritePreview(photo.Hash, Working());
                }
            });
        }
        PerceptualPrint? perceptualHash = null;
        if (photo.Stages.Contains(Stages.PerceptualHash))
        {
            Attempt(outcomes, Stages.PerceptualHash, () =>
            {
                // The hash looks at 32 x 32 cells: any decode of thumbnail size is plenty.
                var source = Working();
                var grey = Imaging.PerceptualHash.Grey(source);
                perceptualHash = new PerceptualPrint(Imaging.PerceptualHash.FromGrey(grey), grey, Imaging.PerceptualHash.Grey(source, CentreFraction));
            });
        }
        float[]? pixels = null;
        if (_embeddingStage is not null && photo.Stages.Contains(_embeddingStage))
        {
            Attempt(outcomes, _embeddingStage, () =>
            {
                var model = encoder!;
                var source = Working();
                // The working decode serves when it is large enough, or when it is the whole image anyway.
                if (Math.Min(source.Width, source.Height) < model.DecodeSize && (source.Width, source.Height) != source.SourceSize)
                {
                    source = decoder.Decode(path, header!, model.DecodeSize, Fit.Cover);
                }
                pixels = model.Preprocess(source);
            });
            if (pixels is not null)
            {
                outcomes.Remove(_embeddingStage); // done only once the model has run
            }
        }
        // Text and faces both read the photo whole at 1280 px: the preview's decode, or one decode, serves both.
        var reads = new Dictionary<int, RgbImage>();
        RgbImage Read(int side) =>
            withPreview && side == (int)ThumbnailSize.Preview ? Working()
            : reads.TryGetValue(side, out var image) ? image : reads[side] = DecodeForReading(photo, path, header!, side);
        List<RecognizedLine>? lines = null;
        if (ocr is not null && photo.Stages.Contains(Stages.Ocr))
        {
            Attempt(outcomes, Stages.Ocr, () =>
            {
                Fail(unreadable);
                header ??= decoder.ReadHeader(path);
                lines = [.. ocr.ReadPhoto(Read)
                    .Select(line => new RecognizedLine(line.Text, line.Confidence, [.. line.Box.Corners.Select(p => ((double)p.X, (double)p.Y))]))];
            });
        }
        IReadOnlyList<FoundFace>? found = null;
        if (faces is not null && photo.Stages.Contains(Stages.Faces))
        {
            Attempt(outcomes, Stages.Faces, () =>
            {
                Fail(unreadable);
                header ??= decoder.ReadHeader(path);
                found = faces.Read(Read(faces.DecodeSide));
            });
        }
        return new ProcessedPhoto(photo, metadata, outcomes) { Pixels = pixels, PerceptualHash = perceptualHash, TextLines = lines, Faces = found };
    }

    // The shorter side of a Cover decode that serves the grid thumbnail (its longer side at least 320 px, unless the
    // photo is smaller), the perceptual hash, and the model when its vector is pending (its decode size). A 12 MP JPEG
    // is then decoded at an eighth or a quarter of its size instead of half, for the preview, as before.
    private int SmallestServing(ImageHeader header, IReadOnlyList<string> stages)
    {
        var (shorter, longer) = (Math.Min(header.Width, header.Height), Math.Max(header.Width, header.Height));
        var forGrid = (int)Math.Ceiling((double)ThumbnailSize.Grid * shorter / Math.Max(1, longer));
        var forModel = _embeddingStage is not null && stages.Contains(_embeddingStage) ? encoder!.DecodeSize : 0;
        return Math.Max(1, Math.Max(forGrid, forModel));
    }

    // A decode for reading text; one at the preview's size also gives the preview thumbnail, which is otherwise made
    // when the photo is first shown.
    private RgbImage DecodeForReading(PendingPhoto photo, string path, ImageHeader header, int side)
    {
        var image = decoder.Decode(path, header, side, Fit.Within);
        if (side >= (int)ThumbnailSize.Preview && !thumbnails.HasPreview(photo.Hash))
        {
            thumbnails.WritePreview(photo.Hash, image);
        }
        return image;
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
