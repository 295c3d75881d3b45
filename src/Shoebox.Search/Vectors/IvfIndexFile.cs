namespace Shoebox.Search.Vectors;

/// <summary>
/// Version 2 of <see cref="VectorIndexFile"/>, for <see cref="IvfVectorIndex"/>. After the common header: list count
/// L (int32), probes (int32), the mean the centroids are centred on (float32), L centroids of float32, L list sizes (int32), then per list its photo ids (int64) and
/// rows (float32). Lists are saved as they are, so loading needs no k-means and gives the same answers.
/// </summary>
internal static class IvfIndexFile
{
    public const int Version = 2;

    public static void Write(string path, string modelKey, int dimensions, int probes, float[] mean, float[] centroids, IReadOnlyList<IvfList> lists) =>
        VectorIndexFile.Write(path, Version, modelKey, dimensions, lists.Sum(list => list.Count), body =>
        {
            body.Append<int>([lists.Count, probes]);
            body.Append<float>(mean);
            body.Append<float>(centroids.AsSpan(0, lists.Count * dimensions));
            body.Append<int>([.. lists.Select(list => list.Count)]);
            foreach (var list in lists)
            {
                body.Append<long>(list.Ids.AsSpan(0, list.Count));
                body.Append<float>(list.Rows.AsSpan(0, list.Count * dimensions));
            }
        });

    public static (int Probes, float[] Mean, float[] Centroids, List<IvfList> Lists) Read(string path, string modelKey, int dimensions) =>
        VectorIndexFile.Read(path, Version, modelKey, dimensions, (body, count) =>
        {
            var head = body.Read<int>(2);
            var (listCount, probes) = (head[0], head[1]);
            if (listCount < 0 || (long)listCount * dimensions > Array.MaxLength || probes < 1 || (count > 0 && listCount == 0))
            {
                throw VectorIndexFile.Corrupt(path, $"{listCount} lists probed {probes} at a time make no index");
            }
            body.ExpectRemaining((dimensions * sizeof(float)) + ((long)listCount * ((dimensions * sizeof(float)) + sizeof(int))) +
                (count * (sizeof(long) + ((long)dimensions * sizeof(float)))));
            var mean = body.Read<float>(dimensions);
            var centroids = body.Read<float>((long)listCount * dimensions);
            var sizes = body.Read<int>(listCount);
            if (sizes.Any(size => size < 0) || sizes.Sum(size => (long)size) != count)
            {
                throw VectorIndexFile.Corrupt(path, $"its list sizes do not add up to its {count} vectors");
            }
            var lists = sizes.Select(size => new IvfList(dimensions, body.Read<long>(size), body.Read<float>((long)size * dimensions))).ToList();
            return (probes, mean, centroids, lists);
        });
}
