using Shoebox.Catalog;
using Shoebox.Catalog.Stores;
using Shoebox.Cli.Views;
using Shoebox.Core;
using Shoebox.Models;
using Shoebox.Models.Registry;
using Shoebox.Models.Store;

namespace Shoebox.Cli;

/// <summary>Which model a command uses: --model, else the library's default model, else Shoebox's default.</summary>
internal static class ModelChoice
{
    public static async Task<string> NameForAsync(string? option, Library? library)
    {
        if (option is not null)
        {
            return option;
        }
        if (library is { Exists: true })
        {
            try
            {
                await using var catalog = await library.OpenAsync();
                if (await catalog.Settings.GetAsync(SettingStore.DefaultModel) is { } chosen)
                {
                    return chosen;
                }
            }
            catch (Exception e) when (e is Shoebox.Core.LibraryUnavailableException or CatalogAddressException)
            {
                // The command itself opens the catalog next and reports what is wrong with it.
            }
        }
        return ModelRegistry.DefaultId;
    }

    /// <summary>The identity the model's vectors are stored under.</summary>
    public static ModelIdentity IdentityOf(ModelDescriptor descriptor) => new(descriptor.Id, descriptor.Version, descriptor.Dimensions);

    /// <summary>How a later run finds the model again: its registry id, or the folder it was read from.</summary>
    public static string SourceOf(ModelDescriptor descriptor) => ModelRegistry.Find(descriptor.Id) is null ? descriptor.Source : descriptor.Id;

    /// <summary>What the registry (or the model folder) says of <paramref name="name"/>; null after telling the user it is unknown.</summary>
    public static async Task<ModelDescriptor?> DescribeAsync(CliConsole console, string name)
    {
        try
        {
            return ModelResolver.Describe(name);
        }
        catch (ModelUnavailableException e)
        {
            await console.Error.WriteLineAsync($"shoebox: {e.Message}");
            return null;
        }
    }

    /// <summary>Installs (downloading with a progress bar if needed) or explains on the error stream why it cannot.</summary>
    public static async Task<InstalledModel?> TryInstallAsync(CliConsole console, string name, bool offline, CancellationToken cancellationToken)
    {
        try
        {
            var store = new ModelStore(offline ? new StoreOptions { Offline = true } : new StoreOptions());
            return await DownloadView.RunAsync(console, progress => ModelResolver.InstallAsync(name, store, progress, cancellationToken));
        }
        catch (ModelUnavailableException e)
        {
            await console.Error.WriteLineAsync($"shoebox: {e.Message}");
            return null;
        }
    }
}
