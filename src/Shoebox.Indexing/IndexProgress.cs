namespace Shoebox.Indexing;

public enum IndexPhase
{
    Scanning,
    Processing,
    Finished,
}

/// <summary>A moment's view of a run, for progress bars. Totals are unknown (null) while the walk is going on.</summary>
public sealed record IndexProgress(
    IndexPhase Phase,
    int FilesFound,
    int FilesChecked,
    int PhotosToProcess,
    int PhotosProcessed,
    int Failed);
