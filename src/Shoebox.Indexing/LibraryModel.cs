using Shoebox.Catalog;
using Shoebox.Catalog.Stores;
using Shoebox.Core;
using Shoebox.Models.Registry;

namespace Shoebox.Indexing;

/// <summary>Which model a library's vectors come from: --model, else the library's default model, else Shoebox's default.</summary>
public static class LibraryModel
{
    /// <exception cref="LibraryDamagedException">The library's catalog is damaged.</exception>
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
            catch (Exception e) when (e is (LibraryUnavailableException and not LibraryDamagedException) or CatalogAddressException)
            {
                // The command itself opens the catalog next and reports what is wrong with it (busy, unreachable). A
                // damaged catalog is not passed over: its model is unknown, and taking the default would fetch it.
            }
        }
        return ModelRegistry.DefaultId;
    }

    /// <summary>The identity the model's vectors are stored under.</summary>
    public static ModelIdentity IdentityOf(ModelDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return new(descriptor.Id, descriptor.Version, descriptor.Dimensions);
    }

    /// <summary>How a later run finds the model again: its registry id, or the folder it was read from.</summary>
    public static string SourceOf(ModelDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return ModelRegistry.Find(descriptor.Id) is null ? descriptor.Source : descriptor.Id;
    }
}
