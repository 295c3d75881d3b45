using Shoebox.Models.Registry;

namespace Shoebox.Models.Store;

/// <summary>A model whose files are all on disk, ready to load.</summary>
public sealed record InstalledModel(ModelDescriptor Descriptor, string Folder)
{
    public string PathOf(string file) => Path.Combine(Folder, file);
}

public enum FileState
{
    Ok,
    Missing,
    WrongSize,
    WrongHash,
}

public sealed record FileCheck(string File, FileState State, string? Detail = null);
