using System.Buffers.Binary;
using Shoebox.Core;

namespace Shoebox.Imaging.Raw;

/// <summary>
/// A CR3 (ISO base media) as far as Shoebox needs it, from box headers only: the preview JPEG (the PRVW box, about
/// 1620 px), the thumbnail (THMB), each track's first sample (track 1 is the full-size JPEG), and the CMT1..CMT4 boxes,
/// which hold IFD0, the EXIF IFD, the maker note and the GPS IFD as little TIFFs.
/// </summary>
internal sealed class Cr3Boxes
{
    private const int MaxBoxes = 10_000;
    private const int MaxDepth = 8;

    // The uuid of Canon's metadata box inside moov, and of the box that holds PRVW.
    private static readonly byte[] CanonMetadata = Convert.FromHexString("85C0B687820F11E08111F4CE462B6A48");
    private static readonly byte[] CanonPreview = Convert.FromHexString("EAF42B5E1C984B88B9FBB7DC406E4D16");

    private readonly RawFile _file;
    private int _boxes;
    private int _tracks;
    private long _trackOffset = -1;
    private long _trackLength = -1;

    private Cr3Boxes(RawFile file) => _file = file;

    public List<RawPreview> Candidates { get; } = [];

    /// <summary>The CMT boxes' TIFFs by name ("CMT1"), as (offset, end).</summary>
    public Dictionary<string, (long Offset, long End)> Tiffs { get; } = [];

    public static Cr3Boxes Read(RawFile file)
    {
        var boxes = new Cr3Boxes(file);
        boxes.Walk(0, file.Length, 0);
        return boxes;
    }

    private void Walk(long start, long end, int depth)
    {
        var position = start;
        while (position + 8 <= end)
        {
            if (++_boxes > MaxBoxes || depth > MaxDepth)
            {
                throw new BadImageException("damaged raw file: too many or too deeply nested boxes");
            }
            var header = _file.Read(position, 8, "box header");
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = System.Text.Encoding.ASCII.GetString(header, 4, 4);
            var payload = position + 8;
            if (size == 1)
            {
                size = (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(_file.Read(payload, 8, "box size")), long.MaxValue);
                payload += 8;
            }
            else if (size == 0)
            {
                size = end - position;
            }
            if (size < payload - position)
            {
                throw new BadImageException($"damaged raw file: the {type} box at {position} claims {size} bytes");
            }
            // A box running past its parent is cut short: what lies inside the file is still read.
            var boxEnd = size > end - position ? end : position + size;
            Visit(type, position, payload, boxEnd, depth);
            position = boxEnd;
        }
    }

    private void Visit(string type, long box, long payload, long end, int depth)
    {
        switch (type)
        {
            case "moov" or "mdia" or "minf" or "stbl":
                Walk(payload, end, depth + 1);
                break;
            case "trak":
                _trackOffset = _trackLength = -1;
                Walk(payload, end, depth + 1);
                _tracks++;
                if (_trackOffset >= 0 && _trackLength >= 0)
                {
                    Candidates.Add(new RawPreview($"track {_tracks}", _trackOffset, _trackLength));
                }
                break;
            case "uuid" when end - payload >= 16:
                var id = _file.Read(payload, 16, "uuid");
                if (id.AsSpan().SequenceEqual(CanonMetadata))
                {
                    Walk(payload + 16, end, depth + 1);
                }
                else if (id.AsSpan().SequenceEqual(CanonPreview))
                {
                    Walk(payload + 16 + 8, end, depth + 1); // 8 bytes before the PRVW box
                }
                break;
            case "CMT1" or "CMT2" or "CMT3" or "CMT4":
                Tiffs[type] = (payload, end);
                break;
            // Width, height and the JPEG's length precede it; the JPEG starts 24 bytes into the box.
            case "PRVW" when payload + 16 <= end:
                Candidates.Add(new RawPreview("PRVW", box + 24, _file.U32(box + 20, bigEndian: true, "PRVW length")));
                break;
            case "THMB" when payload + 16 <= end:
                Candidates.Add(new RawPreview("THMB", box + 24, _file.U32(box + 16, bigEndian: true, "THMB length")));
                break;
            case "stsz" when payload + 12 <= end:
                var sampleSize = _file.U32(payload + 4, bigEndian: true, "stsz");
                _trackLength = sampleSize != 0 || payload + 16 > end ? sampleSize : _file.U32(payload + 12, bigEndian: true, "stsz entry");
                break;
            case "co64" when payload + 16 <= end:
                _trackOffset = (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(_file.Read(payload + 8, 8, "co64 entry")), long.MaxValue);
                break;
            case "stco" when payload + 12 <= end:
                _trackOffset = _file.U32(payload + 8, bigEndian: true, "stco entry");
                break;
        }
    }
}
