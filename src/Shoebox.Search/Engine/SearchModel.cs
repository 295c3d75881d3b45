using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Vectors;

namespace Shoebox.Search.Engine;

/// <summary>
/// The model an engine searches with and what runs it, taken whole by each search: when the library's model changes
/// (<see cref="SearchEngine.UseModelAsync"/>) a search under way ends with the model it began with, never mixing a query
/// vector of one model with the stored vectors of another.
/// </summary>
internal sealed class SearchModel : IDisposable
{
    public SearchModel(SearchEngineOptions options, CatalogPool catalogs, bool vectorsInDatabase)
    {
        Identity = options.Model;
        WhyNoTexts = options.WhyNoTexts;
        if (options.Model is { } model)
        {
            Vectors = vectorsInDatabase ? new DatabaseVectors(model, catalogs) : new LibraryVectors(options.Library.Folder, model, catalogs);
            Texts = options.Texts is { } texts ? new TextVectors(texts) : null;
            Images = options.Images is { } images ? new(images) : null;
        }
    }

    public ModelIdentity? Identity { get; }

    public IModelVectors? Vectors { get; }

    public TextVectors? Texts { get; }

    public Lazy<IImageEncoder>? Images { get; }

    public string? WhyNoTexts { get; }

    public void Dispose() => Vectors?.Dispose();
}
