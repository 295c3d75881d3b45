namespace Shoebox.Sources.FileSystem;

/// <summary>A regular file found under a root (through symbolic links too); size and modification time as listed.</summary>
public sealed record FoundFile(string Path, string Root, long Size, long ModifiedTicks);

/// <summary>Something under a root that could not be looked at: an unreadable folder, a broken link.</summary>
public sealed record WalkProblem(string Path, string Reason, bool IsFolder);
