using NetVips;
using Shoebox.Imaging;

namespace Shoebox.Sources.Lightroom;

/// <summary>Writes previews as ordinary JPEG files.</summary>
public static class UprightJpeg
{
    public const int Quality = 92;

    static UprightJpeg() => VipsSetup.EnsureInitialised();

    /// <summary>
    /// Writes <paramref name="preview"/> to <paramref name="path"/> turned upright, with the capture time, keywords,
    /// caption and title embedded (EXIF and XMP), through a temporary file so a half-written JPEG is never left.
    /// </summary>
    public static void Write(LargestPreview preview, PreviewMetadata metadata, string path)
    {
        ArgumentNullException.ThrowIfNull(preview);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(path);
        var bytes = JpegMetadataWriter.Embed(Encode(preview), metadata);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The preview decoded, turned upright, and encoded again; only its colour profile is kept.</summary>
    internal static byte[] Encode(LargestPreview preview)
    {
        VipsSetup.ClearErrors();
        try
        {
            using var stored = Image.NewFromBuffer(preview.Jpeg);
            // The stored pixels' own EXIF orientation (if any) is not Lightroom's word: ImageCacheEntry's is.
            using var tagged = stored.Mutate(m => m.Set(GValue.GIntType, "orientation", preview.Orientation is >= 1 and <= 8 ? preview.Orientation : 1));
            using var upright = tagged.Autorot();
            return upright.JpegsaveBuffer(q: Quality, keep: Enums.ForeignKeep.Icc);
        }
        catch (VipsException e)
        {
            var reason = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "unknown libvips error";
            throw new LightroomPreviewException($"the preview of {preview.Uuid} cannot be decoded: {reason}");
        }
    }
}
