using System.Threading.Channels;
using Shoebox.Sources;

namespace Shoebox.Tests.Sources;

/// <summary>Runs a source to the end and gathers what it listed.</summary>
public static class SourceListing
{
    public static async Task<(List<FoundFile> Files, IReadOnlyList<WalkProblem> Problems)> ListAsync(IPhotoSource source)
    {
        var channel = Channel.CreateUnbounded<FoundFile>();
        var problems = await source.ListAsync(channel.Writer, CancellationToken.None);
        var files = new List<FoundFile>();
        await foreach (var file in channel.Reader.ReadAllAsync())
        {
            files.Add(file);
        }
        return (files, problems);
    }

    /// <summary>Bytes and modification time of each file that exists, to show a reader changed nothing.</summary>
    public static Dictionary<string, (string Hash, DateTime Modified)> Fingerprint(params string[] paths) =>
        paths.Where(File.Exists).ToDictionary(
            path => path,
            path => (Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), File.GetLastWriteTimeUtc(path)));
}
