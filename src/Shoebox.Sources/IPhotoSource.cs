using System.Threading.Channels;

namespace Shoebox.Sources;

/// <summary>
/// A place photos come from: a folder tree, a Google Takeout export, a Lightroom catalog, a Photos library. Each
/// lists its images with what it knows of them and completes the channel; none ever writes into what it reads.
/// </summary>
public interface IPhotoSource
{
    /// <summary>What the user pointed at (a folder, an archive, a catalog file), for messages.</summary>
    string Path { get; }

    /// <summary>Writes every image found to <paramref name="files"/>, completes it, and returns what could not be read.</summary>
    Task<IReadOnlyList<WalkProblem>> ListAsync(ChannelWriter<FoundFile> files, CancellationToken cancellationToken);
}
