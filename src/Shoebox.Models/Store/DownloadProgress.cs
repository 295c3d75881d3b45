namespace Shoebox.Models.Store;

/// <summary>Bytes of one file so far; <see cref="Total"/> is null until the hub says how large the file is.</summary>
public sealed record DownloadProgress(string File, long Done, long? Total);
