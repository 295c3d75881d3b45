using Shoebox.Core;

namespace Shoebox.Catalog;

/// <summary>
/// Only one process indexes a library at a time. The operating system drops the lock with the process, so a
/// killed run never leaves the library locked.
/// </summary>
public sealed class LibraryLock : IDisposable
{
    private const string LockName = "index.lock";
    private const string OwnerName = "index.lock.owner";

    private readonly FileStream _stream;

    private LibraryLock(FileStream stream) => _stream = stream;

    public static LibraryLock Acquire(string libraryFolder)
    {
        ArgumentNullException.ThrowIfNull(libraryFolder);
        var lockPath = Path.Combine(libraryFolder, LockName);
        var ownerPath = Path.Combine(libraryFolder, OwnerName);
        FileStream stream;
        try
        {
            Directory.CreateDirectory(libraryFolder);
            // FileShare.None is an exclusive advisory lock (flock) on Unix and a share lock on Windows.
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (File.Exists(lockPath) && e is not PathTooLongException && IsHeldByOther(e))
        {
            throw new LibraryUnavailableException(
                $"Another shoebox process is already indexing {libraryFolder}{DescribeOwner(ownerPath)}. Wait for it to finish, or stop it first.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LibraryUnavailableException($"The library folder {libraryFolder} cannot be written: {e.Message}", e);
        }
        try
        {
            File.WriteAllText(ownerPath, $"{Environment.ProcessId} {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stream.Dispose();
            throw new LibraryUnavailableException($"The library folder {libraryFolder} cannot be written: {e.Message}", e);
        }
        return new LibraryLock(stream);
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>Whether opening a lock file with FileShare.None failed because another process holds it.</summary>
    // EWOULDBLOCK from flock, or a Windows sharing violation; other I/O errors are reported as they are.
    public static bool IsHeldByOther(IOException e) => (e.HResult & 0xFFFF) is 11 or 32 or 33 || e.Message.Contains("process", StringComparison.OrdinalIgnoreCase);

    private static string DescribeOwner(string ownerPath)
    {
        try
        {
            var parts = File.ReadAllText(ownerPath).Split(' ', 2);
            return parts.Length == 2 ? $" (process {parts[0]}, started {parts[1]})" : "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
