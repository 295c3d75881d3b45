namespace Shoebox.Sources.Lightroom;

/// <summary>
/// Lightroom writes orientation as two corner letters: where the stored image's top-left and top-right corners
/// end up on screen, corners lettered A B C D clockwise from the top-left. AB, BC, CD and DA are documented
/// (EXIF 1, 6, 3, 8); BA and DC (the two mirrors that keep rows horizontal, EXIF 2 and 4) follow from the same
/// reading and agree with other readers. AD and CB (mirrored quarter turns) are read differently by different
/// sources, so they are left as stored and reported rather than guessed.
/// </summary>
public static class LightroomOrientation
{
    public static int? ToExif(string? code) => code?.Trim().ToUpperInvariant() switch
    {
        null or "" or "AB" => 1,
        "BC" => 6,
        "CD" => 3,
        "DA" => 8,
        "BA" => 2,
        "DC" => 4,
        _ => null,
    };
}
