using Shoebox.Indexing;

namespace Shoebox.Web.Freshness;

/// <summary>What the background indexer is doing, for /api/status and the UI's progress bar.</summary>
public sealed record IndexingState(
    string State,
    IndexProgress? Progress,
    DateTimeOffset? LastRunFinished,
    string? LastMessage,
    IReadOnlyList<string> Roots)
{
    public const string Off = "off";
    public const string Idle = "idle";
    public const string Running = "running";

    /// <summary>The stage of the run ("scanning", "processing", "reading"), as in <see cref="Progress"/>; null when none runs.</summary>
    public IndexPhase? Stage => Progress?.Phase;

    /// <summary>What the stage has done: files checked while scanning, photos processed or read after.</summary>
    public int Done { get; init; }

    /// <summary>What the stage has to do (while scanning, the files found so far).</summary>
    public int Total { get; init; }

    /// <summary>Items a second in this stage; null until it is known.</summary>
    public double? Rate { get; init; }

    /// <summary>Seconds the stage has left at its rate; null while not known (a scan's total grows as it walks).</summary>
    public double? SecondsLeft { get; init; }

    /// <summary>The paths of the sources the run scans.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Sources waiting for their scan.</summary>
    public int Queued { get; init; }

    /// <summary>The latest files and sources that could not be read, with the reason, as `shoebox index` gives them.</summary>
    public IReadOnlyList<IndexFailure> Errors { get; init; } = [];
}
