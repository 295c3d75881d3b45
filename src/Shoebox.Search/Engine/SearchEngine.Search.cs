using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Search.Query;
using Shoebox.Vectors;

namespace Shoebox.Search.Engine;

public sealed partial class SearchEngine
{
    /// <summary>How many ranked photos a date-sorted search orders: the relevant set is cut off well before this.</summary>
    private const int DateSortedPool = 2000;

    /// <summary>The fewest candidates taken from each source, so fusion has enough of both to work with.</summary>
    private const int MinimumPool = 100;

    /// <exception cref="ArgumentException">LikePhoto names no photo, the photo has no vector, or LikeVector does not fit the model.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Offset is negative, or Limit is not 1..<see cref="SearchRequest.MaxLimit"/>.</exception>
    public async Task<SearchPage> SearchAsync(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(request.Offset, nameof(request));
        if (request.Limit is < 1 or > SearchRequest.MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(request), $"The limit must be between 1 and {SearchRequest.MaxLimit}.");
        }
        var query = QueryParser.Parse(request.Query ?? "");
        var notes = new List<string>();
        var filter = query.Filter;
        var excluded = query.Excluded.Count == 0
            ? []
            : new HashSet<long>((await _catalogs.WithAsync(c => c.Texts.MatchAsync(QueryTerms.ExcludedTerms(query), int.MaxValue, any: true))).Select(m => m.PhotoId));
        var scoreKind = "none";
        List<RankedPhoto> window;
        if (request.Random)
        {
            window = await RandomAsync(filter, excluded, request.Limit);
        }
        else if (query.Terms.Count > 0 || request.LikePhoto is not null || request.LikeVector is not null)
        {
            (var ranked, scoreKind) = await RankAsync(request, query, filter, excluded, notes);
            window = [.. (await OrderAsync(ranked, query.Sort)).Skip(request.Offset).Take(request.Limit + 1)];
        }
        else
        {
            window = await ByDateAsync(query, filter, excluded, request);
        }
        // Pages hold one photo more than asked when more follow; a random pick can always pick again.
        var hasMore = request.Random ? window.Count == request.Limit : window.Count > request.Limit;
        return new SearchPage
        {
            Results = await HydrateAsync([.. window.Take(request.Limit)]),
            Offset = request.Offset,
            HasMore = hasMore,
            Query = query.ToString(),
            ScoreKind = scoreKind,
            Problems = query.Problems,
            Notes = notes,
        };
    }

    // Everything ranked for the query (up to the pool), fused: vectors for meaning, full text for names and captions.
    private async Task<(List<RankedPhoto> Ranked, string ScoreKind)> RankAsync(
        SearchRequest request, SearchQuery query, PhotoFilter filter, HashSet<long> excluded, List<string> notes)
    {
        var allowed = await _filters.PassingAsync(filter);
        bool Passes(long id) => id != request.LikePhoto && (allowed is null || allowed.Contains(id)) && !excluded.Contains(id);
        var pool = query.Sort == SortOrder.Relevance ? Math.Max(request.Offset + request.Limit + 1, MinimumPool) : DateSortedPool;

        var byExample = request.LikePhoto is not null || request.LikeVector is not null;
        var model = _model;
        var (words, unwanted) = EncodeWords(model, query, notes);
        var vector = QueryVector.Combine([.. await ExamplesAsync(model.Identity, request), .. words], unwanted);
        IReadOnlySet<long> notWanted = request.LikePhoto is { } like ? new HashSet<long>(excluded) { like } : excluded;
        var vectorHits = vector is null || model.Vectors is null
            ? []
            : Ranking.FromVectors(Ranking.CutOff(await model.Vectors.NearestAsync(vector, pool, allowed, notWanted), byExample ? Ranking.ImageMargin : Ranking.TextMargin));
        // Over-fetched when filtering, since the catalog ranks before the filter is applied.
        var textLimit = allowed is null && excluded.Count == 0 ? pool : pool * 10;
        var textHits = query.Terms.Count == 0
            ? []
            : Ranking.FromText((await _catalogs.WithAsync(c => c.Texts.MatchAsync(QueryTerms.Terms(query), textLimit))).Where(m => Passes(m.PhotoId)).Take(pool));

        if (vectorHits.Count > 0 && textHits.Count > 0)
        {
            return (Ranking.Fuse(vectorHits, textHits), "fused");
        }
        return vector is not null ? (vectorHits, "similarity") : (textHits, "text");
    }

    private async Task<List<float[]>> ExamplesAsync(ModelIdentity? model, SearchRequest request)
    {
        var examples = new List<float[]>();
        if (request.LikePhoto is { } photoId)
        {
            examples.Add(await StoredVectorAsync(model, photoId));
        }
        if (request.LikeVector is { } example)
        {
            if (model is null || example.Length != model.Dimensions)
            {
                throw new ArgumentException($"The example vector has {example.Length} dimensions; this library's model needs {model?.Dimensions ?? 0}.");
            }
            examples.Add(example);
        }
        return examples;
    }

    // The wanted words as one text (the model reads them together) and each unwanted word or phrase on its own.
    private static (IReadOnlyList<float[]> Wanted, IReadOnlyList<float[]> Unwanted) EncodeWords(SearchModel model, SearchQuery query, List<string> notes)
    {
        if (query.Terms.Count == 0 && query.Excluded.Count == 0)
        {
            return ([], []);
        }
        if (model.Texts is null)
        {
            var why = model.WhyNoTexts ?? (model.Identity is null ? "This library has no search model yet" : $"The model {model.Identity.Id} cannot read words here");
            notes.Add($"{why}; the words were looked up in file and folder names, keywords, captions and the text read in the pictures instead.");
            return ([], []);
        }
        var wanted = query.Terms.Count > 0 ? new[] { query.Text } : [];
        var vectors = model.Texts.Encode([.. wanted, .. query.Excluded]);
        return (vectors.Take(wanted.Length).ToList(), vectors.Skip(wanted.Length).ToList());
    }

    private async Task<float[]> StoredVectorAsync(ModelIdentity? model, long photoId)
    {
        if (model is null)
        {
            throw new ArgumentException("This library has no search model, so there is nothing to compare photos by.");
        }
        var (vector, photo) = await _catalogs.WithAsync(async c =>
            ((await c.Vectors.LoadAsync(model, [photoId])).GetValueOrDefault(photoId), await c.Photos.FindAsync(photoId)));
        if (vector is not null && photo is { IsMissing: false })
        {
            return vector;
        }
        throw new ArgumentException(photo switch
        {
            null => $"There is no photo {photoId}.",
            { IsMissing: true } => $"None of photo {photoId}'s files exists any more.",
            _ => $"Photo {photoId} has no {model.Id} vector yet: run `shoebox index` with that model.",
        });
    }

    private async Task<List<RankedPhoto>> RandomAsync(PhotoFilter filter, HashSet<long> excluded, int limit) =>
        [.. (await _catalogs.WithAsync(c => c.Photos.ListAsync(filter, PhotoOrder.Random, 0, limit, excluded))).Select(Unranked)];

    // Nothing to rank by: the photos that pass the filters, newest first unless sort:oldest.
    private async Task<List<RankedPhoto>> ByDateAsync(SearchQuery query, PhotoFilter filter, HashSet<long> excluded, SearchRequest request)
    {
        var order = query.Sort == SortOrder.Oldest ? PhotoOrder.Oldest : PhotoOrder.Newest;
        return [.. (await _catalogs.WithAsync(c => c.Photos.ListAsync(filter, order, request.Offset, request.Limit + 1, excluded))).Select(Unranked)];
    }

    private static RankedPhoto Unranked(long id) => new(id, 0, []);

    private async Task<IEnumerable<RankedPhoto>> OrderAsync(List<RankedPhoto> ranked, SortOrder sort)
    {
        if (sort == SortOrder.Relevance)
        {
            return ranked;
        }
        var photos = await _catalogs.WithAsync(c => c.Photos.LoadAsync([.. ranked.Select(r => r.Id)]));
        DateTime? TakenAt(RankedPhoto r) => photos.GetValueOrDefault(r.Id)?.TakenAt;
        // Undated photos go last either way, in relevance order.
        var dated = ranked.Where(r => TakenAt(r) is not null);
        var ordered = sort == SortOrder.Newest ? dated.OrderByDescending(TakenAt) : dated.OrderBy(TakenAt);
        return ordered.Concat(ranked.Where(r => TakenAt(r) is null));
    }

    private async Task<List<SearchResult>> HydrateAsync(List<RankedPhoto> ranked)
    {
        var (photos, places) = await _catalogs.WithAsync(async c =>
        {
            var ids = ranked.Select(r => r.Id).ToList();
            return (await c.Photos.LoadAsync(ids), await c.Places.LoadDisplayAsync(ids));
        });
        // A photo pruned, or whose last file went, between ranking and lookup is left out rather than shown empty.
        return [.. ranked.Where(r => photos.GetValueOrDefault(r.Id) is { IsMissing: false }).Select(r => Results.Of(photos[r.Id], r.Score, r.MatchedBy, places.GetValueOrDefault(r.Id)))];
    }
}
