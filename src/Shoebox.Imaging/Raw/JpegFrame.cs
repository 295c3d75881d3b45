using System.Buffers.Binary;
using Shoebox.Core;

namespace Shoebox.Imaging.Raw;

/// <summary>
/// Checks that a candidate's bytes are a JPEG a photo decoder can show, reading only its marker headers: it starts
/// with SOI, lies within the file, and has a baseline or progressive frame before its scan. A lossless JPEG (SOF3) is
/// how CR2 and DNG store the sensor data itself, and a preview cut short ends before its frame: both are refused.
/// </summary>
internal static class JpegFrame
{
    private const int MaxMarkers = 64;

    /// <summary>The preview with its size filled in; throws <see cref="BadImageException"/> with the reason it is refused.</summary>
    public static RawPreview Validate(RawFile file, RawPreview candidate)
    {
        if (candidate.Length < 4)
        {
            throw Refused(candidate, candidate.Length == 0 ? "is empty" : $"is only {candidate.Length} bytes");
        }
        if (!file.Contains(candidate.Offset, candidate.Length))
        {
            throw Refused(candidate, $"lies past the end of the file ({file.Length} bytes)");
        }
        var soi = file.Read(candidate.Offset, 2, "JPEG start");
        if (soi[0] != 0xFF || soi[1] != 0xD8)
        {
            throw Refused(candidate, $"does not start as a JPEG (bytes {Convert.ToHexString(soi)})");
        }
        var end = candidate.Offset + candidate.Length;
        var position = candidate.Offset + 2;
        int? orientation = null;
        for (var markers = 0; markers < MaxMarkers; markers++)
        {
            if (position + 4 > end)
            {
                throw Refused(candidate, "is cut short before its frame header");
            }
            var head = file.Read(position, 4, "JPEG marker");
            if (head[0] != 0xFF)
            {
                throw Refused(candidate, $"has no JPEG marker at {position}");
            }
            var marker = head[1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(head.AsSpan(2));
            if (marker is 0xC0 or 0xC1 or 0xC2)
            {
                if (position + 9 > end)
                {
                    throw Refused(candidate, "is cut short in its frame header");
                }
                var frame = file.Read(position + 5, 4, "JPEG frame");
                var (height, width) = (BinaryPrimitives.ReadUInt16BigEndian(frame), BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(2)));
                if (width == 0 || height == 0)
                {
                    throw Refused(candidate, "has a frame of no pixels");
                }
                return candidate with { Width = width, Height = height, OwnOrientation = orientation };
            }
            if (marker is >= 0xC3 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                throw Refused(candidate, marker == 0xC3 ? "is lossless JPEG (the sensor data, not a picture)" : $"is a JPEG of a kind photo decoders do not read (SOF{marker - 0xC0})");
            }
            if (marker is 0xDA or 0xD9)
            {
                throw Refused(candidate, "has no frame header before its data");
            }
            if (marker == 0xE1 && length >= 8 && orientation is null)
            {
                orientation = ExifOrientation(file, position + 4, Math.Min(length - 2, end - position - 4));
            }
            position += 2 + length;
        }
        throw Refused(candidate, "has too many segments before its frame header");
    }

    // An APP1 "Exif\0\0" segment holds a TIFF; its IFD0 orientation is what the JPEG asks for.
    private static int? ExifOrientation(RawFile file, long payload, long length)
    {
        if (length < 14 || !file.Read(payload, 6, "EXIF header").AsSpan().SequenceEqual("Exif\0\0"u8))
        {
            return null;
        }
        try
        {
            return TiffPreviews.OwnOrientation(TiffStructure.Read(file, payload + 6, payload + length, ifd0Only: true));
        }
        catch (BadImageException)
        {
            return null;
        }
    }

    private static BadImageException Refused(RawPreview candidate, string why) => new($"{candidate} {why}");
}
