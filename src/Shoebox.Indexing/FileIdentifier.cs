using System.Buffers;
using System.Security.Cryptography;
using Shoebox.Core;
using Shoebox.Sources;
using Shoebox.Sources.FileSystem;

namespace Shoebox.Indexing;

/// <summary>What reading a file told us.</summary>
internal abstract record Identification(FoundFile File)
{
    public sealed record Image(FoundFile File, ContentHash Hash, ImageFormat Format, long Size, long ModifiedTicks) : Identification(File);

    /// <summary>Neither its name nor its content says image: remembered so reruns skip it.</summary>
    public sealed record NotImage(FoundFile File) : Identification(File);

    public sealed record Failed(FoundFile File, string Reason) : Identification(File);

    /// <summary>Gone between listing and reading.</summary>
    public sealed record Vanished(FoundFile File) : Identification(File);
}

/// <summary>Reads a file once: its first bytes say whether it is an image, all of them give its content hash.</summary>
internal static class FileIdentifier
{
    private const int BufferSize = 1 << 20;
    private const int Attempts = 2;

    public static Identification Identify(FoundFile file)
    {
        switch (file.Content)
        {
            case ArchiveEntry when file.Identified is { } known:
                return new Identification.Image(file, known.Hash, known.Format, file.Size, file.ModifiedTicks);
            case ArchiveEntry:
                // The source read the entry and found no image in it (empty, or another kind of file).
                return ImageSniffer.HasImageExtension(file.Path)
                    ? Fail(file, file.Size == 0 ? "empty file (0 bytes)" : "not an image: the content is not JPEG, PNG, GIF, WebP, BMP, TIFF, HEIF or a camera raw format")
                    : new Identification.NotImage(file);
        }
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            try
            {
                var result = Read(file);
                if (result is not null)
                {
                    return result;
                }
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                return new Identification.Vanished(file);
            }
            catch (UnauthorizedAccessException)
            {
                return Fail(file, "file cannot be read (permission denied)");
            }
            catch (IOException e)
            {
                return Fail(file, $"read error: {e.Message}");
            }
        }
        return Fail(file, "file kept changing while it was being read; it will be read again on the next run");
    }

    // Null when the file changed while being read: the caller tries again.
    private static Identification? Read(FoundFile file)
    {
        // A stand-in (a preview of an offline original) is read in the original's place.
        var readPath = file.Content is StandIn standIn ? standIn.File : file.Path;
        var (exists, size, modified) = FileFacts.Of(readPath);
        if (!exists)
        {
            return new Identification.Vanished(file);
        }
        var claimsImage = ImageSniffer.HasImageExtension(file.Path);
        if (size == 0)
        {
            return claimsImage ? Fail(file, "empty file (0 bytes)") : new Identification.NotImage(file);
        }
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var stream = new FileStream(readPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            var headerLength = stream.ReadAtLeast(buffer.AsSpan(0, ImageSniffer.HeaderLength), ImageSniffer.HeaderLength, throwOnEndOfStream: false);
            var format = ImageSniffer.Detect(buffer.AsSpan(0, headerLength));
            if (format is null)
            {
                return claimsImage
                    ? Fail(file, $"not an image: the content is not JPEG, PNG, GIF, WebP, BMP, TIFF, HEIF or a camera raw format ({Describe(buffer.AsSpan(0, headerLength))})")
                    : new Identification.NotImage(file);
            }
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(buffer, 0, headerLength);
            int read;
            while ((read = stream.Read(buffer, 0, BufferSize)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
            var after = FileFacts.Of(readPath);
            if (after.Size != size || after.ModifiedTicks != modified || stream.Position != size)
            {
                return null;
            }
            return new Identification.Image(file, new ContentHash(hash.GetHashAndReset()), format.Value, size, modified);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Identification.Failed Fail(FoundFile file, string reason) => new(file, reason);

    // A hint for the user: text files and HTML error pages saved as .jpg are common.
    private static string Describe(ReadOnlySpan<byte> header)
    {
        var printable = header.Length > 0 && header.ToArray().All(b => b is 9 or 10 or 13 || (b >= 32 && b < 127));
        return printable ? "it looks like text" : $"it starts with bytes {Convert.ToHexString(header[..Math.Min(8, header.Length)])}";
    }
}
