namespace Shoebox.Imaging.Raw;

/// <summary>
/// A Fujifilm RAF starts with a fixed header that names where its JPEG lies (offset and length, big-endian, at
/// 84 and 88). The JPEG carries the camera's EXIF, orientation included.
/// </summary>
internal static class RafHeader
{
    private const int JpegOffsetAt = 84;
    private const int JpegLengthAt = 88;

    public static RawPreview Preview(RawFile file) =>
        new("RAF JPEG", file.U32(JpegOffsetAt, bigEndian: true, "RAF header"), file.U32(JpegLengthAt, bigEndian: true, "RAF header"));
}
