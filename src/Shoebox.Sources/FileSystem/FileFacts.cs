namespace Shoebox.Sources.FileSystem;

/// <summary>
/// Size and modification time of the file a path leads to: for a symbolic link, of its final target (the
/// walker lists links with their target's facts, and the bytes read are the target's).
/// </summary>
public static class FileFacts
{
    public static (bool Exists, long Size, long ModifiedTicks) Of(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            info = info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
        }
        return info.Exists ? (true, info.Length, info.LastWriteTimeUtc.Ticks) : (false, 0, 0);
    }
}
