using System.Threading.Channels;
using Shoebox.Sources;
using Shoebox.Sources.FileSystem;

namespace Shoebox.Indexing;

/// <summary>
/// What the scan's listing found besides files: problems met by the walk and by the libraries, libraries that could
/// not be read at all, and those listed to the end (only these may mark what they no longer hold as missing).
/// </summary>
internal sealed record SourceListing(
    IReadOnlyList<WalkProblem> WalkProblems, IReadOnlyList<WalkProblem> LibraryProblems, IReadOnlyList<IndexFailure> Unreadable, IReadOnlyList<LibrarySource> CompleteLibraries)
{
    /// <summary>
    /// Lists the folders, then each photo library, into one channel. A library that cannot be read (not a
    /// catalog, a damaged database) is reported and skipped, and its photos are kept as they were: only a library
    /// listed to the end may mark what it no longer holds as missing.
    /// </summary>
    public static async Task<SourceListing> ListAllAsync(
        FolderWalker walker, IReadOnlyList<string> roots, IReadOnlyList<LibrarySource> libraries, ChannelWriter<FoundFile> found, CancellationToken cancellationToken)
    {
        try
        {
            IReadOnlyList<WalkProblem> walkProblems = roots.Count == 0 ? [] : await ForwardAsync((files, token) => walker.WalkAsync(roots, files, token), found, cancellationToken);
            var libraryProblems = new List<WalkProblem>();
            var unreadable = new List<IndexFailure>();
            var complete = new List<LibrarySource>();
            foreach (var library in libraries)
            {
                try
                {
                    var id = library.Id;
                    var problems = await ForwardAsync(library.Source.ListAsync, found, cancellationToken, file => file with { SourceId = id });
                    libraryProblems.AddRange(problems);
                    if (!problems.Any(p => p.IsFolder))
                    {
                        complete.Add(library);
                    }
                }
                catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or FormatException or Microsoft.Data.Sqlite.SqliteException)
                {
                    unreadable.Add(new IndexFailure(library.Source.Path, e.Message));
                }
            }
            return new SourceListing(walkProblems, libraryProblems, unreadable, complete);
        }
        finally
        {
            found.TryComplete();
        }
    }

    // Each lister completes the channel it is given; the shared channel stays open for the next one.
    private static async Task<IReadOnlyList<WalkProblem>> ForwardAsync(
        Func<ChannelWriter<FoundFile>, CancellationToken, Task<IReadOnlyList<WalkProblem>>> list,
        ChannelWriter<FoundFile> found,
        CancellationToken cancellationToken,
        Func<FoundFile, FoundFile>? claim = null)
    {
        var own = Channel.CreateBounded<FoundFile>(new BoundedChannelOptions(256) { SingleReader = true, SingleWriter = true });
        var listing = list(own.Writer, cancellationToken);
        await foreach (var file in own.Reader.ReadAllAsync(cancellationToken))
        {
            await found.WriteAsync(claim is null ? file : claim(file), cancellationToken);
        }
        return await listing;
    }
}
