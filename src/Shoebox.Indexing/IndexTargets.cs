namespace Shoebox.Indexing;

/// <summary>What one `shoebox index` run walks and reads: folders, then photo libraries through their importers.</summary>
public sealed record IndexTargets(IReadOnlyList<string> Roots)
{
    /// <summary>Photo libraries read by their importers (Takeout, Lightroom, Apple Photos), after the folders.</summary>
    public IReadOnlyList<LibrarySource> Libraries { get; init; } = [];
}
