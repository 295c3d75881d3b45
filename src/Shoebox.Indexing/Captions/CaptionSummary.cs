using System.Text.Json;

namespace Shoebox.Indexing.Captions;

public sealed record CaptionFailure(long PhotoId, string? Path, string Reason);

/// <summary>What one `shoebox caption` run did, and what is left for the next.</summary>
public sealed record CaptionSummary
{
    public required string Model { get; init; }

    public int Queued { get; init; }

    public int Captioned { get; init; }

    public IReadOnlyList<CaptionFailure> Failures { get; init; } = [];

    /// <summary>Photos still pending after the run (stopped, limited, or the server went away).</summary>
    public int Remaining { get; init; }

    public bool Interrupted { get; init; }

    /// <summary>Why the run stopped early: the server is down or lacks the model. Null when it did not.</summary>
    public string? StoppedBecause { get; init; }

    public TimeSpan Elapsed { get; init; }

    public string ToJson() => JsonSerializer.Serialize(new
    {
        model = Model,
        queued = Queued,
        captioned = Captioned,
        failed = Failures.Count,
        remaining = Remaining,
        interrupted = Interrupted,
        stoppedBecause = StoppedBecause,
        elapsedSeconds = Math.Round(Elapsed.TotalSeconds, 2),
        failures = Failures.Select(f => new { id = f.PhotoId, path = f.Path, reason = f.Reason }),
    });
}
