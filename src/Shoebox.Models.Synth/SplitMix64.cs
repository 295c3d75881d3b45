namespace Shoebox.Models.Synth;

/// <summary>
/// A small seeded generator. Integer-only, so a seed gives the same weights (and the same file bytes) on every
/// platform and runtime, which System.Random and Math.Log-based samplers do not promise.
/// </summary>
internal struct SplitMix64(ulong state)
{
    // sqrt(3) / 65536: the sum of four uniform 16-bit draws has standard deviation 65536 / sqrt(3).
    private const float UnitScale = 1.7320508f / 65536f;

    private ulong _state = state;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// Zero mean, unit variance, bell-shaped (Irwin-Hall of four draws, bounded at about 3.5 sigma): close
    /// enough to a normal for initial weights, and exact in integers up to the final scaling.
    /// </summary>
    public float NextBell()
    {
        var bits = Next();
        var sum = (long)(bits & 0xFFFF) + (long)((bits >> 16) & 0xFFFF) + (long)((bits >> 32) & 0xFFFF) + (long)(bits >> 48);
        return (sum - (2 * 65535)) * UnitScale;
    }
}
