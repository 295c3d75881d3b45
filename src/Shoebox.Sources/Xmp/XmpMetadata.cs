namespace Shoebox.Sources.Xmp;

/// <summary>
/// What Shoebox has to say about an image in its sidecars: keywords as the catalog keeps them (hierarchical ones
/// as '|' paths) and a caption.
/// </summary>
public sealed record XmpMetadata(IReadOnlyList<string> Keywords, string? Caption)
{
    public bool IsEmpty => Keywords.Count == 0 && string.IsNullOrWhiteSpace(Caption);
}

public enum CaptionChange
{
    None,
    Set,
    Removed,
}

/// <summary>What writing did (or, in a dry run, would do) to one sidecar.</summary>
public sealed record SidecarChange(
    string SidecarPath, bool Created, IReadOnlyList<string> AddedKeywords, IReadOnlyList<string> RemovedKeywords, CaptionChange Caption)
{
    public bool Changed => AddedKeywords.Count > 0 || RemovedKeywords.Count > 0 || Caption != CaptionChange.None;

    public static SidecarChange None(string sidecarPath) => new(sidecarPath, false, [], [], CaptionChange.None);
}
