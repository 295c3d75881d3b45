using Shoebox.Indexing;

namespace Shoebox.Web.Freshness;

/// <summary>
/// The rate of the pass a run is in and the time it has left, from the progress seen at each look. Each pass is
/// measured from the first look at it on, over what was done since: what was done before had taken an unknown time.
/// </summary>
internal sealed class PassRate
{
    private readonly Lock _gate = new();
    private IndexPhase? _phase;
    private TimeSpan _firstAt;
    private int _firstDone;

    /// <summary>Where the run stands at <paramref name="now"/> (any steady clock).</summary>
    public PassView Look(IndexProgress progress, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var (done, total) = progress.Phase switch
        {
            IndexPhase.Scanning => (progress.FilesChecked, progress.FilesFound),
            IndexPhase.Processing => (progress.PhotosProcessed, progress.PhotosToProcess),
            IndexPhase.Reading => (progress.PhotosRead, progress.PhotosToRead),
            _ => (0, 0),
        };
        lock (_gate)
        {
            if (_phase != progress.Phase)
            {
                (_phase, _firstAt, _firstDone) = (progress.Phase, now, done);
            }
            var seconds = (now - _firstAt).TotalSeconds;
            double? rate = seconds >= 1 && done > _firstDone ? (done - _firstDone) / seconds : null;
            // The walk finds files as it goes: until it ends, what is left of a scan is not known.
            double? left = rate is { } r && progress.Phase != IndexPhase.Scanning ? Math.Max(0, total - done) / r : null;
            return new PassView(done, total, rate, left);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _phase = null;
        }
    }
}

/// <summary>A pass's counts, its rate (items a second) and seconds left; null while not yet known.</summary>
internal sealed record PassView(int Done, int Total, double? Rate, double? SecondsLeft);
