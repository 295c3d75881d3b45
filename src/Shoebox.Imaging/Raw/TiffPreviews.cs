namespace Shoebox.Imaging.Raw;

/// <summary>
/// The embedded JPEGs of a TIFF-shaped raw (CR2, NEF, ARW, DNG, ORF, RW2, PEF, SRW, 3FR, IIQ), named by standard tags
/// only, never by a maker note: JPEGInterchangeFormat/Length in any IFD (NEF's JpgFromRaw, ARW's PreviewImage), the
/// single strip of a JPEG-compressed IFD (CR2's IFD0, DNG's preview IFDs) and RW2's JpgFromRaw tag.
/// </summary>
internal static class TiffPreviews
{
    private const ushort TagRw2JpgFromRaw = 0x002E;
    private const ushort TagCompression = 0x0103;
    private const ushort TagPhotometric = 0x0106;
    private const ushort TagStripOffsets = 0x0111;
    private const ushort TagOrientation = 0x0112;
    private const ushort TagStripByteCounts = 0x0117;
    private const ushort TagJpegOffset = 0x0201;
    private const ushort TagJpegLength = 0x0202;

    // Sensor data, never a picture: colour-filter mosaics and DNG's linear raw.
    private static readonly uint[] SensorPhotometrics = [32803, 34892];

    public static IEnumerable<RawPreview> Candidates(TiffStructure tiff)
    {
        foreach (var ifd in tiff.Ifds)
        {
            if (ifd.Number(TagJpegOffset) is { } offset && ifd.Number(TagJpegLength) is { } length)
            {
                yield return new RawPreview($"{ifd.Name} JPEGInterchangeFormat", tiff.Base + offset, length);
            }
            var jpegCompressed = ifd.Number(TagCompression) is 6 or 7;
            var sensor = ifd.Number(TagPhotometric) is { } photometric && SensorPhotometrics.Contains(photometric);
            if (jpegCompressed && !sensor && ifd.Numbers(TagStripOffsets, 2) is [var strip]
                && ifd.Number(TagStripByteCounts) is { } stripLength && !(strip == ifd.Number(TagJpegOffset)))
            {
                yield return new RawPreview($"{ifd.Name} JPEG strip", tiff.Base + strip, stripLength);
            }
            if (ifd.Blob(TagRw2JpgFromRaw) is { } blob)
            {
                yield return new RawPreview($"{ifd.Name} JpgFromRaw", blob.Offset, blob.Length);
            }
        }
    }

    /// <summary>IFD0's orientation, 1 when it has none (or a value outside 1..8).</summary>
    public static int Orientation(TiffStructure tiff) => OwnOrientation(tiff) ?? 1;

    /// <summary>IFD0's orientation, null when it has none (or a value outside 1..8).</summary>
    public static int? OwnOrientation(TiffStructure tiff) =>
        tiff.Ifds.Count > 0 && tiff.Ifds[0].Number(TagOrientation) is { } o and >= 1 and <= 8 ? (int)o : null;
}
