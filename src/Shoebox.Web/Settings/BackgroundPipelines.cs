using Shoebox.Indexing;
using Shoebox.Models;
using Shoebox.Models.Registry;
using Shoebox.Vectors;
using Shoebox.Web.Freshness;

namespace Shoebox.Web.Settings;

/// <summary>
/// Keeps serve's background indexing in step with the library's settings changed while serving: the switches
/// (read text, tag) at once, and a new model once the switch to it is done. One change at a time; what it opens
/// is closed when the server stops, as a run may still hold it until then.
/// </summary>
/// <param name="noText">Serve's --no-ocr: the library's switch does not turn reading text back on for this run.</param>
/// <param name="noFaces">Serve's --no-faces, likewise for faces.</param>
/// <param name="noTags">Serve's --no-tags, likewise for tagging.</param>
internal sealed class BackgroundPipelines(BackgroundIndexer? indexer, IndexingFactory factory, bool noText, bool noTags, bool noFaces) : IDisposable
{
    private readonly SemaphoreSlim _one = new(1);
    private readonly List<IDisposable> _owned = [];

    // The tagger is opened with the model, for a server started with tagging on; one started with it off tags by the
    // rules alone until its next start, which would leave those photos without the model's tags for good.
    private readonly bool _canTag = indexer?.Pipeline.Settings.Tag ?? false;

    public async Task FollowAsync(LibrarySwitches switches, CancellationToken cancellationToken)
    {
        if (indexer is null)
        {
            return;
        }
        await _one.WaitAsync(cancellationToken);
        try
        {
            var current = indexer.Pipeline;
            var settings = switches.ApplyTo(current.Settings, noText, noTags || !_canTag, noFaces);
            if (settings != current.Settings)
            {
                Use(await factory.ResetAsync(current, settings, cancellationToken));
            }
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>Indexing with the model the library switched to (loaded for searching, and held by the caller).</summary>
    public async Task UseModelAsync(ModelDescriptor descriptor, EmbeddingModel model, LibraryVectors? vectors, CancellationToken cancellationToken)
    {
        if (indexer is null)
        {
            return;
        }
        await _one.WaitAsync(cancellationToken);
        try
        {
            Use(await factory.CreateAsync(indexer.Pipeline.Library, indexer.Pipeline.Settings, descriptor, model, vectors, cancellationToken));
        }
        finally
        {
            _one.Release();
        }
    }

    private void Use(IndexingPipeline pipeline)
    {
        _owned.Add(pipeline);
        indexer!.Pipeline = pipeline;
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
        _one.Dispose();
    }
}
