using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Sources;
using Shoebox.Sources.FileSystem;

namespace Shoebox.Indexing;

public sealed record IndexOptions
{
    /// <summary>Folders to walk.</summary>
    public required IReadOnlyList<string> Roots { get; init; }

    /// <summary>Photo libraries read by their importers (Takeout, Lightroom, Apple Photos), after the folders.</summary>
    public IReadOnlyList<LibrarySource> Libraries { get; init; } = [];

    /// <summary>
    /// Leave out libraries whose <see cref="LibrarySource.Stamp"/> is what it was at their last complete listing: a
    /// Takeout archive is read in full to be listed, which a periodic rescan (serve) should not repeat for nothing.
    /// </summary>
    public bool SkipUnchangedLibraries { get; init; }

    /// <summary>The library indexed into: its folder (thumbnails, lock) and catalog (SQLite there, or a shared database).</summary>
    public required Library Library { get; init; }

    public WalkOptions Walk { get; init; } = new();

    public DecodeOptions Decode { get; init; } = new();

    /// <summary>
    /// The model whose vectors this library keeps. Its embedding stage is queued for every photo even when
    /// <see cref="Encoder"/> is null (the model could not be had), so `status` shows the work still to do.
    /// </summary>
    public ModelIdentity? Model { get; init; }

    /// <summary>How to find <see cref="Model"/> again (a registry id or a folder): remembered as the library's default.</summary>
    public string? ModelSource { get; init; }

    /// <summary>Runs <see cref="Model"/>; null leaves embedding pending for a later run.</summary>
    public IImageEncoder? Encoder { get; init; }

    /// <summary>
    /// Read the text in every photo (the "ocr" stage, queued for all photos). When <see cref="TextReader"/> is null
    /// (the OCR models could not be had) the stage stays pending for a run that has them. `shoebox index` turns it
    /// on unless --no-ocr; here it is off, so a caller that never asked for text leaves no stage pending.
    /// </summary>
    public bool ReadText { get; init; }

    public Shoebox.Models.Ocr.OcrEngine? TextReader { get; init; }

    /// <summary>
    /// Tag every photo automatically (the "tags" stage): kinds of image from the text read in it and its file (meme,
    /// screenshot, document), and, with <see cref="ZeroShot"/>, everyday concepts from its vector. Off here, on in
    /// `shoebox index` unless --no-tags.
    /// </summary>
    public bool Tag { get; init; }

    /// <summary>Tags from the vocabulary with <see cref="Model"/>'s text tower; null when the model has none.</summary>
    public Shoebox.Models.Tags.ZeroShotTagger? ZeroShot { get; init; }

    /// <summary>Images per model call: larger batches use the cores better, up to a point (see the model benchmark).</summary>
    public int EmbeddingBatchSize { get; init; } = 16;

    /// <summary>
    /// Try again what failed before (files that could not be read, photos that could not be decoded or embedded),
    /// e.g. after installing libheif or raising the pixel limit. Otherwise failures are reported, not retried.
    /// </summary>
    public bool RetryFailed { get; init; }

    /// <summary>
    /// Catalog what exists and queue its stages, but leave the photos' processing to `shoebox worker` processes
    /// (on this or other machines sharing the catalog).
    /// </summary>
    public bool ScanOnly { get; init; }

    /// <summary>Make again the thumbnails missing on disk (the thumbnail folder is derived data and may be deleted).</summary>
    public bool RebuildThumbnails { get; init; }

    /// <summary>Files read and hashed at once; reading waits on the disk, so this may exceed the core count.</summary>
    public int ReadParallelism { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Photos decoded at once; decoding is CPU-bound, so one per core.</summary>
    public int DecodeParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>File results per catalog transaction: a crash loses at most this many, and they are simply redone.</summary>
    public int BatchSize { get; init; } = 256;
}

/// <summary>A photo library and the id its locations are kept under ("lightroom:/photos/Main.lrcat").</summary>
public sealed record LibrarySource(string Id, IPhotoSource Source)
{
    /// <summary>Changes whenever the library's content may have (its archives' sizes and times); null when unknown.</summary>
    public Func<string?>? Stamp { get; init; }
}
