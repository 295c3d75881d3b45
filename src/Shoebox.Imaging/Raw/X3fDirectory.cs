using System.Buffers.Binary;
using Shoebox.Core;

namespace Shoebox.Imaging.Raw;

/// <summary>
/// A Sigma X3F ends with the offset of its section directory ("SECd"); IMA2 sections of format 18 are JPEG previews,
/// their data 28 bytes into the section (after "SECi", version, type, format, width, height and row size).
/// </summary>
internal static class X3fDirectory
{
    private const int JpegFormat = 18;
    private const int SectionHeader = 28;
    private const int MaxSections = 1024;

    public static IEnumerable<RawPreview> Candidates(RawFile file)
    {
        var directory = file.U32(file.Length - 4, bigEndian: false, "X3F directory offset");
        var header = file.Read(directory, 12, "X3F directory");
        if (!header.AsSpan(0, 4).SequenceEqual("SECd"u8))
        {
            throw new BadImageException($"damaged raw file: no X3F directory at {directory}");
        }
        var count = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(8));
        if (count > MaxSections)
        {
            throw new BadImageException($"damaged raw file: the X3F directory claims {count} sections");
        }
        var entries = file.Read(directory + 12, 12 * (int)count, "X3F directory");
        var previews = new List<RawPreview>();
        for (var i = 0; i < count; i++)
        {
            var offset = BinaryPrimitives.ReadUInt32LittleEndian(entries.AsSpan(12 * i));
            var length = BinaryPrimitives.ReadUInt32LittleEndian(entries.AsSpan((12 * i) + 4));
            if (!entries.AsSpan((12 * i) + 8, 4).SequenceEqual("IMA2"u8) || length < SectionHeader)
            {
                continue;
            }
            var section = file.Read(offset, 16, "X3F image section");
            if (section.AsSpan(0, 4).SequenceEqual("SECi"u8) && BinaryPrimitives.ReadUInt32LittleEndian(section.AsSpan(12)) == JpegFormat)
            {
                previews.Add(new RawPreview($"IMA2 section {i}", offset + SectionHeader, length - SectionHeader));
            }
        }
        return previews;
    }
}
