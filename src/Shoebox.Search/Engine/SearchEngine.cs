using Shoebox.Catalog;
using Shoebox.Sources;
using Shoebox.Core;
using Shoebox.Imaging;

namespace Shoebox.Search.Engine;

/// <summary>
/// Search over one library: parse the query, take candidates from the vector index and the full-text index, fuse
/// them, apply the filters and cut out one page. Thread-safe: the web server calls it from many requests at once.
/// </summary>
public sealed partial class SearchEngine : IDisposable
{
    private readonly CatalogAccess _catalog;
    private readonly IModelVectors? _vectors;
    private readonly TextVectors? _texts;
    private readonly Lazy<IImageEncoder>? _images;
    private readonly ImageDecoder _decoder;
    private readonly string? _whyNoTexts;
    private readonly FilterCache _filters;

    /// <exception cref="LibraryUnavailableException">The catalog cannot be opened.</exception>
    public SearchEngine(SearchEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!PhotoCatalog.IsDatabaseUrl(options.Catalog) && !File.Exists(Path.Combine(options.LibraryFolder, PhotoCatalog.FileName)))
        {
            throw new LibraryUnavailableException($"There is no library at {options.LibraryFolder}: run `shoebox index PATH` first.");
        }
        _catalog = new CatalogAccess(PhotoCatalog.Open(options.LibraryFolder, options.Catalog));
        _filters = new FilterCache(_catalog);
        Model = options.Model;
        if (options.Model is { } model)
        {
            _vectors = _catalog.Read(c => c.SearchesVectors)
                ? new DatabaseVectors(model, _catalog)
                : new LibraryVectors(options.LibraryFolder, model, _catalog);
            _texts = options.Texts is { } texts ? new TextVectors(texts) : null;
            _images = options.Images is { } images ? new(images) : null;
        }
        _decoder = new ImageDecoder(options.Decode);
        _whyNoTexts = options.WhyNoTexts;
    }

    public ModelIdentity? Model { get; }

    /// <summary>Where the catalog is, for messages: catalog.db's path, or the database URL without its password.</summary>
    public string CatalogAddress => _catalog.Read(c => c.Address);

    public bool CanSearchByText => _texts is not null;

    public bool CanSearchByImage => _images is not null;

    public PhotoDetails? GetPhoto(long id)
    {
        var photo = _catalog.Read(c => c.LoadPhotos([id])).GetValueOrDefault(id);
        if (photo is null)
        {
            return null;
        }
        var locations = _catalog.Read(c => c.LoadLocationsOf(id));
        var texts = _catalog.Read(c => c.LoadTextsOf(id));
        var hasVector = Model is not null && _catalog.Read(c => c.LoadEmbeddings(Model, [id])).Count > 0;
        return new PhotoDetails
        {
            Photo = Results.Of(photo, 0, []),
            Size = photo.Size,
            Lens = photo.Lens,
            Altitude = photo.Altitude,
            AddedAt = DateTimeOffset.FromUnixTimeMilliseconds(photo.AddedAtMilliseconds),
            Locations = [.. locations.Select(l => new PhotoLocation(
                l.Path, l.Status, DateTimeOffset.FromUnixTimeMilliseconds(l.LastSeenMilliseconds), ContentRef.Parse(l.Content) switch
                {
                    ArchiveEntry => "archive",
                    StandIn => "preview",
                    _ => "file",
                }))],
            Texts = [.. texts.Select(t => new PhotoText(t.Kind, t.Source, t.Content))],
            HasVector = hasVector,
        };
    }

    /// <summary>A photo as a search result would show it (one catalog read), or null when there is no such photo.</summary>
    public SearchResult? Find(long id) =>
        _catalog.Read(c => c.LoadPhotos([id])).GetValueOrDefault(id) is { } photo ? Results.Of(photo, 0, []) : null;

    /// <summary>
    /// The photo's bytes as they can be read now: a file on disk (path), or an entry inside an archive (stream);
    /// a stand-in preview only when no location of the original itself can be read. Null when nothing can.
    /// </summary>
    public (string? Path, Stream? Stream)? OpenOriginal(long id)
    {
        var locations = _catalog.Read(c => c.LoadLocationsOf(id)).Where(l => l.Status == "ok").ToList();
        // The file itself, then an archive entry (still the original's bytes), then a stand-in preview.
        foreach (var location in locations.OrderBy(l => l.Content is null ? 0 : ContentRef.Parse(l.Content) is ArchiveEntry ? 1 : 2))
        {
            switch (ContentRef.Parse(location.Content))
            {
                case null when File.Exists(location.Path):
                    return (location.Path, null);
                case ArchiveEntry entry when File.Exists(entry.Archive):
                    try
                    {
                        return (null, ArchiveReader.ReadEntry(entry));
                    }
                    catch (Exception e) when (e is IOException or InvalidDataException)
                    {
                        continue; // damaged or rewritten archive: try the next location
                    }
                case StandIn standIn when File.Exists(standIn.File):
                    return (standIn.File, null);
            }
        }
        return null;
    }

    /// <summary>The photo's content hash, which names its thumbnails, or null when there is no such photo.</summary>
    public string? HashOf(long id) => _catalog.Read(c => c.HashOf(id));

    /// <summary>The vector of an image file that need not be in the library (an upload, a path).</summary>
    /// <exception cref="BadImageException">It cannot be decoded or is over the pixel limit.</exception>
    /// <exception cref="InvalidOperationException">No image model is available (<see cref="CanSearchByImage"/> is false).</exception>
    public float[] EmbedImage(string path)
    {
        var encoder = _images?.Value ?? throw new InvalidOperationException(
            Model is null ? "This library has no search model." : $"The model {Model.Id} is not installed, so images cannot be compared with the library.");
        var image = _decoder.Decode(path, encoder.DecodeSize, Fit.Cover);
        return encoder.Encode([encoder.Preprocess(image)])[0];
    }

    /// <summary>Takes in what indexing has changed in the catalog since the last call (new, moved, removed photos).</summary>
    public void Refresh()
    {
        _filters.Clear();
        _vectors?.Sync();
    }

    /// <summary>Loads the vector index and runs the text model once, so the first real search answers quickly.</summary>
    public void Warm()
    {
        _vectors?.Sync();
        _texts?.Warm();
    }

    public void Dispose()
    {
        _vectors?.Dispose();
        _catalog.Dispose();
    }
}
