using System.Buffers.Binary;
using System.Collections.Frozen;

namespace Shoebox.Core;

/// <summary>
/// Recognises images by their first bytes, so a PNG saved as ".dat" is found and a text file named ".jpg" is not
/// mistaken for a photo. Camera raw files are told apart by <see cref="RawSniffer"/>.
/// </summary>
public static class ImageSniffer
{
    /// <summary>
    /// Bytes a caller must read from the start of a file for <see cref="Detect"/> to decide: enough for a raw's IFD0
    /// and the camera maker's name after it, which cameras write within the first few hundred bytes.
    /// </summary>
    public const int HeaderLength = 4096;

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly FrozenSet<string> ImageExtensions = new[]
    {
        ".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".gif", ".webp", ".bmp", ".dib", ".tif", ".tiff",
        ".heic", ".heif", ".hif", ".avif",
    }.Concat(RawExtensions.All).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // ISO-BMFF brands that announce a HEIF still image (HEVC-coded or generic) or AVIF.
    private static readonly FrozenSet<string> HeifBrands =
        new[] { "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "mif2" }.ToFrozenSet();

    private static readonly FrozenSet<string> AvifBrands = new[] { "avif", "avis" }.ToFrozenSet();

    /// <summary>True when the file name claims to be an image; such files are reported when their content is not one.</summary>
    public static bool HasImageExtension(string path) => ImageExtensions.Contains(Path.GetExtension(path));

    public static ImageFormat? Detect(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 3 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF)
        {
            return ImageFormat.Jpeg;
        }
        if (header.StartsWith(PngSignature))
        {
            return ImageFormat.Png;
        }
        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
        {
            return ImageFormat.Gif;
        }
        if (header.Length >= 12 && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            return ImageFormat.WebP;
        }
        if (header.StartsWith("II*\0"u8) || header.StartsWith("MM\0*"u8))
        {
            return RawSniffer.DetectTiff(header) ?? ImageFormat.Tiff;
        }
        if (RawSniffer.Detect(header) is { } raw)
        {
            return raw;
        }
        if (IsBmp(header))
        {
            return ImageFormat.Bmp;
        }
        return DetectIsoMedia(header);
    }

    // "BM" alone is too weak (many text files start with it): also require a known DIB header size.
    private static bool IsBmp(ReadOnlySpan<byte> header)
    {
        if (header.Length < 18 || header[0] != (byte)'B' || header[1] != (byte)'M')
        {
            return false;
        }
        var dibHeaderSize = BinaryPrimitives.ReadUInt32LittleEndian(header[14..18]);
        return dibHeaderSize is 12 or 40 or 52 or 56 or 64 or 108 or 124;
    }

    private static ImageFormat? DetectIsoMedia(ReadOnlySpan<byte> header)
    {
        if (header.Length < 16 || !header[4..8].SequenceEqual("ftyp"u8))
        {
            return null;
        }
        var boxSize = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(header[..4]), (uint)header.Length);
        // Major brand at 8, minor version at 12, compatible brands from 16 on.
        for (var offset = 8; offset + 4 <= boxSize; offset += offset == 8 ? 8 : 4)
        {
            var brand = System.Text.Encoding.ASCII.GetString(header.Slice(offset, 4));
            if (brand == "crx ")
            {
                return ImageFormat.Cr3;
            }
            if (AvifBrands.Contains(brand))
            {
                return ImageFormat.Avif;
            }
            if (HeifBrands.Contains(brand))
            {
                return ImageFormat.Heif;
            }
        }
        return null;
    }
}
