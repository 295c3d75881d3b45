using System.Globalization;
using Shoebox.Core;

namespace Shoebox.Sources.CaptureOne;

/// <summary>
/// Capture One's thumbnails and previews of an image, usable as a stand-in for an offline original only when the
/// file is a plain JPEG. Their format is not documented and no open decoder exists, so nothing else is guessed at:
/// a file that does not begin with a JPEG's start-of-image marker is not used.
/// </summary>
/// <remarks>
/// Catalogs name them after the variant ("Cache/Thumbnails/00000042.cot", "Cache/Previews/..."); sessions after the
/// original ("CaptureOne/Cache/Proxies/IMG_0001.CR2.cop"). Both are looked for, by number and by name.
/// </remarks>
internal sealed class CaptureOnePreviews
{
    private static readonly string[] Folders = ["Cache", Path.Combine("CaptureOne", "Cache")];

    private readonly Dictionary<string, List<FileInfo>> _byKey = new(StringComparer.OrdinalIgnoreCase);

    public static CaptureOnePreviews Find(string databaseFolder)
    {
        var previews = new CaptureOnePreviews();
        foreach (var folder in Folders.Select(f => new DirectoryInfo(Path.Combine(databaseFolder, f))).Where(d => d.Exists))
        {
            try
            {
                foreach (var file in folder.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }))
                {
                    previews.Add(file);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Previews are a help, never a reason to stop.
            }
        }
        return previews;
    }

    /// <summary>The largest JPEG preview of <paramref name="image"/>; null when it has none that is a JPEG.</summary>
    public FileInfo? LargestJpeg(CaptureOneImage image)
    {
        var keys = image.Variants.Select(v => v.ToString(CultureInfo.InvariantCulture)).Append(image.FileName);
        return keys.SelectMany(k => _byKey.GetValueOrDefault(k) ?? [])
            .Where(f => f.Length > 0)
            .OrderByDescending(f => f.Length)
            .FirstOrDefault(IsJpeg);
    }

    private void Add(FileInfo file)
    {
        var stem = Path.GetFileNameWithoutExtension(file.Name);
        var key = stem.Length > 0 && stem.All(char.IsAsciiDigit) ? stem.TrimStart('0') is { Length: > 0 } number ? number : "0" : stem;
        if (!_byKey.TryGetValue(key, out var files))
        {
            _byKey[key] = files = [];
        }
        files.Add(file);
    }

    public static bool IsJpeg(FileInfo file)
    {
        try
        {
            using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> header = stackalloc byte[3];
            return ImageSniffer.Detect(header[..stream.ReadAtLeast(header, 3, throwOnEndOfStream: false)]) == ImageFormat.Jpeg;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
