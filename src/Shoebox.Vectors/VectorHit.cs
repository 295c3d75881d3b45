namespace Shoebox.Vectors;

/// <summary>One search result: the dot product of the query and the photo's vector (the cosine, as both are unit length).</summary>
public readonly record struct VectorHit(long PhotoId, float Score);
