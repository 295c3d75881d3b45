using System.Diagnostics;
using System.Text.Json;
using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Cli;

/// <summary>
/// One `shoebox app` server per library. The server holds app.lock in the library folder while it runs (the operating
/// system drops it with the process, so a killed server leaves nothing held) and says where it listens in app.json.
/// A second `app` that cannot take the lock reads app.json and reuses that server; an app.json whose process is gone,
/// or that a later process of the same number did not write, is ignored.
/// </summary>
internal sealed class AppInstance : IDisposable
{
    public const string LockName = "app.lock";
    public const string StateName = "app.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly FileStream _lock;
    private readonly string _statePath;

    private AppInstance(FileStream held, string statePath, AppState? previous)
    {
        _lock = held;
        _statePath = statePath;
        Previous = previous;
    }

    /// <summary>What an earlier server of this library wrote (its port is tried again, so the page keeps its settings).</summary>
    public AppState? Previous { get; }

    /// <summary>The server's address and process, as written to app.json.</summary>
    public sealed record AppState(string Url, int ProcessId, DateTime StartedUtc);

    /// <summary>The outcome of <see cref="ClaimAsync"/>: this process is to serve, or another one already does.</summary>
    public sealed record Claim(AppInstance? Mine, AppState? Running);

    /// <summary>
    /// Takes the library for this process, or finds the server that has it. A server that holds the lock but has not
    /// yet said where it listens (it is loading the model) is waited for, up to <paramref name="patience"/>.
    /// </summary>
    /// <exception cref="LibraryUnavailableException">The folder cannot be written, or the other server never said where it listens.</exception>
    public static async Task<Claim> ClaimAsync(string folder, TimeSpan patience, CancellationToken cancellationToken)
    {
        var lockPath = Path.Combine(folder, LockName);
        var statePath = Path.Combine(folder, StateName);
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            try
            {
                Directory.CreateDirectory(folder);
                // FileShare.None is an exclusive advisory lock (flock) on Unix and a share lock on Windows, as for LibraryLock.
                var held = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new Claim(new AppInstance(held, statePath, Read(statePath)), null);
            }
            catch (IOException e) when (File.Exists(lockPath) && LibraryLock.IsHeldByOther(e))
            {
                // Held: by a live process, since a dead one's lock is gone.
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new LibraryUnavailableException($"The library folder {folder} cannot be written: {e.Message}", e);
            }
            if (Read(statePath) is { } state && IsAlive(state))
            {
                return new Claim(null, state);
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new LibraryUnavailableException(
                    $"Another shoebox app is starting for {folder} but has not said where it listens after {patience.TotalSeconds:0} s; try again, or stop it first.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    /// <summary>Says where this process serves, for the next `app` of this library.</summary>
    public void Publish(string url)
    {
        using var self = Process.GetCurrentProcess();
        var state = new AppState(url, Environment.ProcessId, self.StartTime.ToUniversalTime());
        // Written beside and moved in, so a reader never sees half of it.
        var partial = _statePath + ".partial";
        File.WriteAllText(partial, JsonSerializer.Serialize(state, Json));
        File.Move(partial, _statePath, overwrite: true);
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_statePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind it is harmless: nobody holds the lock, so the next app ignores it.
        }
        _lock.Dispose();
    }

    /// <summary>Whether the process that wrote <paramref name="state"/> still runs (not a later one given the same number).</summary>
    public static bool IsAlive(AppState state)
    {
        try
        {
            using var process = Process.GetProcessById(state.ProcessId);
            return !process.HasExited && Math.Abs((process.StartTime.ToUniversalTime() - state.StartedUtc).TotalSeconds) < 1;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static AppState? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<AppState>(File.ReadAllText(path), Json);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
