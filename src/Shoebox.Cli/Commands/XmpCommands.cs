using System.CommandLine;
using System.Text.Json;
using Shoebox.Catalog;
using Shoebox.Cli.Views;
using Shoebox.Sources.Xmp;

namespace Shoebox.Cli.Commands;

/// <summary>`shoebox xmp write`: share the library's keywords and captions with other photo tools through sidecars.</summary>
internal static class XmpCommands
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static Command Create(CliConsole console) => new("xmp", "Exchange keywords and captions with other photo tools (Lightroom, darktable, digiKam, Immich) through XMP sidecar files.")
    {
        Write(console),
    };

    private static Command Write(CliConsole console)
    {
        var library = new LibraryOptions();
        var json = CommonOptions.Json();
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Show what would change in which sidecar, and write nothing.",
        };
        var command = new Command("write", "Write each photo's keywords, tags and caption into the XMP sidecars beside its files (IMG_1.CR2.xmp; an existing IMG_1.xmp is updated too). Keywords Shoebox did not write are never removed, and everything else in a sidecar is kept.")
        {
            dryRun, json,
        };
        library.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var interruption = new Interruption(console.Error, cancellationToken);
            return await ExistingLibrary.RunAsync(console, library.Resolve(parse), exclusive: false, async catalog =>
            {
                var result = Run(await catalog.Texts.ListSidecarTextsAsync(), parse.GetValue(dryRun), interruption.Token);
                await console.Out.WriteLineAsync(parse.GetValue(json) ? ToJson(result) : ToText(result));
                return result.Interrupted ? ExitCodes.Interrupted : ExitCodes.Ok;
            });
        });
        return command;
    }

    private sealed record Failure(string Path, string Reason);

    private sealed record WriteResult(bool DryRun, List<SidecarChange> Changes, int Unchanged, int Skipped, List<Failure> Failures, bool Interrupted);

    private static WriteResult Run(IReadOnlyList<LocationTexts> locations, bool dryRun, CancellationToken cancellationToken)
    {
        var changes = new List<SidecarChange>();
        var failures = new List<Failure>();
        var (unchanged, skipped) = (0, 0);
        foreach (var location in locations)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return new WriteResult(dryRun, changes, unchanged, skipped, failures, Interrupted: true);
            }
            if (!File.Exists(location.Path))
            {
                skipped++; // gone since the last index, or not a file of its own
                continue;
            }
            var metadata = new XmpMetadata(location.Keywords, location.Caption);
            foreach (var sidecar in XmpSidecarWriter.SidecarsFor(location.Path))
            {
                try
                {
                    var change = XmpSidecarWriter.Write(sidecar, metadata, dryRun);
                    if (change.Changed)
                    {
                        changes.Add(change);
                    }
                    else if (File.Exists(sidecar))
                    {
                        unchanged++;
                    }
                }
                catch (Exception e) when (e is XmpFormatException or IOException or UnauthorizedAccessException)
                {
                    failures.Add(new Failure(sidecar, e is XmpFormatException { Reason: { } reason } ? reason : e.Message));
                }
            }
        }
        return new WriteResult(dryRun, changes, unchanged, skipped, failures, Interrupted: false);
    }

    private static string ToText(WriteResult result)
    {
        var lines = new List<string>();
        foreach (var change in result.Changes)
        {
            var verb = (result.DryRun, change.Created) switch
            {
                (false, true) => "created",
                (false, false) => "updated",
                (true, true) => "would create",
                (true, false) => "would update",
            };
            lines.Add($"{verb} {SummaryView.Printable(change.SidecarPath)}: {Describe(change)}");
        }
        var created = result.Changes.Count(c => c.Created);
        var updated = result.Changes.Count - created;
        lines.Add(result.DryRun
            ? $"Dry run, nothing written: {created:N0} sidecars to create, {updated:N0} to update, {result.Unchanged:N0} unchanged, {result.Failures.Count:N0} failed."
            : $"Sidecars: {created:N0} created, {updated:N0} updated, {result.Unchanged:N0} unchanged, {result.Failures.Count:N0} failed.");
        if (result.Skipped > 0)
        {
            lines.Add($"{result.Skipped:N0} files were not found; run `shoebox index` to bring the library up to date.");
        }
        lines.AddRange(result.Failures.Select(f => SummaryView.Printable($"failed {f.Path}: {f.Reason}")));
        if (result.Interrupted)
        {
            lines.Add("Stopped before the end; run the command again to write the rest.");
        }
        return string.Join(Environment.NewLine, lines);
    }

    private static string Describe(SidecarChange change)
    {
        static string Keywords(int count) => count == 1 ? "1 keyword" : $"{count:N0} keywords";
        var parts = new List<string>();
        if (change.AddedKeywords.Count > 0)
        {
            parts.Add("+" + Keywords(change.AddedKeywords.Count));
        }
        if (change.RemovedKeywords.Count > 0)
        {
            parts.Add("-" + Keywords(change.RemovedKeywords.Count));
        }
        if (change.Caption != CaptionChange.None)
        {
            parts.Add(change.Caption == CaptionChange.Set ? "caption" : "caption removed");
        }
        return string.Join(", ", parts);
    }

    private static string ToJson(WriteResult result) => JsonSerializer.Serialize(new
    {
        result.DryRun,
        Created = result.Changes.Count(c => c.Created),
        Updated = result.Changes.Count(c => !c.Created),
        result.Unchanged,
        result.Skipped,
        Failed = result.Failures.Count,
        result.Interrupted,
        Sidecars = result.Changes.Select(c => new
        {
            Path = c.SidecarPath,
            Action = c.Created ? "create" : "update",
            Added = c.AddedKeywords,
            Removed = c.RemovedKeywords,
            Caption = c.Caption switch
            {
                CaptionChange.Set => "set",
                CaptionChange.Removed => "removed",
                _ => null,
            },
        }),
        result.Failures,
    }, Json);
}
