namespace Shoebox.Sources.Lightroom;

/// <summary>The largest preview Lightroom keeps of one image: a whole JPEG, its pixels not yet turned upright.</summary>
/// <param name="Orientation">EXIF orientation (1-8) to apply to the pixels, from ImageCacheEntry.orientation.</param>
public sealed record LargestPreview(string Uuid, byte[] Jpeg, int Orientation, int Width, int Height);

/// <summary>What to embed in an extracted preview so it keeps the facts the catalog held.</summary>
public sealed record PreviewMetadata(DateTime? TakenAt, IReadOnlyList<string> Keywords, string? Caption, string? Title);

/// <summary>A "&lt;catalog&gt; Previews.lrdata" bundle, read-only.</summary>
public sealed class PreviewBundle : IDisposable
{
    /// <summary>The bundle beside <paramref name="catalogPath"/> ("Main.lrcat" -> "Main Previews.lrdata"), or null when there is none.</summary>
    public static PreviewBundle? OpenBeside(string catalogPath) => throw new NotImplementedException();

    /// <summary>Opens a bundle folder; throws with a clear message when it is not one.</summary>
    public static PreviewBundle Open(string bundleFolder) => throw new NotImplementedException();

    /// <summary>The largest readable preview of the image whose Adobe_images.id_local is <paramref name="imageId"/>, or null.</summary>
    public LargestPreview? FindLargest(long imageId) => throw new NotImplementedException();

    public void Dispose()
    {
    }
}

/// <summary>Writes previews as ordinary JPEG files.</summary>
public static class UprightJpeg
{
    /// <summary>
    /// Writes <paramref name="preview"/> to <paramref name="path"/> turned upright, with the capture time, keywords,
    /// caption and title embedded (EXIF and XMP), through a temporary file so a half-written JPEG is never left.
    /// </summary>
    public static void Write(LargestPreview preview, PreviewMetadata metadata, string path) => throw new NotImplementedException();
}
