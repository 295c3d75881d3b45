using Shoebox.Core;

namespace Shoebox.Catalog;

/// <summary>One photo near a query vector: the cosine of the two (their dot product, both being unit length).</summary>
public readonly record struct VectorMatch(long PhotoId, float Score);

/// <summary>Nearest-vector search inside the catalog's database, where the engine has it (PostgreSQL with pgvector).</summary>
public sealed partial class PhotoCatalog
{
    /// <summary>
    /// Whether the database answers nearest-vector queries itself (<see cref="NearestPhotos"/>); otherwise the
    /// vectors are loaded into an index in the process (the embedded default).
    /// </summary>
    public bool SearchesVectors => _dialect is PostgresDialect;

    /// <summary>Makes the model's vector index in the database if it has none yet; nothing where <see cref="SearchesVectors"/> is false.</summary>
    /// <remarks>Building over vectors already stored takes a while (minutes at a million) and holds back writes of vectors meanwhile.</remarks>
    public void EnsureVectorIndex(ModelIdentity model) => Guard(() =>
    {
        ArgumentNullException.ThrowIfNull(model);
        if (SearchesVectors)
        {
            PostgresVectorSearch.EnsureIndex(_connection, model);
        }
    });

    /// <summary>
    /// The <paramref name="k"/> searchable photos (with a vector of the model and a location that exists) most similar
    /// to <paramref name="query"/>, best first, equal scores by photo id. Only photos in <paramref name="among"/> when
    /// it is given, never those in <paramref name="excluded"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The catalog is the embedded one (<see cref="SearchesVectors"/> is false).</exception>
    public List<VectorMatch> NearestPhotos(
        ModelIdentity model, ReadOnlySpan<float> query, int k, IReadOnlyCollection<long>? among = null, IReadOnlyCollection<long>? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (query.Length != model.Dimensions)
        {
            throw new ArgumentException($"The query has {query.Length} dimensions; {model.Id} needs {model.Dimensions}.", nameof(query));
        }
        if (!SearchesVectors)
        {
            throw new NotSupportedException("The embedded catalog keeps no vector index; search its vectors in the process.");
        }
        if (among is { Count: 0 })
        {
            return [];
        }
        var vector = query.ToArray();
        return Guard(() => PostgresVectorSearch.Nearest(_connection, _dialect, model, vector, k, among, excluded ?? []));
    }
}
