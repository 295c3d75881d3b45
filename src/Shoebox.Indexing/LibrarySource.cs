using Shoebox.Sources;

namespace Shoebox.Indexing;

/// <summary>A photo library and the id its locations are kept under ("lightroom:/photos/Main.lrcat").</summary>
public sealed record LibrarySource(string Id, IPhotoSource Source)
{
    /// <summary>Changes whenever the library's content may have (its archives' sizes and times); null when unknown.</summary>
    public Func<string?>? Stamp { get; init; }

    /// <summary>The kind's name, the part of <see cref="Id"/> before the first colon ("lightroom").</summary>
    public string KindName => Id[..Id.IndexOf(':', StringComparison.Ordinal)];

    /// <summary>The library's full path, the part of <see cref="Id"/> after the first colon.</summary>
    public string Path => Id[(Id.IndexOf(':', StringComparison.Ordinal) + 1)..];
}
