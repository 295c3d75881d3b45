namespace Shoebox.Search.Engine;

/// <summary>
/// One page of one search. <see cref="Query"/> is text in the syntax of <see cref="Query.QuerySyntax.HelpText"/>
/// (words plus filters); an example (a photo or an image's vector) or <see cref="Random"/> can stand in for the
/// words or join them, and the query's filters always apply.
/// </summary>
public sealed record SearchRequest
{
    public const int MaxLimit = 500;

    public string Query { get; init; } = "";

    /// <summary>Photos like this catalogued photo.</summary>
    public long? LikePhoto { get; init; }

    /// <summary>Photos like this image (an upload or a file outside the library), as a vector of the engine's model.</summary>
    public float[]? LikeVector { get; init; }

    /// <summary>A random selection of the photos that pass the filters, instead of a ranking.</summary>
    public bool Random { get; init; }

    public int Offset { get; init; }

    public int Limit { get; init; } = 50;
}
