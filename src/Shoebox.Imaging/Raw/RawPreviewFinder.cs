using Shoebox.Core;

namespace Shoebox.Imaging.Raw;

/// <summary>
/// Finds the JPEGs a camera embedded in its raw file, reading only the container's headers and offsets, never the
/// sensor data: each family's structure names its candidates, and each candidate is checked to be a JPEG that lies
/// within the file and has a frame a photo decoder reads (<see cref="JpegFrame"/>).
/// </summary>
public static class RawPreviewFinder
{
    /// <summary>
    /// A preview serves for everything (thumbnails, the model, text) when its long side is at least this: the
    /// photo page's preview and the whole-photo text read are both 1280 px.
    /// </summary>
    public const int MinimumLongSide = (int)ThumbnailSize.Preview;

    public static RawPreviews Find(string path, ImageFormat format)
    {
        using var file = new RawFile(path);
        return Find(file, format);
    }

    /// <summary>The preview to decode, or null with the reason none serves.</summary>
    public static RawPreview? Serving(RawPreviews previews, out string reason)
    {
        ArgumentNullException.ThrowIfNull(previews);
        var largest = previews.Largest;
        if (largest is { } preview && preview.LongSide >= MinimumLongSide)
        {
            reason = "";
            return preview;
        }
        var refused = previews.Refused.Count == 0 ? "" : $" ({string.Join("; ", previews.Refused)})";
        reason = largest is null
            ? $"no usable embedded preview{refused}"
            : $"the largest embedded preview is {largest.Width} x {largest.Height}, under the {MinimumLongSide} px it needs";
        return null;
    }

    private static RawPreviews Find(RawFile file, ImageFormat format)
    {
        var refused = new List<string>();
        var (candidates, orientation) = Candidates(file, format, refused);
        var usable = new List<RawPreview>();
        foreach (var candidate in candidates.DistinctBy(c => c.Offset))
        {
            try
            {
                usable.Add(JpegFrame.Validate(file, candidate));
            }
            catch (BadImageException e)
            {
                refused.Add(e.Message);
            }
        }
        if (format == ImageFormat.Raf && usable is [{ OwnOrientation: { } own }])
        {
            orientation = own; // RAF has no IFD0 of its own: its JPEG's EXIF is the camera's
        }
        return new RawPreviews(usable, refused, orientation);
    }

    private static (IEnumerable<RawPreview> Candidates, int Orientation) Candidates(RawFile file, ImageFormat format, List<string> refused)
    {
        switch (format)
        {
            case ImageFormat.Cr3:
                var boxes = Cr3Boxes.Read(file);
                return (boxes.Candidates, boxes.Tiffs.TryGetValue("CMT1", out var ifd0)
                    ? TiffPreviews.Orientation(TiffStructure.Read(file, ifd0.Offset, ifd0.End, ifd0Only: true))
                    : 1);
            case ImageFormat.Raf:
                return ([RafHeader.Preview(file)], 1);
            case ImageFormat.Crw:
                var heap = CiffHeap.Read(file);
                return (heap.JpgFromRaw is { } jpeg ? [jpeg] : [], heap.Orientation);
            case ImageFormat.X3f:
                return (X3fDirectory.Candidates(file), 1);
            case ImageFormat.Mrw:
                refused.Add("an MRW keeps its preview in the maker note, which is not read");
                return ([], MrwBlocks.Tiff(file) is { } ttw ? TiffPreviews.Orientation(TiffStructure.Read(file, ttw.Offset, ttw.End, ifd0Only: true)) : 1);
            case var raw when raw.IsRaw():
                var tiff = TiffStructure.Read(file, 0, file.Length);
                refused.AddRange(tiff.Problems);
                return ([.. TiffPreviews.Candidates(tiff)], TiffPreviews.Orientation(tiff));
            default:
                throw new ArgumentException($"{format} is not a raw format", nameof(format));
        }
    }
}
