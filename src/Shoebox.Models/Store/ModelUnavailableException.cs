namespace Shoebox.Models.Store;

/// <summary>
/// A model cannot be used: not installed and not downloadable (offline, hub unreachable), or damaged. The
/// message tells the user what to do; indexing goes on without embeddings when it sees this.
/// </summary>
public sealed class ModelUnavailableException : Exception
{
    public ModelUnavailableException(string message) : base(message) => Summary = message;

    public ModelUnavailableException(string message, Exception inner) : base(message, inner) => Summary = message;

    /// <param name="summary">What is wrong, in one sentence.</param>
    /// <param name="howTo">What to do about it, at length (files to fetch by hand and where to put them).</param>
    public ModelUnavailableException(string summary, string howTo, Exception? inner = null) : base($"{summary} {howTo}", inner) => Summary = summary;

    public ModelUnavailableException() => Summary = Message;

    /// <summary>What is wrong without how to fix it: for saying it again briefly.</summary>
    public string Summary { get; }
}
