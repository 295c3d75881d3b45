using Shoebox.Catalog;
using Shoebox.Catalog.Stores;
using Shoebox.Core;

namespace Shoebox.Indexing;

/// <summary>
/// What the library does to each photo, as its Settings page left it: read the text in it, tag it, find its faces.
/// Kept in the library, so `index`, `serve` and the web app agree; a command's --no-ocr, --no-tags or --no-faces still
/// wins for its run.
/// </summary>
public sealed record LibrarySwitches(bool ReadText = true, bool Tag = true, bool Faces = true)
{
    private const string On = "on";
    private const string Off = "off";

    public static async Task<LibrarySwitches> ReadAsync(PhotoCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(
            await catalog.Settings.GetAsync(SettingStore.ReadText) != Off,
            await catalog.Settings.GetAsync(SettingStore.Tag) != Off,
            await catalog.Settings.GetAsync(SettingStore.Faces) != Off);
    }

    /// <summary>The library's switches; the defaults for a library not made yet, or one the command itself will report as unreachable.</summary>
    /// <exception cref="LibraryDamagedException">The library's catalog is damaged.</exception>
    public static async Task<LibrarySwitches> ForAsync(Library library)
    {
        ArgumentNullException.ThrowIfNull(library);
        if (!library.Exists)
        {
            return new();
        }
        try
        {
            await using var catalog = await library.OpenAsync();
            return await ReadAsync(catalog);
        }
        catch (Exception e) when (e is (LibraryUnavailableException and not LibraryDamagedException) or CatalogAddressException)
        {
            // Busy or unreachable: the command opens the catalog next and says so; a damaged one is not passed over.
            return new();
        }
    }

    public async Task SaveAsync(PhotoCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        await using var batch = await catalog.BeginBatchAsync();
        await catalog.Settings.SetAsync(SettingStore.ReadText, ReadText ? On : Off);
        await catalog.Settings.SetAsync(SettingStore.Tag, Tag ? On : Off);
        await catalog.Settings.SetAsync(SettingStore.Faces, Faces ? On : Off);
        await batch.CommitAsync();
    }

    /// <summary>The settings a run uses: these switches, each turned off for the run when its command-line flag says so.</summary>
    public IndexSettings ApplyTo(IndexSettings settings, bool noText, bool noTags, bool noFaces)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // Places need no switch: no model, no decode, seconds for a whole library.
        return settings with { ReadText = ReadText && !noText, Tag = Tag && !noTags, FindFaces = Faces && !noFaces, Places = true };
    }
}
