using Shoebox.Cli.Views;
using Shoebox.Models;
using Shoebox.Models.Store;

namespace Shoebox.Cli;

/// <summary>
/// Models for a command: where they are kept and whether they may be fetched (--offline), and installing one with a
/// download bar. Which model a library uses is <see cref="Shoebox.Indexing.LibraryModel"/>'s to say.
/// </summary>
internal static class ModelChoice
{
    public static StoreOptions Store(bool offline) => offline ? new StoreOptions { Offline = true } : new StoreOptions();

    /// <summary>Installs (downloading with a progress bar if needed) or explains on the error stream why it cannot.</summary>
    /// <param name="notice">Says a problem the library heard before in one line; null says it in full.</param>
    public static async Task<InstalledModel?> TryInstallAsync(CliConsole console, string name, bool offline, CancellationToken cancellationToken, ModelNotice? notice = null)
    {
        try
        {
            var store = new ModelStore(Store(offline));
            return await DownloadView.RunAsync(console, progress => ModelResolver.InstallAsync(name, store, progress, cancellationToken));
        }
        catch (ModelUnavailableException e)
        {
            await console.Error.WriteLineAsync($"shoebox: {notice?.Text(e, name) ?? e.Message}");
            return null;
        }
    }
}
