namespace Shoebox.Indexing;

/// <summary>How one `shoebox worker` claims and does the pending work of a shared catalog (see <see cref="Worker"/>).</summary>
public sealed record WorkerOptions
{
    /// <summary>The worker's name in the catalog's claims: unique per process (machine, process id and a random part).</summary>
    public string Name { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Photos per claim: a crashed worker's batch waits for its lease to run out, so batches stay small.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>How long a claim holds without renewal; the worker renews it every third of this while it works.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Keep polling for new work instead of stopping when nothing is pending or held by another worker.</summary>
    public bool Watch { get; init; }

    /// <summary>The wait between polls with <see cref="Watch"/> when there is nothing to do.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where catalogued paths are on this machine.</summary>
    public PathMap Paths { get; init; } = PathMap.None;

    /// <summary>How long the catalog may stay unreachable (retried with growing waits) before the worker gives up.</summary>
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A pause before each photo; only the fault tests set it, to have a worker die with a batch in hand.</summary>
    public TimeSpan PhotoDelay { get; init; }
}
