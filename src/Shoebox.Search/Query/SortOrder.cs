namespace Shoebox.Search.Query;

public enum SortOrder
{
    /// <summary>Best match first; with nothing to rank by, the caller picks the order (a random wall).</summary>
    Relevance,

    /// <summary>Most recently taken first.</summary>
    Newest,

    /// <summary>Earliest taken first.</summary>
    Oldest,
}
