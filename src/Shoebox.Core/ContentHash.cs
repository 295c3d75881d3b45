using System.Security.Cryptography;

namespace Shoebox.Core;

/// <summary>A photo's identity: the SHA-256 of its bytes, so moves, renames and copies keep everything derived from it.</summary>
public readonly record struct ContentHash
{
    public const int Length = 32;

    private readonly byte[] _bytes;

    public ContentHash(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"A content hash has {Length} bytes, not {bytes.Length}.", nameof(bytes));
        }
        _bytes = bytes;
    }

    public ReadOnlySpan<byte> Bytes => _bytes;

    public string Hex => Convert.ToHexStringLower(_bytes);

    public static ContentHash Of(ReadOnlySpan<byte> content) => new(SHA256.HashData(content));

    public static ContentHash Parse(string hex) => new(Convert.FromHexString(hex));

    public byte[] ToArray() => (byte[])_bytes.Clone();

    public bool Equals(ContentHash other) => Bytes.SequenceEqual(other.Bytes);

    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);

    public override string ToString() => Hex;
}
