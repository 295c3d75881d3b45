namespace Shoebox.Core;

/// <summary>The file's content cannot be used as an image; the reason is shown to the user as it is.</summary>
public sealed class BadImageException : Exception
{
    public BadImageException(string reason) : base(reason) { }

    public BadImageException(string reason, Exception inner) : base(reason, inner) { }

    public BadImageException() { }
}

/// <summary>
/// The library itself cannot be written (disk full, read-only, locked): the run must stop, since every following
/// item would fail the same way. Whatever was committed before stays intact.
/// </summary>
public class LibraryUnavailableException : Exception
{
    public LibraryUnavailableException(string message) : base(message) { }

    public LibraryUnavailableException(string message, Exception inner) : base(message, inner) { }

    public LibraryUnavailableException() { }
}
