using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Imaging;

namespace Shoebox.Indexing;

/// <summary>The outcome of one photo's pending stages.</summary>
internal sealed record ProcessedPhoto(
    PendingPhoto Photo,
    PhotoMetadata? Metadata,
    IReadOnlyDictionary<string, string?> StageFailures,
    bool Skipped);

/// <summary>
/// Runs a photo's pending stages from one file: metadata (header and EXIF), then thumbnails from a single decode.
/// A bad image fails its stages with a reason; a library that cannot be written stops the run.
/// </summary>
internal sealed class PhotoProcessor(ImageDecoder decoder, ThumbnailStore thumbnails)
{
    public ProcessedPhoto Process(PendingPhoto photo)
    {
        var file = new FileInfo(photo.Path);
        if (!file.Exists || file.Length != photo.Size || file.LastWriteTimeUtc.Ticks != photo.ModifiedTicks)
        {
            // The file is not the content we hashed any more; the next walk hashes it again.
            return new ProcessedPhoto(photo, null, new Dictionary<string, string?>(), Skipped: true);
        }
        var failures = new Dictionary<string, string?>();
        PhotoMetadata? metadata = null;
        if (photo.Stages.Contains(Stages.Metadata))
        {
            Attempt(failures, Stages.Metadata, () =>
            {
                var header = decoder.ReadHeader(photo.Path);
                var basis = new PhotoMetadata
                {
                    Format = header.Format ?? FormatFromCatalog(photo),
                    Width = header.Width,
                    Height = header.Height,
                    Orientation = header.Orientation,
                };
                metadata = ExifReader.Read(photo.Path, basis);
            });
        }
        if (photo.Stages.Contains(Stages.Thumbnails))
        {
            if (failures.TryGetValue(Stages.Metadata, out var reason))
            {
                failures[Stages.Thumbnails] = reason; // the header could not be read, so neither can the pixels
            }
            else
            {
                Attempt(failures, Stages.Thumbnails, () =>
                    thumbnails.Write(photo.Hash, decoder.Decode(photo.Path, (int)ThumbnailSize.Preview, Fit.Within)));
            }
        }
        return new ProcessedPhoto(photo, metadata, failures, Skipped: false);
    }

    // libvips names its loader for every format we sniff; this covers a loader it may add under another name.
    private static ImageFormat FormatFromCatalog(PendingPhoto photo)
    {
        using var stream = File.OpenRead(photo.Path);
        var header = new byte[ImageSniffer.HeaderLength];
        var length = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        return ImageSniffer.Detect(header.AsSpan(0, length)) ?? ImageFormat.Jpeg;
    }

    private static void Attempt(Dictionary<string, string?> failures, string stage, Action work)
    {
        try
        {
            work();
        }
        catch (BadImageException e)
        {
            failures[stage] = e.Message;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failures[stage] = $"file cannot be read: {e.Message}";
        }
        catch (Exception e) when (e is not LibraryUnavailableException and not OutOfMemoryException)
        {
            failures[stage] = $"unexpected error: {e.Message}";
        }
    }
}
