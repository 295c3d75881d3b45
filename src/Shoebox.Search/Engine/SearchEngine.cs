using Shoebox.Catalog;
using Shoebox.Catalog.Stores;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Search.Duplicates;
using Shoebox.Vectors;

namespace Shoebox.Search.Engine;

/// <summary>
/// Search over one library: parse the query, take candidates from the vector index and the full-text index, fuse
/// them, apply the filters and cut out one page. Thread-safe: the web server calls it from many requests at once,
/// each on a catalog connection of its own from the engine's pool.
/// </summary>
public sealed partial class SearchEngine : IAsyncDisposable
{
    private readonly CatalogPool _catalogs;
    private readonly ImageDecoder _decoder;
    private readonly FilterCache _filters;
    private readonly bool _vectorsInDatabase;

    // Swapped whole by UseModelAsync; the ones it replaced are closed with the engine, as searches under way may hold them.
    private volatile SearchModel _model;
    private readonly List<SearchModel> _retired = [];

    // Remembers JPEG qualities and conversions read from files for the keepers of duplicate groups: every visit to
    // the page would read them again otherwise.
    private readonly CopyInspector _copies;

    private readonly FoundDuplicates _duplicates = new();

    private SearchEngine(SearchEngineOptions options, CatalogPool catalogs, bool vectorsInDatabase)
    {
        _catalogs = catalogs;
        _filters = new FilterCache(catalogs);
        Library = options.Library;
        _vectorsInDatabase = vectorsInDatabase;
        _model = new SearchModel(options, catalogs, vectorsInDatabase);
        _decoder = new ImageDecoder(options.Decode);
        _copies = new CopyInspector(_decoder);
    }

    /// <summary>Opens the engine over an existing library.</summary>
    /// <exception cref="LibraryUnavailableException">There is no library there, or its catalog cannot be opened.</exception>
    public static async Task<SearchEngine> OpenAsync(SearchEngineOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var catalogs = new CatalogPool(options.Library);
        try
        {
            // Opened once now, so that a missing or unreachable library is reported before anything is served.
            await using var catalog = await catalogs.RentAsync(cancellationToken);
            return new SearchEngine(options, catalogs, catalog.Vectors.SearchedInDatabase);
        }
        catch
        {
            await catalogs.DisposeAsync();
            throw;
        }
    }

    public Library Library { get; }

    /// <summary>The model searched with now (see <see cref="UseModelAsync"/>).</summary>
    public ModelIdentity? Model => _model.Identity;

    /// <summary>
    /// The library's saved vector index as this engine holds it, for indexing in the same process (serve) to keep up
    /// to date rather than hold a second copy; null when the catalog searches vectors itself or there is no model.
    /// </summary>
    public LibraryVectors? LibraryVectors => _model.Vectors as LibraryVectors;

    public bool CanSearchByText => _model.Texts is not null;

    public bool CanSearchByImage => _model.Images is not null;

    /// <summary>Why words are not searched by the model (not installed, or one that compares images only); null when they are.</summary>
    public string? WhyNoTextSearch => _model.Texts is null ? _model.WhyNoTexts : null;

    /// <summary>
    /// Searches with another model from now on (its vectors loaded now, so the first search after does not wait); the
    /// library's model changed while serving. <paramref name="options"/>' library is this engine's.
    /// </summary>
    public async Task UseModelAsync(SearchEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var next = new SearchModel(options with { Library = Library }, _catalogs, _vectorsInDatabase);
        if (next.Vectors is not null)
        {
            await next.Vectors.SyncAsync();
        }
        lock (_retired)
        {
            _retired.Add(_model);
            _model = next;
        }
        _filters.Clear();
        _duplicates.Clear();
    }

    /// <summary>What the library holds and what is still to do (see <see cref="PhotoCatalog.GetStatusAsync"/>).</summary>
    public Task<CatalogStatus> StatusAsync(int failureLimit = 50) => _catalogs.WithAsync(catalog => catalog.GetStatusAsync(failureLimit));

