using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Models;
using Shoebox.Models.Encoders;
using Shoebox.Models.Faces;
using Shoebox.Models.Ocr;
using Shoebox.Models.Onnx;
using Shoebox.Models.Places;
using Shoebox.Models.Registry;
using Shoebox.Models.Store;
using Shoebox.Models.Tags;
using Shoebox.Vectors;

namespace Shoebox.Indexing;

/// <summary>
/// The one place indexing is put together (model, OCR, tagger, settings), for `index`, `import`, `worker`, `serve`
/// and the web app alike, so that they can never disagree about what a new photo gets. A part that cannot be had
/// (offline, not installed, damaged) is reported through the host's <see cref="IIndexingFeedback"/> and left out:
/// its stage stays pending for a run that has it.
/// </summary>
/// <param name="store">Where models live and whether they may be downloaded.</param>
/// <param name="logger">Receives what the models log (execution providers, downloads).</param>
public sealed class IndexingFactory(StoreOptions store, IIndexingFeedback feedback, ILogger? logger = null)
{
    private readonly ModelStore _store = new(store, logger: logger);
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>
    /// Indexing with the model <paramref name="model"/> names (an id or a folder; null: the library's default model,
    /// else Shoebox's), installed first when needed.
    /// </summary>
    /// <exception cref="ModelUnavailableException">No model has that name, and it is not a folder.</exception>
    public async Task<IndexingPipeline> CreateAsync(Library library, IndexSettings settings, string? model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(settings);
        var name = await LibraryModel.NameForAsync(model, library);
        var descriptor = ModelResolver.Describe(name);
        if (settings.ScanOnly)
        {
            // A scan for workers only queues the stages: the workers fetch and run the models.
            return Assemble(library, settings, descriptor, model is not null, encoder: null, zeroShot: null, textReader: null, faces: null, vectors: null, places: null);
        }
        var installed = await TryInstallAsync(name, cancellationToken);
        var encoder = OpenEncoder(installed);
        try
        {
            var zeroShot = settings.Tag && encoder is not null ? OpenTagger(descriptor, () => new OnnxTextEncoder(installed!, logger: _logger), close: true) : null;
            var textReader = settings.ReadText ? await OpenTextReaderAsync(cancellationToken) : null;
            var faces = settings.FindFaces ? await OpenFaceReaderAsync(cancellationToken) : null;
            var vectors = encoder is null ? null : LibraryVectors.Open(library, LibraryModel.IdentityOf(descriptor));
            var places = settings.Places ? await OpenPlacesAsync(cancellationToken) : null;
            return Assemble(library, settings, descriptor, model is not null, encoder, zeroShot, textReader, faces, vectors, places, encoder, textReader, faces, vectors);
        }
        catch
        {
            encoder?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Indexing with a model the host has loaded already (serve's, for searching), so that it is not loaded twice;
    /// <paramref name="loaded"/> is null when it could not be installed (the host has said why). The model stays the
    /// host's, and so does <paramref name="vectors"/>, the vector index its search engine holds, kept up to date here.
    /// </summary>
    public async Task<IndexingPipeline> CreateAsync(
        Library library, IndexSettings settings, ModelDescriptor model, EmbeddingModel? loaded, LibraryVectors? vectors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(model);
        if (loaded is null)
        {
            feedback.NoVectors();
        }
        var encoder = loaded is null ? null : TryLoad(model.Source, () => loaded.Images);
        var zeroShot = settings.Tag && encoder is not null ? OpenTagger(model, () => loaded!.Texts, close: false) : null;
        var textReader = settings.ReadText ? await OpenTextReaderAsync(cancellationToken) : null;
        var faces = settings.FindFaces ? await OpenFaceReaderAsync(cancellationToken) : null;
        var places = settings.Places ? await OpenPlacesAsync(cancellationToken) : null;
        return Assemble(library, settings, model, askedFor: false, encoder, zeroShot, textReader, faces, encoder is null ? null : vectors, places, textReader, faces);
    }

    /// <summary>
    /// The same indexing with other settings (the library's switches, changed while serving): the services it has are
    /// kept and stay <paramref name="current"/>'s; a text reader is opened when text is now read and there was none.
    /// </summary>
    public async Task<IndexingPipeline> ResetAsync(IndexingPipeline current, IndexSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(settings);
        var services = current.Services;
        var reader = settings.ReadText && services.TextReader is null ? await OpenTextReaderAsync(cancellationToken) : null;
        var faces = settings.FindFaces && services.Faces is null ? await OpenFaceReaderAsync(cancellationToken) : null;
        var places = settings.Places && services.Places is null ? await OpenPlacesAsync(cancellationToken) : services.Places;
        return new(current.Library, settings, new IndexingServices
        {
            Model = services.Model,
            ModelSource = services.ModelSource,
            Encoder = services.Encoder,
            TextReader = reader ?? services.TextReader,
            Faces = faces ?? services.Faces,
            ZeroShot = services.ZeroShot,
            Vectors = services.Vectors,
            Places = places,
            Owned = [.. new IDisposable?[] { reader, faces }.OfType<IDisposable>()],
        });
    }

    private static IndexingPipeline Assemble(
        Library library, IndexSettings settings, ModelDescriptor model, bool askedFor, IImageEncoder? encoder, ZeroShotTagger? zeroShot, OcrEngine? textReader,
        IFaceReader? faces, LibraryVectors? vectors, PlaceFinder? places, params IDisposable?[] owned) =>
        new(library, settings, new IndexingServices
        {
            Model = LibraryModel.IdentityOf(model),
            ModelSource = LibraryModel.SourceOf(model),
            ModelAskedFor = askedFor,
            Encoder = encoder,
            TextReader = textReader,
            Faces = faces,
            ZeroShot = zeroShot,
            Vectors = vectors,
            Places = places,
            Owned = [.. owned.OfType<IDisposable>()],
        });

    private async Task<InstalledModel?> TryInstallAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await feedback.DownloadAsync(progress => ModelResolver.InstallAsync(name, _store, progress, cancellationToken));
        }
        catch (ModelUnavailableException e)
        {
            feedback.ModelUnavailable(name, e);
            return null;
        }
    }

    // Without its model the run still catalogs everything; the vectors stay pending for a run that has it.
    private OnnxImageEncoder? OpenEncoder(InstalledModel? installed)
    {
        if (installed is null)
        {
            feedback.NoVectors();
            return null;
        }
        var encoder = TryLoad(installed.Folder, () => new OnnxImageEncoder(installed, OnnxSessionFactory.ThreadPerRun, _logger));
        if (encoder is not null)
        {
            feedback.ModelLoaded(installed.Descriptor, encoder.Provider);
        }
        return encoder;
    }

    // A model whose files are there but will not load (damaged, another export) is left out like a missing one.
    private T? TryLoad<T>(string folder, Func<T> open)
        where T : class
    {
        try
        {
            return open();
        }
        catch (Exception e) when (e is OnnxRuntimeException or InvalidDataException)
        {
            feedback.ModelUnloadable(folder, e.Message);
            return null;
        }
    }

    // The vocabulary is put to the text tower once per pipeline (a few seconds); a model without one tags by the rules alone.
    private ZeroShotTagger? OpenTagger(ModelDescriptor model, Func<ITextEncoder> texts, bool close)
    {
        if (!model.CanEmbedText)
        {
            return null;
        }
        try
        {
            var encoder = texts();
            try
            {
                return new ZeroShotTagger(TagVocabulary.BuiltIn, encoder);
            }
            finally
            {
                if (close)
                {
                    encoder.Dispose();
                }
            }
        }
        catch (Exception e) when (e is OnnxRuntimeException or InvalidDataException or ModelUnavailableException)
        {
            feedback.TextTowerUnloadable(model.Id, e.Message);
            return null;
        }
    }

    // Like the search model: without the OCR models the run goes on and the text stage stays pending.
    private async Task<OcrEngine?> OpenTextReaderAsync(CancellationToken cancellationToken)
    {
        try
        {
            var models = await feedback.DownloadAsync(progress => OcrModels.EnsureAsync(_store, progress, cancellationToken));
            return new OcrEngine(models, OnnxSessionFactory.ThreadPerRun, _logger);
        }
        catch (Exception e) when (e is ModelUnavailableException or OnnxRuntimeException or InvalidDataException or IOException)
        {
            feedback.TextReaderUnavailable(e.Message);
            return null;
        }
    }

    // As for OCR: without the face models the run goes on and the faces stage stays pending.
    private async Task<FaceReader?> OpenFaceReaderAsync(CancellationToken cancellationToken)
    {
        try
        {
            var detection = await feedback.DownloadAsync(progress => FaceModels.EnsureAsync(_store, progress, cancellationToken));
            var description = await feedback.DownloadAsync(progress => FaceDescriberModels.EnsureAsync(_store, progress, cancellationToken));
            return new FaceReader(detection, description, OnnxSessionFactory.ThreadPerRun, _logger);
        }
        catch (Exception e) when (e is ModelUnavailableException or OnnxRuntimeException or InvalidDataException or IOException)
        {
            feedback.FaceReaderUnavailable(e.Message);
            return null;
        }
    }

    // The place data is fetched once (some 14 MB) and made into the table every later run loads; without it the photos
    // are simply not placed yet.
    private async Task<PlaceFinder?> OpenPlacesAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await feedback.DownloadAsync(progress => PlaceData.EnsureAsync(_store, progress, cancellationToken));
        }
        catch (Exception e) when (e is ModelUnavailableException or InvalidDataException or IOException)
        {
            feedback.PlacesUnavailable(e is ModelUnavailableException unavailable ? unavailable.Summary : e.Message);
            return null;
        }
    }
}
