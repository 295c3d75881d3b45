using System.Buffers.Binary;

namespace Shoebox.Imaging.Raw;

/// <summary>
/// A Minolta MRW is a list of named blocks before the sensor data; the TTW block is a TIFF with the camera's EXIF.
/// (Its preview lives in Minolta's maker note, which Shoebox does not read.)
/// </summary>
internal static class MrwBlocks
{
    private const int MaxBlocks = 64;

    /// <summary>Where the TTW block's TIFF lies, as (offset, end), or null.</summary>
    public static (long Offset, long End)? Tiff(RawFile file)
    {
        var dataStart = 8 + (long)file.U32(4, bigEndian: true, "MRW header");
        var position = 8L;
        for (var i = 0; i < MaxBlocks && position + 8 <= Math.Min(dataStart, file.Length); i++)
        {
            var header = file.Read(position, 8, "MRW block");
            var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
            if (header.AsSpan(0, 4).SequenceEqual("\0TTW"u8))
            {
                return (position + 8, Math.Min(file.Length, position + 8 + length));
            }
            position += 8 + length;
        }
        return null;
    }
}
