using Shoebox.Catalog;

namespace Shoebox.Indexing;

/// <summary>
/// Counts what a run did, as the catalog writers commit it, and feeds the progress view. Written by one writer
/// at a time; the progress counters are also read from the display thread.
/// </summary>
internal sealed class RunTally
{
    private enum Bucket
    {
        New,
        Unchanged,
        Changed,
        Copied,
    }

    // Which bucket each path read in this run went to, so a photo that then fails to decode moves to failed.
    private readonly Dictionary<string, Bucket> _bucketOfPath = new(StringComparer.Ordinal);
    private readonly List<long> _copiedPhotos = [];
    // Photos whose stages were recorded, once each however many passes they went through: the summary's "processed".
    private readonly HashSet<long> _recorded = [];
    private readonly List<IndexFailure> _failures = [];
    private readonly Dictionary<Bucket, int> _counts = new() { [Bucket.New] = 0, [Bucket.Unchanged] = 0, [Bucket.Changed] = 0, [Bucket.Copied] = 0 };
    private int _filesFound, _filesChecked, _photosToProcess, _photosProcessed, _photosToRead, _photosRead, _failed, _ignored, _hashed, _moved, _missing;
    private volatile IndexPhase _phase = IndexPhase.Scanning;

    public void FileFound() => Interlocked.Increment(ref _filesFound);

    public void Unchanged(string path) => Count(path, Bucket.Unchanged);

    public void New(string path) => Count(path, Bucket.New);

    public void Changed(string path) => Count(path, Bucket.Changed);

    public void Copied(string path, long photoId)
    {
        Count(path, Bucket.Copied);
        _copiedPhotos.Add(photoId);
    }

    public void Ignored()
    {
        _ignored++;
        Interlocked.Increment(ref _filesChecked);
    }

    public void Failed(string path, string reason, bool counted = true)
    {
        _failures.Add(new IndexFailure(path, reason));
        Interlocked.Increment(ref _failed);
        if (counted)
        {
            Interlocked.Increment(ref _filesChecked);
        }
    }

    /// <summary>A photo counted under its file's bucket failed to decode: it belongs under failed instead.</summary>
    public void PhotoFailed(string path, string reason)
    {
        // Unchanged paths are not remembered (a rescan of a large library would hold every path); a photo
        // resumed from an earlier run was counted as unchanged.
        var bucket = _bucketOfPath.Remove(path, out var read) ? read : Bucket.Unchanged;
        if (_counts[bucket] > 0)
        {
            _counts[bucket]--;
        }
        Failed(path, reason, counted: false);
    }

    public void Vanished(VanishedLocations vanished)
    {
        _missing = vanished.Missing;
        _moved = _copiedPhotos.Count(vanished.MovedPhotos.Contains);
        _counts[Bucket.Copied] -= _moved;
    }

    public void StartProcessing(int photos)
    {
        _photosToProcess = photos;
        _phase = IndexPhase.Processing;
    }

    /// <summary>A photo's results were recorded, in the first pass (what search needs) or the second (its text).</summary>
    public void PhotoRecorded(long photoId, bool firstPass)
    {
        _recorded.Add(photoId);
        Interlocked.Increment(ref firstPass ? ref _photosProcessed : ref _photosRead);
    }

    /// <summary>Photos whose results this run recorded, each once.</summary>
    public int PhotosRecorded => _recorded.Count;

    /// <summary>The second pass begins: the text of <paramref name="photos"/> is read.</summary>
    public void StartReading(int photos)
    {
        Volatile.Write(ref _photosRead, 0);
        _photosToRead = photos;
        _phase = IndexPhase.Reading;
    }

    public IndexProgress Snapshot() => new(
        _phase,
        Volatile.Read(ref _filesFound),
        Volatile.Read(ref _filesChecked),
        Volatile.Read(ref _photosToProcess),
        Volatile.Read(ref _photosProcessed),
        Volatile.Read(ref _failed))
    {
        PhotosToRead = Volatile.Read(ref _photosToRead),
        PhotosRead = Volatile.Read(ref _photosRead),
    };

    public IndexSummary ToSummary(bool interrupted, TimeSpan elapsed)
    {
        _phase = IndexPhase.Finished;
        return new IndexSummary
        {
            New = _counts[Bucket.New],
            Unchanged = _counts[Bucket.Unchanged],
            Changed = _counts[Bucket.Changed],
            Copied = _counts[Bucket.Copied],
            Moved = _moved,
            Failed = _failed,
            Found = _counts.Values.Sum() + _moved + _failed,
            Missing = _missing,
            Ignored = _ignored,
            Hashed = _hashed,
            Processed = _recorded.Count,
            Interrupted = interrupted,
            ElapsedSeconds = Math.Round(elapsed.TotalSeconds, 3),
            Failures = [.. _failures],
        };
    }

    // Every bucket but unchanged means the file was read and hashed in this run.
    private void Count(string path, Bucket bucket)
    {
        _counts[bucket]++;
        if (bucket != Bucket.Unchanged)
        {
            _bucketOfPath[path] = bucket;
            _hashed++;
        }
        Interlocked.Increment(ref _filesChecked);
    }
}
