using System.Text.Json;
using Shoebox.Catalog;

namespace Shoebox.Cli.Views;

internal static class StatusView
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static string ToJson(CatalogStatus status, string libraryFolder) => JsonSerializer.Serialize(new
    {
        library = libraryFolder,
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

    public static void Write(TextWriter output, CatalogStatus status, string libraryFolder)
    {
        output.WriteLine($"Library {libraryFolder}");
        output.WriteLine($"  photos    {status.Photos,10:N0}");
        output.WriteLine($"  locations {status.Locations,10:N0}");
        output.WriteLine($"  missing   {status.Missing,10:N0}");
        output.WriteLine($"  failed    {status.Failed,10:N0}");
        if (status.Stages.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"  {"stage",-12}{"done",10}{"pending",10}{"failed",10}");
            foreach (var (stage, counts) in status.Stages)
            {
                output.WriteLine($"  {stage,-12}{counts.Done,10:N0}{counts.Pending,10:N0}{counts.Failed,10:N0}");
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
            foreach (var failure in status.Failures)
            {
                output.WriteLine($"  {SummaryView.Printable(failure.Path)}: {failure.Reason}");
            }
        }
    }
}
