using System.Collections.Frozen;

namespace Shoebox.Core;

/// <summary>
/// The names camera raw files go by, the one list that scanning, RAW + JPEG pairing and sidecars agree on. It
/// reaches past the formats <see cref="RawSniffer"/> tells apart (Kodak's DCR, KDC and K25, Epson's ERF, Hasselblad's
/// FFF, Mamiya's MEF, Leaf's MOS, Sony's SRF, the RAW of older Panasonic and Leica cameras): such a file is a raw by
/// its name even when its content reads as a plain TIFF.
/// </summary>
public static class RawExtensions
{
    public static readonly FrozenSet<string> All = new[]
    {
        ".3fr", ".arw", ".cr2", ".cr3", ".crw", ".dcr", ".dng", ".erf", ".fff", ".iiq", ".k25", ".kdc", ".mef", ".mos",
        ".mrw", ".nef", ".nrw", ".orf", ".pef", ".raf", ".raw", ".rw2", ".rwl", ".sr2", ".srf", ".srw", ".x3f",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="path"/> is named as a camera raw, in any case.</summary>
    public static bool IsRaw(string path) => All.Contains(Path.GetExtension(path));
}
