namespace Shoebox.Sources.FileSystem;

public sealed record WalkOptions
{
    /// <summary>Folders no photo library wants indexed: NAS thumbnail caches, recycle bins, file-system bookkeeping.</summary>
    public static readonly IReadOnlyList<string> DefaultExcludedNames =
        ["@eaDir", "#recycle", "#snapshot", "$RECYCLE.BIN", "System Volume Information", "lost+found", "node_modules"];

    /// <summary>Walk into folders and read files whose name starts with a dot (or carry the hidden attribute).</summary>
    public bool IncludeHidden { get; init; }

    /// <summary>Folder names skipped wherever they appear (compared case-insensitively).</summary>
    public IReadOnlyList<string> ExcludedNames { get; init; } = DefaultExcludedNames;

    /// <summary>Folders never entered, given as full paths (the library folder itself, when it sits inside a root).</summary>
    public IReadOnlyList<string> ExcludedPaths { get; init; } = [];

    /// <summary>Folders listed at once; listing waits on the disk more than on the CPU, so more than the core count pays.</summary>
    public int Parallelism { get; init; } = 8;
}
