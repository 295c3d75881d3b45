using System.Security.Cryptography;

namespace Shoebox.Web.Api;

/// <summary>
/// The vectors of recent uploads, so that the pages after the first of a search by image need not send the image
/// again. Bounded: the oldest upload is forgotten first, and its next page answers 404 (upload it again).
/// </summary>
internal sealed class UploadCache(int capacity = 64)
{
    public const string Prefix = "upload:";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public string Add(float[] vector)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        lock (_lock)
        {
            _vectors[id] = vector;
            _order.Enqueue(id);
            while (_order.Count > capacity)
            {
                _vectors.Remove(_order.Dequeue());
            }
        }
        return id;
    }

    public float[]? Find(string id)
    {
        lock (_lock)
        {
            return _vectors.GetValueOrDefault(id);
        }
    }
}
