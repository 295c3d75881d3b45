using Shoebox.Core;
using Shoebox.Models.Ocr;
using Shoebox.Models.Places;
using Shoebox.Models.Tags;
using Shoebox.Vectors;

namespace Shoebox.Indexing;

/// <summary>
/// The live parts of indexing: the model whose vectors the library keeps, and what runs it, reads text and tags.
/// Any of them may be missing (not installed, offline): their stages then stay pending for a run that has them.
/// <see cref="IndexingFactory"/> opens them; what it opened is closed with these services.
/// </summary>
public sealed class IndexingServices : IDisposable
{
    /// <summary>
    /// The model whose vectors this library keeps. Its embedding stage is queued for every photo even when
    /// <see cref="Encoder"/> is null (the model could not be had), so `status` shows the work still to do.
    /// </summary>
    public ModelIdentity? Model { get; init; }

    /// <summary>How to find <see cref="Model"/> again (a registry id or a folder): remembered as the library's default.</summary>
    public string? ModelSource { get; init; }

    /// <summary>The run was told which model to use (--model): it becomes the library's model last asked for.</summary>
    public bool ModelAskedFor { get; init; }

    /// <summary>Runs <see cref="Model"/>; null leaves embedding pending for a later run.</summary>
    public IImageEncoder? Encoder { get; init; }

    /// <summary>
    /// The library's saved vector index, given each vector as it is written and saved at the end of a run, so that a
    /// search only loads it; null where the catalog searches vectors itself (PostgreSQL) or there is no encoder.
    /// </summary>
    public LibraryVectors? Vectors { get; init; }

    /// <summary>Reads the text in photos; null leaves the text stage pending for a later run.</summary>
    public OcrEngine? TextReader { get; init; }

    /// <summary>Finds and describes faces; null leaves the faces stage pending for a later run.</summary>
    public IFaceReader? Faces { get; init; }

    /// <summary>Tags from the vocabulary with <see cref="Model"/>'s text tower; null when the model has none.</summary>
    public ZeroShotTagger? ZeroShot { get; init; }

    /// <summary>Names where photos were taken; null when the place data could not be had (the photos stay unplaced).</summary>
    public PlaceFinder? Places { get; init; }

    /// <summary>What these services opened themselves; a model a host loaded (serve's, for searching) stays the host's.</summary>
    public IReadOnlyList<IDisposable> Owned { get; init; } = [];

    public void Dispose()
    {
        foreach (var owned in Owned)
        {
            owned.Dispose();
        }
    }
}
