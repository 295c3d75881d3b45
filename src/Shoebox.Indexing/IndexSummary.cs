using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shoebox.Indexing;

/// <summary>
/// What one `shoebox index` did. Every image file found lands in exactly one of new, unchanged, changed, moved,
/// copied and failed, so they add up to <see cref="Found"/>. Scripts read these names; keep them.
/// </summary>
public sealed record IndexSummary
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Image files seen (or files claiming to be images by their name).</summary>
    public int Found { get; init; }

    /// <summary>Files whose content the catalog had never seen.</summary>
    public int New { get; init; }

    /// <summary>Files with the same size and modification time as last time: skipped without reading.</summary>
    public int Unchanged { get; init; }

    /// <summary>Known paths whose size or time changed: read again.</summary>
    public int Changed { get; init; }

    /// <summary>Files at a new path whose content vanished from its old path in this run.</summary>
    public int Moved { get; init; }

    /// <summary>Files at a new path whose content is also still elsewhere.</summary>
    public int Copied { get; init; }

    /// <summary>Catalogued paths not found in this run (kept until pruned).</summary>
    public int Missing { get; init; }

    /// <summary>Files that are not usable images; each is listed in <see cref="Failures"/>.</summary>
    public int Failed { get; init; }

    /// <summary>Files that are not images at all (by name and content); not counted in <see cref="Found"/>.</summary>
    public int Ignored { get; init; }

    /// <summary>Files read and hashed in this run.</summary>
    public int Hashed { get; init; }

    /// <summary>Photos decoded in this run (metadata read, thumbnails made).</summary>
    public int Processed { get; init; }

    /// <summary>Photos given their automatic tags (again) in this run.</summary>
    public int Tagged { get; init; }

    /// <summary>True when the run was stopped (Ctrl+C) before it finished; what was done is kept.</summary>
    public bool Interrupted { get; init; }

    public double ElapsedSeconds { get; init; }

    public IReadOnlyList<IndexFailure> Failures { get; init; } = [];

    /// <summary>Photo libraries that could not be read at all (not a catalog, a damaged database), with the reason; their photos were left as they were.</summary>
    public IReadOnlyList<IndexFailure> UnreadableLibraries { get; init; } = [];

    /// <summary>Photo libraries' folders met by the walk and left alone (an Apple Photos library, Lightroom previews): `shoebox import` reads them.</summary>
    public IReadOnlyList<string> SkippedLibraries { get; init; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

public sealed record IndexFailure(string Path, string Reason);
