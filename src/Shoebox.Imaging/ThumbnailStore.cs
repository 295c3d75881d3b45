using NetVips;
using Shoebox.Core;

namespace Shoebox.Imaging;

public enum ThumbnailSize
{
    /// <summary>For result grids: the longer side at most 320 px.</summary>
    Grid = 320,

    /// <summary>For the photo page: the longer side at most 1280 px.</summary>
    Preview = 1280,
}

/// <summary>
/// JPEG thumbnails on disk, named by content hash (thumbnails/grid/ab/abcd….jpg). Indexing makes the grid
/// thumbnail of every photo; the larger preview is made when a photo is first shown (or its text read at that size).
/// Derived data: delete the folder and the next run with --rebuild-thumbnails makes the grid thumbnails again.
/// </summary>
public sealed class ThumbnailStore
{
    public const string FolderName = "thumbnails";

    private readonly string _root;

    static ThumbnailStore() => VipsSetup.EnsureInitialised();

    public ThumbnailStore(string libraryFolder) => _root = Path.Combine(libraryFolder, FolderName);

    public string PathOf(ContentHash hash, ThumbnailSize size)
    {
        var hex = hash.Hex;
        return Path.Combine(_root, size.ToString().ToLowerInvariant(), hex[..2], hex + ".jpg");
    }

    /// <summary>Whether the thumbnail indexing makes (the grid's) is on disk.</summary>
    public bool Exists(ContentHash hash) => File.Exists(PathOf(hash, ThumbnailSize.Grid));

    public bool HasPreview(ContentHash hash) => File.Exists(PathOf(hash, ThumbnailSize.Preview));

    /// <summary>Deletes both sizes of a photo's thumbnails, if present.</summary>
    public void Delete(ContentHash hash)
    {
        foreach (var size in Enum.GetValues<ThumbnailSize>())
        {
            try
            {
                File.Delete(PathOf(hash, size));
            }
            catch (DirectoryNotFoundException)
            {
                // The thumbnail folder was deleted already: nothing left to remove.
            }
        }
    }

    /// <summary>The grid thumbnail, from any decode at least that large. A disk that is full or read-only stops the run.</summary>
    public void WriteGrid(ContentHash hash, RgbImage decoded) => Write(hash, decoded, ThumbnailSize.Grid, quality: 80);

    /// <summary>The preview, from any decode at least that large.</summary>
    public void WritePreview(ContentHash hash, RgbImage decoded) => Write(hash, decoded, ThumbnailSize.Preview, quality: 82);

    private void Write(ContentHash hash, RgbImage decoded, ThumbnailSize size, int quality)
    {
        ArgumentNullException.ThrowIfNull(decoded);
        // No optimised Huffman tables: files about 5% larger, but encoding is cheaper, and indexing shares the
        // cores with the model (end to end 12.0 -> 12.6 images/s with the generated ViT-B/32 on 2 cores).
        using var image = Image.NewFromMemory(decoded.Pixels, decoded.Width, decoded.Height, 3, Enums.BandFormat.Uchar);
        var scale = Math.Min(1.0, (double)size / Math.Max(image.Width, image.Height));
        using var fitted = scale < 1.0 ? image.Resize(scale, kernel: Enums.Kernel.Lanczos3) : image.Copy();
        Save(PathOf(hash, size), fitted.JpegsaveBuffer(q: quality, keep: Enums.ForeignKeep.None));
    }

    // Written beside the target and renamed into place, so a crash never leaves half a thumbnail under the real name.
    private static void Save(string path, byte[] jpeg)
    {
        var temporary = path + ".tmp";
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(temporary, jpeg);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new LibraryUnavailableException(DescribeWriteFailure(path, e), e);
        }
    }

    private static string DescribeWriteFailure(string path, Exception e)
    {
        const int DiskFull = 28, ReadOnlyFileSystem = 30;
        var code = e.HResult & 0xFFFF;
        return code switch
        {
            DiskFull => $"The disk holding the library is full (writing {path}). Work finished so far is saved; free some space and run again.",
            ReadOnlyFileSystem => $"The library cannot be written ({path} is on a read-only file system). Choose a writable folder with --library.",
            _ when e is UnauthorizedAccessException => $"The library cannot be written (permission denied for {path}). Choose a writable folder with --library.",
            _ => $"A thumbnail could not be written to {path}: {e.Message}",
        };
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the leftover .tmp is overwritten next time.
        }
    }
}