    /// <summary>Everything about one photo; null when there is no such photo or none of its files exists.</summary>
    public Task<PhotoDetails?> GetPhotoAsync(long id) => _catalogs.WithAsync(async catalog =>
    {
        if (await catalog.Photos.FindAsync(id) is not { IsMissing: false } photo)
        {
            return null;
        }
        var locations = await catalog.Locations.OfPhotoAsync(id);
        var texts = await catalog.Texts.OfPhotoAsync(id);
        var place = (await catalog.Places.LoadDisplayAsync([id])).GetValueOrDefault(id);
        var hasVector = Model is { } model && (await catalog.Vectors.LoadAsync(model, [id])).Count > 0;
        return new PhotoDetails
        {
            Photo = Results.Of(photo, 0, [], place),
            Size = photo.Size,
            Lens = photo.Lens,
            Altitude = photo.Altitude,
            AddedAt = photo.AddedAt,
            Locations = [.. locations.Select(l => new PhotoLocation(
                l.Path, l.Status.ToString().ToLowerInvariant(), l.LastSeen, l.Content switch
                {
                    ArchiveEntry => "archive",
                    StandIn => "preview",
                    _ when l.IsPairedRaw => "raw",
                    _ => "file",
                }))],
            // The folded list of every name of the photo's place is for searching, not for reading.
            Texts = [.. texts.Where(t => t.Kind != PlaceStore.NamesKind).Select(t => new PhotoText(t.Kind, t.Source, t.Content))],
            HasVector = hasVector,
        };
    });

    /// <summary>A photo as a search result would show it (one catalog read), or null when there is no such photo or none of its files exists.</summary>
    public Task<SearchResult?> FindAsync(long id) => _catalogs.WithAsync(async catalog =>
        await catalog.Photos.FindAsync(id) is { IsMissing: false } photo
            ? Results.Of(photo, 0, [], (await catalog.Places.LoadDisplayAsync([id])).GetValueOrDefault(id))
            : null);

    /// <summary>Where the photo's bytes can be read now (locations that exist), the first found first.</summary>
    public async Task<IReadOnlyList<CatalogLocation>> ExistingLocationsAsync(long id) =>
        [.. (await _catalogs.WithAsync(catalog => catalog.Locations.OfPhotoAsync(id))).Where(l => l.HoldsContent)];

    /// <summary>The photo's content hash, which names its thumbnails, or null when there is no such photo.</summary>
    public Task<ContentHash?> HashOfAsync(long id) => _catalogs.WithAsync(catalog => catalog.Photos.HashOfAsync(id));

    /// <summary>The vector of an image file that need not be in the library (an upload, a path).</summary>
    /// <exception cref="BadImageException">It cannot be decoded or is over the pixel limit.</exception>
    /// <exception cref="InvalidOperationException">No image model is available (<see cref="CanSearchByImage"/> is false).</exception>
    public float[] EmbedImage(string path)
    {
        var model = _model;
        var encoder = model.Images?.Value ?? throw new InvalidOperationException(
            model.Identity is null ? "This library has no search model." : $"The model {model.Identity.Id} is not installed, so images cannot be compared with the library.");
        var image = _decoder.Decode(path, encoder.DecodeSize, Fit.Cover);
        return encoder.Encode([encoder.Preprocess(image)])[0];
    }

    /// <summary>Takes in what indexing has changed in the catalog since the last call (new, moved, removed photos).</summary>
    public async Task RefreshAsync()
    {
        _filters.Clear();
        _duplicates.Clear();
        if (_model.Vectors is { } vectors)
        {
            await vectors.SyncAsync();
        }
    }

    /// <summary>Loads the vector index and runs the text model once, so the first real search answers quickly.</summary>
    public async Task WarmAsync()
    {
        var model = _model;
        if (model.Vectors is { } vectors)
        {
            await vectors.SyncAsync();
        }
        model.Texts?.Warm();
    }

    public async ValueTask DisposeAsync()
    {
        _model.Dispose();
        foreach (var retired in _retired)
        {
            retired.Dispose();
        }
        await _catalogs.DisposeAsync();
    }
}
