using System.CommandLine;
using Shoebox.Cli.Views;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Indexing;
using Shoebox.Models.Store;
using Shoebox.Sources.FileSystem;

namespace Shoebox.Cli.Commands;

/// <summary>`shoebox index PATH...`: catalog every image under the folders, then make what each photo needs.</summary>
internal static class IndexCommand
{
    // The guard stays a guard: 10 gigapixels would need 30 GB for its pixels alone.
    private const double MaxMegapixels = 10_000;

    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Folders to index (walked recursively; symbolic links are followed), or photo libraries: a Google Takeout " +
                "folder or archive (.zip, .tgz), a Lightroom catalog (.lrcat), an Apple Photos library (.photoslibrary), a Capture One " +
                "catalog (.cocatalog) or session (the folder holding its .cosessiondb). " +
                "Each becomes a source of the library; with none, every source not paused is scanned again.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("index", "Catalog every image under the given folders and libraries (or the library's sources): find, hash, read metadata, make thumbnails. Safe to stop and rerun at any time.");
        return Build(console, command, paths, kind: null);
    }

    /// <summary>`shoebox import takeout|lightroom|apple-photos|capture-one PATH`: the same run, with the kind of library said outright.</summary>
    public static Command Import(CliConsole console)
    {
        var import = new Command("import", "Read a photo library (never changing it): its photos, albums, keywords, captions, dates and places become searchable.");
        foreach (var (kind, name, what, help) in new[]
        {
            (LibraryKind.Takeout, "takeout", "TAKEOUT", "A Google Photos Takeout: the unpacked folder, one archive (.zip, .tgz), or the folder holding all its parts."),
            (LibraryKind.Lightroom, "lightroom", "CATALOG", "A Lightroom Classic catalog (.lrcat), read-only; offline originals are indexed from its previews."),
            (LibraryKind.ApplePhotos, "apple-photos", "LIBRARY", "An Apple Photos library (.photoslibrary), read-only; photos only in iCloud are indexed from their previews."),
            (LibraryKind.CaptureOne, "capture-one", "CATALOG", "A Capture One catalog (.cocatalog, or the .cocatalogdb in it) or session (its folder, or its .cosessiondb), read-only."),
        })
        {
            var path = new Argument<string[]>(what) { Description = help, Arity = ArgumentArity.OneOrMore };
            path.Validators.Add(result =>
            {
                if (result.Tokens.Count > 1)
                {
                    result.AddError($"Give one {what}" + (kind == LibraryKind.Takeout ? " (for an export in several parts, the folder that holds them)." : "."));
                }
            });
            import.Add(Build(console, new Command(name, help), path, kind));
        }
        return import;
    }

