using Shoebox.Imaging;
using Shoebox.Sources.FileSystem;

namespace Shoebox.Indexing;

/// <summary>
/// How indexing runs: plain values, read from a command's options or a host's configuration. The services that do
/// the work are <see cref="IndexingServices"/>; what a run walks and reads is <see cref="IndexTargets"/>.
/// </summary>
public sealed record IndexSettings
{
    public WalkOptions Walk { get; init; } = new();

    public DecodeOptions Decode { get; init; } = new();

    /// <summary>
    /// Read the text in every photo (the "ocr" stage, queued for all photos). When there is no text reader (the OCR
    /// models could not be had) the stage stays pending for a run that has them. `index`, `worker` and `serve` turn it
    /// on unless --no-ocr; here it is off, so a caller that never asked for text leaves no stage pending.
    /// </summary>
    public bool ReadText { get; init; }

    /// <summary>
    /// Tag every photo automatically (the "tags" stage): kinds of image from the text read in it and its file (meme,
    /// screenshot, document), and, with a zero-shot tagger, everyday concepts from its vector. Off here, on in
    /// `index`, `worker` and `serve` unless --no-tags.
    /// </summary>
    public bool Tag { get; init; }

    /// <summary>
    /// Find the faces in every photo and group them into people (the "faces" stage, queued for all photos, then grouping
    /// from what the catalog holds). Without the face models the stage stays pending for a run that has them. Off here,
    /// on in `index`, `worker` and `serve` unless --no-faces.
    /// </summary>
    public bool FindFaces { get; init; }

    /// <summary>
    /// Name where every photo with coordinates was taken (the "places" stage: town, regions, country, from the GeoNames
    /// data in the model store). Off here, on in `index` and `serve`; without the data it is said once and skipped.
    /// </summary>
    public bool Places { get; init; }

    /// <summary>
    /// Try again what failed before (files that could not be read, photos that could not be decoded or embedded),
    /// e.g. after installing libheif or raising the pixel limit. Otherwise failures are reported, not retried.
    /// </summary>
    public bool RetryFailed { get; init; }

    /// <summary>
    /// A camera raw beside the JPEG (or HEIC) of the same shot is listed as that photo's second file (false), or
    /// catalogued as a photo of its own (true). The library remembers what was last given; null: as it remembers
    /// (paired, unless told otherwise).
    /// </summary>
    public bool? KeepRawPairsApart { get; init; }

    /// <summary>
    /// Catalog what exists and queue its stages, but leave the photos' processing to `shoebox worker` processes
    /// (on this or other machines sharing the catalog). No model or OCR is loaded for it.
    /// </summary>
    public bool ScanOnly { get; init; }

    /// <summary>Make again the thumbnails missing on disk (the thumbnail folder is derived data and may be deleted).</summary>
    public bool RebuildThumbnails { get; init; }

    /// <summary>
    /// Leave out libraries whose <see cref="LibrarySource.Stamp"/> is what it was at their last complete listing: a
    /// Takeout archive is read in full to be listed, which a periodic rescan (serve) should not repeat for nothing.
    /// </summary>
    public bool SkipUnchangedLibraries { get; init; }

    /// <summary>Images per model call: larger batches use the cores better, up to a point (see the model benchmark).</summary>
    public int EmbeddingBatchSize { get; init; } = 16;

    /// <summary>Files read and hashed at once; reading waits on the disk, so this may exceed the core count.</summary>
    public int ReadParallelism { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Photos decoded at once; decoding is CPU-bound, so one per core.</summary>
    public int DecodeParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>File results per catalog transaction: a crash loses at most this many, and they are simply redone.</summary>
    public int BatchSize { get; init; } = 256;
}
