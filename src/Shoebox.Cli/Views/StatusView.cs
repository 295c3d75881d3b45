using System.Text.Json;
using Shoebox.Catalog;
using Shoebox.Indexing;

namespace Shoebox.Cli.Views;

internal static class StatusView
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static string ToJson(CatalogStatus status, string libraryFolder, LibraryModelChoice model) => JsonSerializer.Serialize(new
    {
        library = libraryFolder,
        model = new { name = model.Name, reason = model.Reason },
        photos = status.Photos,
        locations = status.Locations,
        missing = status.Missing,
        failed = status.Failed,
        pending = status.Stages.ToDictionary(s => s.Key, s => s.Value.Pending),
        done = status.Stages.ToDictionary(s => s.Key, s => s.Value.Done),
        failedByStage = status.Stages.ToDictionary(s => s.Key, s => s.Value.Failed),
        failures = status.Failures.Select(f => new { path = f.Path, reason = f.Reason, stage = f.Stage }),
        lastRunStarted = status.LastRunStarted,
        lastRunFinished = status.LastRunFinished,
    }, Json);

    public static void Write(TextWriter output, CatalogStatus status, string libraryFolder, LibraryModelChoice model)
    {
        output.WriteLine($"Library {libraryFolder}");
        output.WriteLine($"  photos    {status.Photos,10:N0}");
        output.WriteLine($"  locations {status.Locations,10:N0}");
        output.WriteLine($"  missing   {status.Missing,10:N0}");
        output.WriteLine($"  failed    {status.Failed,10:N0}");
        output.WriteLine($"  model     {model.Name} ({model.Reason}; `shoebox models use ID` to choose another)");
        if (status.Stages.Count > 0)
        {
            // Embedding stages carry the model's id and version: the column is as wide as the longest.
            var width = status.Stages.Keys.Max(s => s.Length) + 2;
            output.WriteLine();
            output.WriteLine($"  {"stage".PadRight(width)}{"done",10}{"pending",10}{"failed",10}");
            foreach (var (stage, counts) in status.Stages)
            {
                output.WriteLine($"  {stage.PadRight(width)}{counts.Done,10:N0}{counts.Pending,10:N0}{counts.Failed,10:N0}");
            }
        }
        if (status.LastRunStarted is { } started)
        {
            output.WriteLine();
            output.WriteLine(status.LastRunFinished is { } finished
                ? $"Last index: {started.ToLocalTime():yyyy-MM-dd HH:mm}, finished {finished.ToLocalTime():HH:mm}"
                : $"Last index: {started.ToLocalTime():yyyy-MM-dd HH:mm}, did not finish (still running, or stopped; rerun to continue)");
        }
        if (status.Failures.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Failures:");
            // A file that cannot be read fails every stage for one reason: it is listed once, with the stages.
            foreach (var file in status.Failures.GroupBy(f => (f.Path, f.Reason)))
            {
                var stages = file.Select(f => f.Stage).OfType<string>().ToList();
                output.WriteLine($"  {SummaryView.Printable(file.Key.Path)}: {file.Key.Reason}{(stages.Count == 0 ? "" : $" ({string.Join(", ", stages)})")}");
            }
        }
    }
}
