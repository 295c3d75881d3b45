namespace Shoebox.Models.Store;

/// <summary>
/// A model cannot be used: not installed and not downloadable (offline, hub unreachable), or damaged. The
/// message tells the user what to do; indexing goes on without embeddings when it sees this.
/// </summary>
public sealed class ModelUnavailableException : Exception
{
    public ModelUnavailableException(string message) : base(message) { }

    public ModelUnavailableException(string message, Exception inner) : base(message, inner) { }

    public ModelUnavailableException() { }
}
