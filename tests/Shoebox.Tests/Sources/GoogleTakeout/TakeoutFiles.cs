using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Threading.Channels;
using Shoebox.Sources;
using Shoebox.Sources.GoogleTakeout;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Sources.GoogleTakeout;

/// <summary>The files of a made-up Takeout export, written out as a tree, a zip or a .tgz the way Google packs them.</summary>
public sealed class TakeoutFiles
{
    public static readonly DateTime EntryTime = new(2024, 5, 6, 7, 8, 10, DateTimeKind.Utc);

    private readonly List<(string Path, byte[] Content)> _files = [];

    public IReadOnlyList<(string Path, byte[] Content)> Files => _files;

    public TakeoutFiles Add(string path, byte[] content)
    {
        _files.Add((path, content));
        return this;
    }

    public TakeoutFiles Add(string path, string text) => Add(path, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>A real JPEG of its own, made in <paramref name="scratch"/>.</summary>
    public static byte[] Jpeg(TempFolder scratch, int width = 64, int height = 48)
    {
        var path = scratch[$"scratch-{Guid.NewGuid():N}.jpg"];
        TestImages.Jpeg(path, width, height);
        var bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }

    /// <summary>A photo's sidecar as Takeout writes it.</summary>
    public static string Sidecar(
        string title, long? taken = null, (double Lat, double Lon, double Alt)? geo = null, (double Lat, double Lon, double Alt)? geoExif = null,
        string description = "", string[]? people = null, bool favorited = false, bool trashed = false)
    {
        var json = new Dictionary<string, object>
        {
            ["title"] = title,
            ["description"] = description,
            ["imageViews"] = "3",
            ["creationTime"] = new { timestamp = "1697872351", formatted = "21 oct. 2023, 07:12:31 UTC" },
        };
        if (taken is { } t)
        {
            json["photoTakenTime"] = new { timestamp = t.ToString(CultureInfo.InvariantCulture), formatted = "..." };
        }
        json["geoData"] = Geo(geo ?? (0, 0, 0));
        json["geoDataExif"] = Geo(geoExif ?? (0, 0, 0));
        if (people is not null)
        {
            json["people"] = people.Select(p => new { name = p }).ToArray();
        }
        if (favorited)
        {
            json["favorited"] = true;
        }
        if (trashed)
        {
            json["trashed"] = true;
        }
        json["url"] = "https://photos.google.com/photo/x";
        return JsonSerializer.Serialize(json);
    }

    public static string AlbumMetadata(string title) =>
        JsonSerializer.Serialize(new { title, description = "", access = "protected", date = new { timestamp = "1697872351", formatted = "..." } });

    private static object Geo((double Lat, double Lon, double Alt) g) =>
        new { latitude = g.Lat, longitude = g.Lon, altitude = g.Alt, latitudeSpan = 0.0, longitudeSpan = 0.0 };

    public string WriteTree(string folder)
    {
        foreach (var (path, content) in _files)
        {
            var full = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, content);
        }
        return folder;
    }

    public string WriteZip(string path, Func<string, bool>? include = null, bool store = false)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, content) in _files.Where(f => include?.Invoke(f.Path) ?? true))
        {
            var entry = zip.CreateEntry(name, store ? CompressionLevel.NoCompression : CompressionLevel.Fastest);
            entry.LastWriteTime = EntryTime;
            using var stream = entry.Open();
            stream.Write(content);
        }
        return path;
    }

    public string WriteTgz(string path, Func<string, bool>? include = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var (name, content) in _files.Where(f => include?.Invoke(f.Path) ?? true))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name)
            {
                DataStream = new MemoryStream(content),
                ModificationTime = EntryTime,
            });
        }
        return path;
    }

    public static Task<(List<FoundFile> Files, IReadOnlyList<WalkProblem> Problems)> ListAsync(TakeoutSource source) =>
        SourceListing.ListAsync(source);
}
