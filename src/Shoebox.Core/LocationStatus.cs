namespace Shoebox.Core;

/// <summary>What the catalog knows of a path: it holds a photo (ok), held one that is gone (missing), or holds none.</summary>
public enum LocationStatus
{
    Ok,
    Missing,
    Failed,
    Ignored,
}
