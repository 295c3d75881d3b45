using System.Buffers.Binary;

namespace Shoebox.Models.Tokenizers;

/// <summary>
/// Reads protobuf wire format field by field: enough for the few fields of a SentencePiece model we need, without
/// generated classes. Unknown fields are skipped, as protobuf readers must.
/// </summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    private readonly ReadOnlySpan<byte> _data = data;
    private int _at;

    public bool TryReadTag(out int field, out int wireType)
    {
        if (_at >= _data.Length)
        {
            field = 0;
            wireType = 0;
            return false;
        }

        ulong tag = ReadVarint();
        field = checked((int)(tag >> 3));
        wireType = (int)(tag & 7);
        return true;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = Take(1)[0];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("A protobuf varint runs past 10 bytes.");
    }

    public ReadOnlySpan<byte> ReadBytes() => Take(checked((int)ReadVarint()));

    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case Varint:
                ReadVarint();
                break;
            case Fixed64:
                Take(8);
                break;
            case LengthDelimited:
                ReadBytes();
                break;
            case Fixed32:
                Take(4);
                break;
            default:
                throw new InvalidDataException($"Unsupported protobuf wire type {wireType}.");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _data.Length - _at)
        {
            throw new InvalidDataException("The protobuf message ends in the middle of a field.");
        }

        var slice = _data.Slice(_at, count);
        _at += count;
        return slice;
    }
}