    private static Command Build(CliConsole console, Command command, Argument<string[]> pathArgument, LibraryKind? kind)
    {
        // A mistyped option would otherwise be taken for a folder name.
        pathArgument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-') && !Path.Exists(t.Value)))
            {
                result.AddError($"Unrecognized option '{token.Value}'. See `shoebox {command.Name} --help`.");
            }
        });
        var library = new LibraryOptions();
        var json = CommonOptions.Json();
        var includeHidden = new Option<bool>("--include-hidden")
        {
            Description = "Also index hidden files and folders (names starting with a dot).",
        };
        var exclude = new Option<string[]>("--exclude")
        {
            Description = $"Skip folders with this name, wherever they are (repeatable). Always skipped: {string.Join(", ", WalkOptions.DefaultExcludedNames)}.",
            HelpName = "NAME",
            AllowMultipleArgumentsPerToken = false,
        };
        var maxMegapixels = new Option<double>("--max-megapixels")
        {
            Description = "Refuse images larger than this, as protection against decompression bombs.",
            DefaultValueFactory = _ => DecodeOptions.DefaultMaxPixels / 1_000_000.0,
            HelpName = "MP",
        }.PositiveUpTo(MaxMegapixels);

        var model = new Option<string?>("--model")
        {
            Description = "Model for search vectors: an id from `shoebox models list` or a folder in the Hugging Face layout. Default: the library's model, else clip-vit-b32.",
            HelpName = "ID|DIR",
        };
        var offline = CommonOptions.Offline();
        var retryFailed = new Option<bool>("--retry-failed")
        {
            Description = "Try again the files and photos that failed before (after installing libheif or LibRaw, or raising --max-megapixels).",
        };
        var keepRawPairsApart = new Option<bool>("--keep-raw-pairs-apart")
        {
            Description = "Catalogue a camera raw and the JPEG of the same shot beside it (IMG_1.CR2 + IMG_1.JPG) as two photos; the library remembers it until --pair-raws.",
        };
        var pairRaws = new Option<bool>("--pair-raws")
        {
            Description = "Show a camera raw and the JPEG of the same shot beside it as one photo with two files (the default), after --keep-raw-pairs-apart.",
        };
        var noOcr = CommonOptions.NoOcr();
        var noTags = CommonOptions.NoTags();
        var noFaces = CommonOptions.NoFaces();
        var scanOnly = new Option<bool>("--scan-only")
        {
            Description = "Catalog the files and queue their work, but leave the work to `shoebox worker` processes sharing the catalog (see --catalog).",
        };
        // Only a catalog that names originals by absolute roots needs it (Capture One's Windows and macOS roots).
        var map = kind == LibraryKind.CaptureOne ? new Option<string[]>("--map")
        {
            Description = "Read originals the catalog places under FROM from TO on this machine (repeatable), e.g. --map 'P:\\=/mnt/photos' or --map /Volumes/Photos=/mnt/photos.",
            HelpName = "FROM=TO",
            AllowMultipleArgumentsPerToken = false,
        } : null;
        var rebuildThumbnails = new Option<bool>("--rebuild-thumbnails")
        {
            Description = "Make again every thumbnail that is missing from the library folder (after deleting them, say).",
        };

        library.AddTo(command);
        foreach (var option in new Option[] { json, model, offline, includeHidden, exclude, maxMegapixels, retryFailed, keepRawPairsApart, pairRaws, rebuildThumbnails, noOcr, noTags, noFaces, scanOnly })
        {
            command.Add(option);
        }
        if (map is not null)
        {
            command.Add(map);
        }
        command.Add(pathArgument);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = library.Resolve(parse);
            PathMap pathMap;
            try
            {
                pathMap = map is null ? PathMap.None : PathMap.Parse(parse.GetValue(map) ?? []);
            }
            catch (FormatException e)
            {
                await console.Error.WriteLineAsync($"shoebox: {e.Message}");
                return ExitCodes.Usage;
            }
            if (parse.GetValue(keepRawPairsApart) && parse.GetValue(pairRaws))
            {
                await console.Error.WriteLineAsync("shoebox: --keep-raw-pairs-apart and --pair-raws contradict each other: give one");
                return ExitCodes.Usage;
            }
            // Checked before the model is fetched: a mistyped folder should not cost a 600 MB download first.
            var given = parse.GetValue(pathArgument) ?? [];
            var (sources, refused) = given.Length == 0 ? await KnownSourcesAsync(console, chosen) : await GivenTargetsAsync(console, given, kind, chosen.Folder, pathMap);
            if (sources is null)
            {
                return refused;
            }
            LibrarySwitches switches;
            try
            {
                switches = await LibrarySwitches.ForAsync(chosen);
            }
            catch (Shoebox.Catalog.LibraryDamagedException e)
            {
                await console.Error.WriteLineAsync($"shoebox: {e.Message}");
                return ExitCodes.CouldNotRun;
            }
            // The library's switches (its Settings page), unless a flag turns one off for this run.
            var settings = switches.ApplyTo(new IndexSettings
            {
                ScanOnly = parse.GetValue(scanOnly),
                Walk = new WalkOptions
                {
                    IncludeHidden = parse.GetValue(includeHidden),
                    ExcludedNames = [.. WalkOptions.DefaultExcludedNames, .. parse.GetValue(exclude) ?? []],
                },
                Decode = new DecodeOptions { MaxPixels = (long)(parse.GetValue(maxMegapixels) * 1_000_000) },
                RebuildThumbnails = parse.GetValue(rebuildThumbnails),
                RetryFailed = parse.GetValue(retryFailed),
                KeepRawPairsApart = parse.GetValue(keepRawPairsApart) ? true : parse.GetValue(pairRaws) ? false : null,
            }, noText: parse.GetValue(noOcr), noTags: parse.GetValue(noTags), noFaces: parse.GetValue(noFaces));
            IndexingPipeline pipeline;
            var notice = await ModelNotice.ReadAsync(chosen);
            try
            {
                var factory = new IndexingFactory(ModelChoice.Store(parse.GetValue(offline)), new ConsoleFeedback(console, notice));
                pipeline = await factory.CreateAsync(chosen, settings, parse.GetValue(model), cancellationToken);
            }
            catch (ModelUnavailableException e)
            {
                await console.Error.WriteLineAsync($"shoebox: {e.Message}");
                return ExitCodes.Usage;
            }
            catch (Shoebox.Catalog.LibraryDamagedException e)
            {
                await console.Error.WriteLineAsync($"shoebox: {e.Message}");
                return ExitCodes.CouldNotRun;
            }
            using (pipeline)
            {
                var exit = await RunAsync(console, pipeline, sources, parse.GetValue(json), cancellationToken);
                await notice.SaveAsync(); // once the run has made the library, on a first index
                return exit;
            }
        });
        return command;
    }

    private static async Task<(IndexTargets? Targets, int Exit)> GivenTargetsAsync(CliConsole console, string[] paths, LibraryKind? kind, string libraryFolder, PathMap map)
    {
        if (paths.FirstOrDefault(p => !Path.Exists(p)) is { } missingRoot)
        {
            await console.Error.WriteLineAsync($"shoebox: {missingRoot} does not exist");
            return (null, ExitCodes.CouldNotRun);
        }
        var targets = paths.Select(p => (Path: p, Kind: kind ?? PhotoLibraries.Detect(p))).ToList();
        if (targets.FirstOrDefault(t => t.Kind == LibraryKind.Folder && !Directory.Exists(t.Path)) is { Path: { } notFolder })
        {
            await console.Error.WriteLineAsync($"shoebox: {notFolder} is a file, not a folder or a photo library Shoebox reads " +
                $"({PhotoLibraries.WhatIsRead}); give the folder that holds it");
            return (null, ExitCodes.CouldNotRun);
        }
        foreach (var (path, found) in targets.Where(t => t.Kind != LibraryKind.Folder))
        {
            await console.Error.WriteLineAsync($"Reading {path} as {Describe(found)} (read-only).");
        }
        return (new IndexTargets([.. targets.Where(t => t.Kind == LibraryKind.Folder).Select(t => t.Path)])
        {
            Libraries = [.. targets.Where(t => t.Kind != LibraryKind.Folder).Select(t => PhotoLibraries.Open(t.Kind, t.Path, libraryFolder, map))],
        }, ExitCodes.Ok);
    }

    // `shoebox index` with no path: every source of the library not paused; one that is gone is said and left out.
    private static async Task<(IndexTargets? Targets, int Exit)> KnownSourcesAsync(CliConsole console, Shoebox.Catalog.Library library)
    {
        const string Give = "give the folders or photo libraries to index: `shoebox index PATH...`";
        if (!library.Exists)
        {
            await console.Error.WriteLineAsync($"shoebox: there is no library at {library.Folder} yet: {Give}.");
            return (null, ExitCodes.Usage);
        }
        List<Shoebox.Catalog.Stores.CatalogSource> known;
        try
        {
            await using var catalog = await library.OpenExistingAsync();
            known = await catalog.Sources.ListAsync();
        }
        catch (Exception e) when (e is LibraryUnavailableException or Shoebox.Catalog.CatalogAddressException)
        {
            await console.Error.WriteLineAsync($"shoebox: {e.Message}");
            return (null, ExitCodes.CouldNotRun);
        }
        var active = known.Where(s => !s.Paused).ToList();
        if (active.Count == 0)
        {
            await console.Error.WriteLineAsync(known.Count == 0
                ? $"shoebox: the library at {library.Folder} has no sources yet: {Give}."
                : $"shoebox: every source of the library at {library.Folder} is paused (resume one in the web app's Sources page), or {Give}.");
            return (null, ExitCodes.Usage);
        }
        var (targets, left) = SourceTargets.Of(active, library.Folder);
        foreach (var (source, reason) in left)
        {
            await console.Error.WriteLineAsync(SummaryView.Printable($"Skipped {source.Path}: {reason}."));
        }
        if (targets.Roots.Count == 0 && targets.Libraries.Count == 0)
        {
            await console.Error.WriteLineAsync("shoebox: none of the library's sources can be read now.");
            return (null, ExitCodes.CouldNotRun);
        }
        await console.Error.WriteLineAsync($"Scanning the library's {(active.Count - left.Count == 1 ? "source" : $"{active.Count - left.Count} sources")} again.");
        return (targets, ExitCodes.Ok);
    }

    private static string Describe(LibraryKind kind) => kind switch
    {
        LibraryKind.Takeout => "a Google Photos Takeout",
        LibraryKind.Lightroom => "a Lightroom Classic catalog",
        LibraryKind.CaptureOne => "a Capture One catalog",
        _ => "an Apple Photos library",
    };

    private static async Task<int> RunAsync(CliConsole console, IndexingPipeline pipeline, IndexTargets targets, bool json, CancellationToken cancellationToken)
    {
        using var interruption = new Interruption(console.Error, cancellationToken);
        var indexer = new Indexer(pipeline);
        IndexSummary summary;
        try
        {
            var run = indexer.RunAsync(targets, interruption.Token);
            await ProgressView.FollowAsync(console, indexer, run);
            summary = await run;
        }
        catch (Exception e) when (e is LibraryUnavailableException or DirectoryNotFoundException or Shoebox.Catalog.CatalogAddressException)
        {
            await console.Error.WriteLineAsync($"shoebox: {e.Message}");
            return ExitCodes.CouldNotRun;
        }
        if (json)
        {
            await console.Out.WriteLineAsync(summary.ToJson());
        }
        else
        {
            SummaryView.Write(console.Out, summary, pipeline.Library.Folder);
        }
        foreach (var skipped in summary.SkippedLibraries)
        {
            var hint = skipped.EndsWith(".lrdata", StringComparison.OrdinalIgnoreCase)
                ? "Lightroom's previews, read through its catalog: `shoebox import lightroom CATALOG.lrcat`"
                : skipped.EndsWith(".cocatalog", StringComparison.OrdinalIgnoreCase)
                    ? $"a Capture One catalog, read with `shoebox import capture-one \"{skipped}\"`"
                    : $"a photo library, read with `shoebox import apple-photos \"{skipped}\"`";
            await console.Error.WriteLineAsync(SummaryView.Printable($"Skipped {skipped}: {hint}."));
        }
        foreach (var unreadable in summary.UnreadableLibraries)
        {
            await console.Error.WriteLineAsync($"shoebox: {SummaryView.Printable(unreadable.Path)} could not be read: {unreadable.Reason}");
        }
        return summary.Interrupted ? ExitCodes.Interrupted : summary.UnreadableLibraries.Count > 0 ? ExitCodes.CouldNotRun : ExitCodes.Ok;
    }
}
