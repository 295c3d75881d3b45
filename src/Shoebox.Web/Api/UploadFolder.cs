namespace Shoebox.Web.Api;

/// <summary>
/// Where an uploaded image is written while it arrives: uploads/ in the library's own folder, never the shared temp
/// folder, readable by its owner only (folders 0700, files 0600). Each server writes in a subfolder of its own whose
/// lock file (beside it) it holds while it runs; at start, what no running server holds (a crash's) is deleted.
/// </summary>
internal sealed class UploadFolder : IDisposable
{
    public const string Name = "uploads";
    private const string LockSuffix = ".lock";
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = Private | UnixFileMode.UserExecute;

    // Held open without sharing for the server's life: on Unix .NET takes an flock, which a crash releases.
    private readonly FileStream _lock;

    private UploadFolder(string path, FileStream held)
    {
        Path = path;
        _lock = held;
    }

    public string Path { get; }

    /// <exception cref="IOException">The library's folder cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The library's folder cannot be written.</exception>
    public static UploadFolder Open(string libraryFolder)
    {
        var root = System.IO.Path.Combine(libraryFolder, Name);
        CreatePrivateFolder(root);
        RemoveAbandoned(root);
        var own = System.IO.Path.Combine(root, Guid.NewGuid().ToString("N"));
        // The lock before the folder: a folder without a lock beside it is always a crash's.
        var held = OpenPrivate(own + LockSuffix, FileMode.CreateNew);
        CreatePrivateFolder(own);
        return new UploadFolder(own, held);
    }

    /// <summary>A new file no one else can read, to write an upload into.</summary>
    public FileStream Create(out string path)
    {
        path = System.IO.Path.Combine(Path, Guid.NewGuid().ToString("N"));
        return OpenPrivate(path, FileMode.CreateNew);
    }

    public void Dispose()
    {
        TryDelete(() => Directory.Delete(Path, recursive: true));
        TryDelete(() => File.Delete(Path + LockSuffix));
        _lock.Dispose();
    }

    private static void RemoveAbandoned(string root)
    {
        foreach (var lockFile in Directory.EnumerateFiles(root, "*" + LockSuffix))
        {
            FileStream held;
            try
            {
                held = OpenPrivate(lockFile, FileMode.Open);
            }
            catch (IOException)
            {
                continue; // held by a running server (or gone already)
            }
            using (held)
            {
                TryDelete(() => Directory.Delete(lockFile[..^LockSuffix.Length], recursive: true));
                TryDelete(() => File.Delete(lockFile));
            }
        }
        foreach (var folder in Directory.EnumerateDirectories(root).Where(f => !File.Exists(f + LockSuffix)))
        {
            TryDelete(() => Directory.Delete(folder, recursive: true));
        }
        foreach (var file in Directory.EnumerateFiles(root).Where(f => !f.EndsWith(LockSuffix, StringComparison.Ordinal)))
        {
            TryDelete(() => File.Delete(file));
        }
    }

    // Not shared while open (on Unix an flock, which is what makes a lock file held), and 0600 when created.
    private static FileStream OpenPrivate(string path, FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (mode != FileMode.Open && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = Private;
        }
        return new FileStream(path, options);
    }

    private static void CreatePrivateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        Directory.CreateDirectory(path, PrivateFolder);
        // An older folder (or one made under another umask) is made private too.
        File.SetUnixFileMode(path, PrivateFolder);
    }

    private static void TryDelete(Action delete)
    {
        try
        {
            delete();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Tried again at the next start.
        }
    }
}
