using System.Buffers.Binary;
using Shoebox.Core;

namespace Shoebox.Imaging.Raw;

/// <summary>
/// Canon's CRW (CIFF): heaps of records, each heap ending with the offset of its table. Read for JpgFromRaw (0x2007)
/// and the rotation in ImageInfo (0x1810); sub-heaps are followed to a few levels.
/// </summary>
internal sealed class CiffHeap
{
    private const int TagJpgFromRaw = 0x2007;
    private const int TagImageInfo = 0x1810;
    private const int MaxDepth = 6;
    private const int MaxRecords = 4096;

    private readonly RawFile _file;
    private int _records;

    private CiffHeap(RawFile file) => _file = file;

    public RawPreview? JpgFromRaw { get; private set; }

    public int Orientation { get; private set; } = 1;

    public static CiffHeap Read(RawFile file)
    {
        var heap = new CiffHeap(file);
        var headerLength = file.U32(2, bigEndian: false, "CRW header");
        heap.Walk(headerLength, file.Length, 0);
        return heap;
    }

    private void Walk(long start, long end, int depth)
    {
        if (depth > MaxDepth || end - start < 4 || start < 0 || end > _file.Length)
        {
            throw new BadImageException($"damaged raw file: a CRW heap at {start} is out of place");
        }
        var table = start + _file.U32(end - 4, bigEndian: false, "CRW heap table offset");
        var count = BinaryPrimitives.ReadUInt16LittleEndian(_file.Read(table, 2, "CRW heap table"));
        _records += count;
        if (_records > MaxRecords || table + 2 + (10L * count) > end)
        {
            throw new BadImageException($"damaged raw file: the CRW heap table at {table} claims {count} records");
        }
        var entries = _file.Read(table + 2, 10 * count, "CRW heap table");
        for (var i = 0; i < count; i++)
        {
            var tag = BinaryPrimitives.ReadUInt16LittleEndian(entries.AsSpan(10 * i));
            var size = BinaryPrimitives.ReadUInt32LittleEndian(entries.AsSpan((10 * i) + 2));
            var offset = start + BinaryPrimitives.ReadUInt32LittleEndian(entries.AsSpan((10 * i) + 6));
            if ((tag & 0xC000) != 0)
            {
                continue; // the value sits in the record itself: none of those is needed here
            }
            if ((tag & 0x3800) is 0x2800 or 0x3000)
            {
                Walk(offset, offset + size, depth + 1);
            }
            else if ((tag & 0x3FFF) == TagJpgFromRaw)
            {
                JpgFromRaw = new RawPreview("JpgFromRaw", offset, size);
            }
            else if ((tag & 0x3FFF) == TagImageInfo && size >= 16)
            {
                // Degrees the camera was turned; EXIF's numbering of the same.
                Orientation = (int)_file.U32(offset + 12, bigEndian: false, "CRW ImageInfo") switch
                {
                    90 => 6,
                    180 => 3,
                    270 => 8,
                    _ => 1,
                };
            }
        }
    }
}
