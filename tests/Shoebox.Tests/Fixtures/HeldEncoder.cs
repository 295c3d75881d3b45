using Shoebox.Core;

namespace Shoebox.Tests.Fixtures;

/// <summary>
/// A real image encoder that holds every batch until <see cref="Release"/>: an index run that reaches its embedding
/// stage stays running, so a test sees its progress whatever the machine's speed. Closing it does not close the encoder
/// it holds (its owner does).
/// </summary>
public sealed class HeldEncoder(IImageEncoder encoder) : IImageEncoder
{
    // A run held longer than this is a test that forgot to release it: it goes on rather than hang the suite.
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(2);

    private readonly ManualResetEventSlim _released = new();

    public ModelIdentity Model => encoder.Model;

    public int DecodeSize => encoder.DecodeSize;

    public float[] Preprocess(RgbImage image) => encoder.Preprocess(image);

    public IReadOnlyList<float[]> Encode(IReadOnlyList<float[]> preprocessed)
    {
        _released.Wait(Longest);
        return encoder.Encode(preprocessed);
    }

    public void Release() => _released.Set();

    public void Dispose()
    {
        _released.Set();
        _released.Dispose();
    }
}
