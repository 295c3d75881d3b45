using Shoebox.Catalog;
using Shoebox.Catalog.Stores;
using Shoebox.Core;
using Shoebox.Models;
using Shoebox.Models.Registry;
using Shoebox.Models.Store;

namespace Shoebox.Indexing;

/// <summary>The model a library uses (<see cref="Name"/>, as --model takes it) and why, in words for `status`.</summary>
public sealed record LibraryModelChoice(string Name, string Reason);

/// <summary>
/// Which model a library's vectors come from: --model; else the one chosen (`shoebox models use`, the Settings page); else the
/// one whose vectors it holds for the most photos (on a tie, the one last asked for); else the one last asked
/// for; else Shoebox's default. A library first indexed with a model that could not be had, then with another,
/// so searches and indexes with the one it has vectors of.
/// </summary>
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
                return (await ChooseAsync(catalog)).Name;
            }
            catch (Exception e) when (e is (LibraryUnavailableException and not LibraryDamagedException) or CatalogAddressException)
            {
                // The command itself opens the catalog next and reports what is wrong with it (busy, unreachable). A
                // damaged catalog is not passed over: its model is unknown, and taking the default would fetch it.
            }
        }
        return ModelRegistry.DefaultId;
    }

    /// <summary>The model the library uses when no --model is given, and why.</summary>
    public static async Task<LibraryModelChoice> ChooseAsync(PhotoCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (await catalog.Settings.GetAsync(SettingStore.ChosenModel) is { } chosen)
        {
            return new(chosen, "chosen with `shoebox models use` or on the Settings page");
        }
        var asked = await catalog.Settings.GetAsync(SettingStore.DefaultModel);
        var held = (await catalog.Vectors.ListModelsAsync())
            .Where(m => m.Vectors > 0)
            .Select(m => (Name: Current(m), m.Vectors))
            .Where(m => m.Name is not null)
            .OrderByDescending(m => m.Vectors).ThenByDescending(m => m.Name == asked).ThenBy(m => m.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (held.Name is { } name)
        {
            return new(name, $"it holds the vectors of {held.Vectors:N0} photo{(held.Vectors == 1 ? "" : "s")}");
        }
        return asked is not null
            ? new(asked, "the model it was last indexed with; no vectors yet")
            : new(ModelRegistry.DefaultId, "Shoebox's default; nothing indexed yet");
    }

    /// <summary>How many photos that exist have vectors of the model as it is now; null when the name does not load.</summary>
    public static async Task<int?> VectorsHeldAsync(PhotoCatalog catalog, string name)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return KeyOf(name) is { } key ? (await catalog.Vectors.ListModelsAsync()).FirstOrDefault(m => m.Key == key)?.Vectors ?? 0 : null;
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

    // The name that loads the stored model as it is now, or null when that gives other vectors (a new version, a
    // folder changed or gone): its stored vectors cannot be compared with what the model makes today.
    private static string? Current(StoredModel stored)
    {
        var at = stored.Key.LastIndexOf('@');
        var name = stored.Source ?? (at < 0 ? stored.Key : stored.Key[..at]);
        return KeyOf(name) == stored.Key ? name : null;
    }

    // The key the model's vectors are stored under today; null when the name does not load.
    private static string? KeyOf(string name)
    {
        try
        {
            return IdentityOf(ModelResolver.Describe(name)).Key;
        }
        catch (Exception e) when (e is ModelUnavailableException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
