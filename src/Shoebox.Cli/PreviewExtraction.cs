using Shoebox.Sources.Lightroom;

namespace Shoebox.Cli;

/// <summary>One JPEG written: where from, where to, and whether it came from a damaged preview.</summary>
internal sealed record ExtractedPreview(string File, string Source, long? ImageId, string Uuid, int Width, int Height,
    IReadOnlyList<string> Problems, IReadOnlyList<string> Notes)
{
    public bool Recovered => Problems.Count > 0;
}

internal sealed record ExtractionFailure(string Source, long? ImageId, string? Uuid, string Reason);

internal sealed record ExtractionResult(string Source, string Bundle, string OutputFolder, IReadOnlyList<string> Notes,
    IReadOnlyList<ExtractedPreview> Written, IReadOnlyList<ExtractionFailure> Failures, bool Interrupted);

/// <summary>
/// The work of `lightroom extract-previews`: which images, under which names, with what metadata; then one image
/// at a time, each failure recorded and the rest carried on.
/// </summary>
internal sealed class PreviewExtraction : IDisposable
{
    private readonly string _source;
    private readonly string _outputFolder;
    private readonly PreviewBundle _bundle;
    private readonly List<Item> _items;
    private List<string> _notes = [];
    private int _done;

    private PreviewExtraction(string source, string outputFolder, PreviewBundle bundle, List<Item> items)
    {
        _source = source;
        _outputFolder = outputFolder;
        _bundle = bundle;
        _items = items;
    }

    public int Total => _items.Count;

    public int Done => Volatile.Read(ref _done);

    /// <summary>A .lrcat names files after the originals; a Previews.lrdata folder alone names them by uuid.</summary>
    public static PreviewExtraction Plan(string source, string outputFolder)
    {
        var full = Path.GetFullPath(source);
        var output = Path.GetFullPath(outputFolder);
        if (File.Exists(full))
        {
            if (!full.EndsWith(".lrcat", StringComparison.OrdinalIgnoreCase))
            {
                throw new LightroomPreviewException($"{source} is neither a Lightroom catalog (.lrcat) nor a Previews.lrdata folder");
            }
            if (!Directory.Exists(PreviewBundle.BesidePath(full)))
            {
                throw new LightroomPreviewException($"{source} has no previews beside it ({PreviewBundle.BesidePath(full)} does not exist)");
            }
            var images = CatalogImages(full);
            var bundle = PreviewBundle.OpenBeside(full)!;
            var names = new UniqueNames();
            var items = images.Select(image => new Item(
                image.Id,
                image.Source,
                names.Take(image.Stem),
                image.Metadata,
                () => bundle.Find(image.Id))).ToList();
            return new PreviewExtraction(full, output, bundle, items);
        }
        if (!Directory.Exists(full))
        {
            throw new FileNotFoundException($"{source} does not exist", source);
        }
        var previews = PreviewBundle.Open(full);
        var uuidNames = new UniqueNames();
        var entries = previews.Entries.Select(entry => new Item(
            entry.ImageId,
            entry.ImageId is { } id ? $"{entry.Uuid} (image {id})" : entry.Uuid,
            uuidNames.Take(entry.Uuid),
            PreviewMetadata.None,
            () => previews.Find(entry))).ToList();
        var notes = new List<string>();
        if (CatalogBeside(full) is { } catalog)
        {
            notes.Add($"{catalog} is beside this bundle: give it instead to name the files after the originals and embed their keywords");
        }
        return new PreviewExtraction(full, output, previews, entries) { _notes = notes };
    }

    /// <summary>Writes every preview; each one written is also told to <paramref name="live"/> as it happens.</summary>
    public ExtractionResult Run(TextWriter? live, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_outputFolder);
        var written = new List<ExtractedPreview>();
        var failures = new List<ExtractionFailure>();
        var interrupted = false;
        foreach (var item in _items)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                interrupted = true;
                break;
            }
            var lookup = item.Find();
            if (lookup.Preview is not { } preview)
            {
                failures.Add(new ExtractionFailure(item.Source, item.ImageId, lookup.Entry?.Uuid, lookup.Failure ?? "no preview"));
            }
            else
            {
                var file = Path.Combine(_outputFolder, item.FileName);
                try
                {
                    UprightJpeg.Write(preview, item.Metadata, file);
                    var (width, height) = preview.UprightSize;
                    var extracted = new ExtractedPreview(file, item.Source, item.ImageId, preview.Uuid, width, height, preview.Problems, preview.Notes);
                    written.Add(extracted);
                    live?.WriteLine(Views.ExtractionView.Line(extracted));
                }
                catch (Exception e) when (e is LightroomPreviewException or IOException or UnauthorizedAccessException)
                {
                    failures.Add(new ExtractionFailure(item.Source, item.ImageId, preview.Uuid, e.Message));
                }
            }
            Interlocked.Increment(ref _done);
        }
        return new ExtractionResult(_source, _bundle.Folder, _outputFolder, [.. _bundle.Notes, .. _notes], written, failures, interrupted);
    }

    public void Dispose() => _bundle.Dispose();

    private sealed record CatalogImage(long Id, string Source, string Stem, PreviewMetadata Metadata);

    // Virtual copies have previews of their own. An image whose file record is broken still has its preview, named
    // by its id; all in catalog order.
    private static List<CatalogImage> CatalogImages(string catalogPath)
    {
        using var catalog = LightroomCatalog.Open(catalogPath);
        var images = catalog.ReadImages(includeVirtualCopies: true).Select(image => new CatalogImage(
            image.Id,
            image.OriginalPath,
            Stem(image.OriginalPath),
            new PreviewMetadata(image.CaptureTime, [.. image.Keywords, .. image.People], image.Caption, image.Title)));
        var broken = catalog.Unreadable.Select(image => new CatalogImage(image.Id, $"image {image.Id}", $"image-{image.Id}", PreviewMetadata.None));
        return [.. images.Concat(broken).OrderBy(image => image.Id)];
    }

    // The catalog's paths come from any system: "D:/Photos/IMG_0001.CR2" and "D:\Photos\IMG_0001.CR2" both give "IMG_0001".
    private static string Stem(string originalPath)
    {
        var name = originalPath[(originalPath.LastIndexOfAny(['/', '\\']) + 1)..];
        var dot = name.LastIndexOf('.');
        return dot > 0 ? name[..dot] : name;
    }

    // "Main Previews.lrdata" belongs to "Main.lrcat" in the same folder.
    private static string? CatalogBeside(string bundleFolder)
    {
        const string Suffix = " Previews.lrdata";
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(bundleFolder));
        if (!name.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var catalog = Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(bundleFolder))!, name[..^Suffix.Length] + ".lrcat");
        return File.Exists(catalog) ? catalog : null;
    }

    private sealed record Item(long? ImageId, string Source, string FileName, PreviewMetadata Metadata, Func<PreviewLookup> Find);

    /// <summary>"IMG_0001.jpg", then "IMG_0001-2.jpg" for the next image of that name (a virtual copy, another folder).</summary>
    private sealed class UniqueNames
    {
        private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase);

        public string Take(string stem)
        {
            var safe = string.Concat(stem.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c == '\\' ? '_' : c)).Trim();
            if (safe.Length == 0 || safe.Trim('.').Length == 0)
            {
                safe = "image";
            }
            var name = safe + ".jpg";
            for (var n = 2; !_taken.Add(name); n++)
            {
                name = $"{safe}-{n}.jpg";
            }
            return name;
        }
    }
}
