using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Search.Duplicates;

/// <summary>One photo of a duplicate group with what choosing the keeper weighs.</summary>
internal sealed record CopyFacts
{
    /// <summary>The quality given a lossless file that is no conversion: above any JPEG's.</summary>
    public const int Lossless = 101;

    public required CatalogPhoto Photo { get; init; }

    /// <summary>Its files that exist (not archive entries or stand-ins); none when it is only in those.</summary>
    public required IReadOnlyList<CopyFile> Files { get; init; }

    /// <summary>
    /// 1-100 for a JPEG (from its tables), <see cref="Lossless"/> for a lossless file that is no conversion, the
    /// JPEG's for a lossless file made from one (<see cref="ConvertedFrom"/>); null when unknown (other lossy
    /// formats, files that cannot be read).
    /// </summary>
    public int? Quality { get; init; }

    /// <summary>The photo of the group this lossless file was made from by decoding it: it holds no more than that one.</summary>
    public long? ConvertedFrom { get; init; }

    /// <summary>Keywords, captions and other texts, and places it is kept at: the richer the metadata, the better to keep.</summary>
    public required int Metadata { get; init; }

    /// <summary>The user chose it as its group's keeper.</summary>
    public bool Chosen { get; init; }

    public long Id => Photo.Id;

    public long Pixels => (long)(Photo.Width ?? 0) * (Photo.Height ?? 0);

    /// <summary>The oldest modification time of its files (the first copy made is most often the original), else when it was catalogued.</summary>
    public long OldestTicks => Files.Count > 0 ? Files.Min(f => f.ModifiedTicks) : Photo.AddedAt.UtcTicks;

    /// <summary>Bytes per pixel, a stand-in for quality between copies of one lossy format whose quality is unknown.</summary>
    public double BytesPerPixel => Pixels > 0 ? (double)Photo.Size / Pixels : 0;

    public bool IsJpeg => Photo.Format == ImageFormat.Jpeg;

    public bool IsLosslessFormat => Photo.Format is ImageFormat.Png or ImageFormat.Tiff or ImageFormat.Bmp;

    public string Size => $"{Photo.Width} × {Photo.Height}";

    public string FormatName => Photo.Format switch
    {
        ImageFormat.Heif => "HEIC",
        ImageFormat.WebP => "WebP",
        var format => format.Name().ToUpperInvariant(),
    };

    /// <summary>Its quality in words: "JPEG quality 35", "lossless".</summary>
    public string? QualityText => Quality switch
    {
        null => null,
        Lossless => "lossless",
        var q when IsJpeg || ConvertedFrom is not null => $"JPEG quality {q}",
        var q => $"quality {q}",
    };
}
