namespace Shoebox.Core;

/// <summary>
/// Where an image's bytes are when they are not in a file at the location's path: an entry inside a Takeout
/// archive (read in place, never unpacked), or a stand-in kept in the library (the largest Lightroom preview of
/// an original on an unplugged drive). A location with one is never a file of its own: nothing may open, move or
/// write beside its path.
/// </summary>
public abstract record ContentRef;

/// <summary>An entry of a .zip, .tar, .tgz or .tar.gz archive, by its full name inside the archive.</summary>
public sealed record ArchiveEntry(string Archive, string Entry) : ContentRef;

/// <summary>A file standing in for an original that cannot be read now; <see cref="File"/> holds its bytes.</summary>
public sealed record StandIn(string File) : ContentRef;
