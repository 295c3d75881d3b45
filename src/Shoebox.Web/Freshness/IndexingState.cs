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
}
