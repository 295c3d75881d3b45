using System.Collections.Concurrent;
using Shoebox.Core;
using Shoebox.Imaging;

namespace Shoebox.Search.Duplicates;

/// <summary>
/// What a copy's file says about how much of the picture it holds, for choosing the keeper of a group: a JPEG's
/// quality from its quantisation tables, and whether a lossless file (PNG, TIFF, BMP) is a JPEG of its group decoded
/// and saved again, which holds no more than that JPEG. The catalog does not keep either, so they are read from the
/// files of the few photos that compete to be kept, and remembered by content, which never changes.
/// </summary>
public sealed class CopyInspector(ImageDecoder? decoder = null)
{
    // Mean difference per channel (0-255) under which two decodes are one picture: a PNG saved from a decoded JPEG
    // differs from it by nothing (or by a level here and there with another decoder), a JPEG saved from a PNG at
    // quality 90 by one to three levels on average.
    private const double SamePixels = 0.5;

    private readonly ImageDecoder _decoder = decoder ?? new ImageDecoder();
    private readonly ConcurrentDictionary<ContentHash, int> _qualities = new();
    private readonly ConcurrentDictionary<(ContentHash Lossless, ContentHash Jpeg), bool> _conversions = new();

    /// <summary>The JPEG's quality (1-100) read from the first of its files that can be read; null when none can.</summary>
    public int? JpegQuality(ContentHash hash, IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (_qualities.TryGetValue(hash, out var known))
        {
            return known;
        }
        // Only what was read is remembered: a file on a drive not there now is read when it is back.
        if (files.Select(Imaging.JpegQuality.Estimate).FirstOrDefault(q => q is not null) is not { } quality)
        {
            return null;
        }
        return _qualities[hash] = quality;
    }

    /// <summary>Whether the lossless file holds exactly the pixels of the JPEG (of the same size): a conversion of it.</summary>
    public bool IsDecodedCopy(ContentHash lossless, string losslessFile, ContentHash jpeg, string jpegFile, int size)
    {
        ArgumentNullException.ThrowIfNull(losslessFile);
        ArgumentNullException.ThrowIfNull(jpegFile);
        if (_conversions.TryGetValue((lossless, jpeg), out var known))
        {
            return known;
        }
        try
        {
            var a = _decoder.Decode(losslessFile, size, Fit.Within);
            var b = _decoder.Decode(jpegFile, size, Fit.Within);
            return _conversions[(lossless, jpeg)] = a.Width == b.Width && a.Height == b.Height && MeanDifference(a.Pixels, b.Pixels) < SamePixels;
        }
        catch (Exception e) when (e is BadImageException or IOException or UnauthorizedAccessException)
        {
            return false; // not readable now: nothing is concluded, and it is looked at again next time
        }
    }

    private static double MeanDifference(byte[] a, byte[] b)
    {
        long sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += Math.Abs(a[i] - b[i]);
        }
        return (double)sum / Math.Max(1, a.Length);
    }
}
