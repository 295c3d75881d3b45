namespace Shoebox.Search.Vectors;

/// <summary>
/// Version 3 of <see cref="VectorIndexFile"/>, for <see cref="HnswVectorIndex"/>; the header's count is the graph's
/// node count, deleted nodes included. After it: M, efConstruction, efSearch, seed and the entry point (int32 each),
/// then per node its photo id (int64), then a deleted flag (byte) per node, its top layer (byte) per node, the rows
/// (float32), the bottom layer's link slots (int32, 2M + 1 per node: count, then links), and for each node above the
/// bottom layer, in node order, its upper layers' slots (M + 1 per layer). The graph is saved as it is, so loading
/// links nothing and gives the same answers.
/// </summary>
internal static class HnswIndexFile
{
    public const int Version = 3;

    public static void Write(string path, string modelKey, HnswOptions options, HnswGraph graph) =>
        VectorIndexFile.Write(path, Version, modelKey, graph.Dimensions, graph.Count, body =>
        {
            var n = graph.Count;
            body.Append<int>([options.M, options.EfConstruction, options.EfSearch, options.Seed, graph.EntryPoint]);
            body.Append<long>(graph.Ids.AsSpan(0, n));
            body.Append<byte>([.. graph.Deleted.Take(n).Select(deleted => deleted ? (byte)1 : (byte)0)]);
            body.Append<byte>(graph.Levels.AsSpan(0, n));
            body.Append<float>(graph.Rows.AsSpan(0, n * graph.Dimensions));
            body.Append<int>(graph.Links0.AsSpan(0, n * graph.Stride0));
            for (var node = 0; node < n; node++)
            {
                body.Append<int>(graph.Upper[node]);
            }
        });

    public static (HnswOptions Options, HnswGraph Graph) Read(string path, string modelKey, int dimensions) =>
        VectorIndexFile.Read(path, Version, modelKey, dimensions, (body, n) =>
        {
            var head = body.Read<int>(5);
            var (m, efConstruction, efSearch, seed, entry) = (head[0], head[1], head[2], head[3], head[4]);
            if (m < 2 || m > HnswGraph.MaxM || efConstruction < 1 || efSearch < 1 || entry < -1 || entry >= n || (entry == -1) != (n == 0))
            {
                throw VectorIndexFile.Corrupt(path, $"M {m}, ef {efConstruction}/{efSearch} and entry point {entry} make no graph");
            }
            var ids = body.Read<long>(n);
            var flags = body.Read<byte>(n);
            var levels = body.Read<byte>(n);
            if (flags.Any(flag => flag > 1) || levels.Any(level => level > HnswGraph.MaxLevel))
            {
                throw VectorIndexFile.Corrupt(path, "its deleted flags or layers are out of range");
            }
            var upperInts = levels.Sum(level => (long)level) * (m + 1);
            body.ExpectRemaining((((long)n * dimensions) + ((long)n * ((2 * m) + 1)) + upperInts) * sizeof(int));
            var rows = body.Read<float>((long)n * dimensions);
            var links0 = body.Read<int>((long)n * ((2 * m) + 1));
            var upper = levels.Select(level => body.Read<int>(level * (m + 1))).ToArray();
            var graph = new HnswGraph(dimensions, m, ids, [.. flags.Select(flag => flag == 1)], levels, rows, links0, upper, entry);
            CheckLinks(graph, path);
            return (new HnswOptions { M = m, EfConstruction = efConstruction, EfSearch = efSearch, Seed = seed }, graph);
        });

    // A link out of range would crash every search that reaches it; the checksum catches damage, this catches lies.
    private static void CheckLinks(HnswGraph graph, string path)
    {
        if (graph.EntryPoint >= 0 && graph.Levels.Any(level => level > graph.TopLevel))
        {
            throw VectorIndexFile.Corrupt(path, "its entry point is not on the top layer");
        }
        for (var node = 0; node < graph.Count; node++)
        {
            for (var level = 0; level <= graph.Levels[node]; level++)
            {
                var slots = graph.LinkSlots(node, level);
                if (slots[0] < 0 || slots[0] > graph.MaxLinks(level) || slots.Slice(1, slots[0]).ContainsAnyExceptInRange(0, graph.Count - 1))
                {
                    throw VectorIndexFile.Corrupt(path, $"node {node} has links out of range on layer {level}");
                }
            }
        }
    }
}
