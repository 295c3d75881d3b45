using Shoebox.Catalog;
using Shoebox.Catalog.Stores;
using Shoebox.Core;
using Shoebox.Models.Store;

namespace Shoebox.Cli;

/// <summary>
/// Why a library's model cannot be had, said in full (the files to fetch, where to put them) the first time and in
/// one line while nothing changes: every command on an offline library would otherwise repeat the same paragraph.
/// What was said last is kept in the library's settings.
/// </summary>
internal sealed class ModelNotice
{
    private readonly Library _library;
    private readonly string? _saidBefore;
    private string? _said;

    private ModelNotice(Library library, string? saidBefore)
    {
        _library = library;
        _saidBefore = saidBefore;
    }

    /// <summary>What the library was last told; a library that cannot be read yet (a first index) was told nothing.</summary>
    public static async Task<ModelNotice> ReadAsync(Library library)
    {
        ArgumentNullException.ThrowIfNull(library);
        if (!library.Exists)
        {
            return new(library, null);
        }
        try
        {
            await using var catalog = await library.OpenAsync();
            return new(library, await catalog.Settings.GetAsync(SettingStore.ModelNotice));
        }
        catch (Exception e) when (e is LibraryUnavailableException or CatalogAddressException)
        {
            return new(library, null);
        }
    }

    /// <summary>The problem in full, or in one line when it is what the library was told last.</summary>
    public string Text(ModelUnavailableException problem, string model)
    {
        ArgumentNullException.ThrowIfNull(problem);
        _said = problem.Summary;
        return problem.Summary == _saidBefore && problem.Summary != problem.Message
            ? $"{problem.Summary} `shoebox models pull {model}` says how to install it."
            : problem.Message;
    }

    /// <summary>Remembers what was said in full, so the next command says it briefly; a library that cannot be written just hears it again.</summary>
    public async Task SaveAsync()
    {
        if (_said is null || _said == _saidBefore || !_library.Exists)
        {
            return;
        }
        try
        {
            await using var catalog = await _library.OpenAsync();
            await catalog.Settings.SetAsync(SettingStore.ModelNotice, _said);
        }
        catch (Exception e) when (e is LibraryUnavailableException or CatalogAddressException)
        {
            // Said in full again next time.
        }
    }
}
