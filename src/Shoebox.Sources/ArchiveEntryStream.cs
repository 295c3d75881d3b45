namespace Shoebox.Sources;

/// <summary>
/// An archive entry's bytes as a seekable stream of known length, read in place. Moving forward inflates and
/// drops what lies between; moving back opens the entry again (a zip entry at once, a tar from the archive's start).
/// So a range request costs time in proportion to its offset and memory of one read buffer, whatever the entry
/// holds. Never reads past <see cref="Length"/>, whatever the archive's data goes on to hold.
/// </summary>
public sealed class ArchiveEntryStream : Stream
{
    private const int SkipBufferSize = 1 << 16;

    private readonly Func<(Stream Data, IDisposable Owner)> _open;
    private (Stream Data, IDisposable Owner)? _current;
    private long _consumed; // bytes taken from the current opening
    private long _position; // where the next read starts
    private byte[]? _skip;

    internal ArchiveEntryStream(long length, long modifiedTicks, Func<(Stream Data, IDisposable Owner)> open, (Stream Data, IDisposable Owner) first)
    {
        Length = length;
        ModifiedTicks = modifiedTicks;
        _open = open;
        _current = first;
    }

    public override long Length { get; }

    /// <summary>The entry's modification time as the archive records it (UTC ticks).</summary>
    public long ModifiedTicks { get; }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => Length + offset,
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        _position = target;
        return target;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= Length || buffer.IsEmpty)
        {
            return 0;
        }
        var data = Arrive();
        while (_consumed < _position)
        {
            Advance(data.Read(Skipped().Span));
        }
        return Took(data.Read(buffer[..Wanted(buffer.Length)]));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= Length || buffer.IsEmpty)
        {
            return 0;
        }
        var data = Arrive();
        while (_consumed < _position)
        {
            Advance(await data.ReadAsync(Skipped(), cancellationToken));
        }
        return Took(await data.ReadAsync(buffer[..Wanted(buffer.Length)], cancellationToken));
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close(_current);
            _current = null;
        }
        base.Dispose(disposing);
    }

    // The opening to read from: the current one when the position is not behind it, else the entry from its start.
    private Stream Arrive()
    {
        if (_current is null || _consumed > _position)
        {
            Close(_current);
            _current = null;
            _current = _open();
            _consumed = 0;
        }
        return _current.Value.Data;
    }

    // Where the bytes between the opening's place and the position are read to, and dropped.
    private Memory<byte> Skipped()
    {
        _skip ??= new byte[SkipBufferSize];
        return _skip.AsMemory(0, (int)Math.Min(_skip.Length, _position - _consumed));
    }

    private int Wanted(int room) => (int)Math.Min(room, Length - _position);

    private int Took(int read)
    {
        Advance(read);
        _position += read;
        return read;
    }

    private void Advance(int read)
    {
        if (read == 0)
        {
            throw new InvalidDataException($"the archive entry ends after {_consumed} of its {Length} bytes");
        }
        _consumed += read;
    }

    private static void Close((Stream Data, IDisposable Owner)? opened)
    {
        if (opened is { } current)
        {
            current.Data.Dispose();
            current.Owner.Dispose();
        }
    }
}
