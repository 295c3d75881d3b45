namespace Shoebox.Vectors;

public enum VectorIndexStaleReason
{
    Missing,
    Corrupt,
    OtherModel,

    /// <summary>Sound, but of a kind of index this version no longer has (IVF, the hand-written HNSW graph).</summary>
    Retired,
}

/// <summary>
/// A saved vector index cannot be used (see <see cref="Reason"/>); the caller rebuilds it from the catalog.
/// </summary>
public sealed class VectorIndexStaleException : Exception
{
    public VectorIndexStaleException(VectorIndexStaleReason reason, string message, Exception? inner = null)
        : base(message, inner)
    {
        Reason = reason;
    }

    public VectorIndexStaleException(string message) : this(VectorIndexStaleReason.Corrupt, message) { }

    public VectorIndexStaleException(string message, Exception inner) : this(VectorIndexStaleReason.Corrupt, message, inner) { }

    public VectorIndexStaleException() : this(VectorIndexStaleReason.Corrupt, "The vector index file cannot be used.") { }

    public VectorIndexStaleReason Reason { get; }
}
