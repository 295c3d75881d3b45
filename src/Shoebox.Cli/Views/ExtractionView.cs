using System.Text.Json;

namespace Shoebox.Cli.Views;

/// <summary>What `lightroom extract-previews` wrote: a line per JPEG, then counts and every failure with its reason.</summary>
internal static class ExtractionView
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static string Line(ExtractedPreview preview)
    {
        var line = $"{(preview.Recovered ? "recovered" : "wrote")}  {Path.GetFileName(preview.File)}  {preview.Width}x{preview.Height}  from {SummaryView.Printable(preview.Source)}";
        foreach (var problem in preview.Problems)
        {
            line += $"{Environment.NewLine}    damaged: {problem}";
        }
        foreach (var note in preview.Notes)
        {
            line += $"{Environment.NewLine}    note: {note}";
        }
        return line;
    }

    public static void Write(TextWriter output, ExtractionResult result)
    {
        if (result.Interrupted)
        {
            output.WriteLine("Interrupted; the JPEGs written so far are kept. Run the same command to write them all.");
        }
        output.WriteLine($"Previews from {result.Bundle} into {result.OutputFolder}");
        foreach (var note in result.Notes)
        {
            output.WriteLine($"  note: {note}");
        }
        var recovered = result.Written.Count(w => w.Recovered);
        output.WriteLine($"  {"written",-10}{result.Written.Count - recovered,10:N0}");
        output.WriteLine($"  {"recovered",-10}{recovered,10:N0}");
        output.WriteLine($"  {"failed",-10}{result.Failures.Count,10:N0}");
        if (result.Failures.Count == 0)
        {
            return;
        }
        output.WriteLine();
        output.WriteLine($"Failed ({result.Failures.Count:N0}):");
        foreach (var failure in result.Failures)
        {
            output.WriteLine($"  {SummaryView.Printable(failure.Source)}: {failure.Reason}");
        }
    }

    public static string ToJson(ExtractionResult result) => JsonSerializer.Serialize(new
    {
        source = result.Source,
        bundle = result.Bundle,
        output = result.OutputFolder,
        written = result.Written.Count(w => !w.Recovered),
        recovered = result.Written.Count(w => w.Recovered),
        failed = result.Failures.Count,
        interrupted = result.Interrupted,
        notes = result.Notes,
        files = result.Written.Select(w => new
        {
            file = w.File,
            source = w.Source,
            imageId = w.ImageId,
            uuid = w.Uuid,
            width = w.Width,
            height = w.Height,
            recovered = w.Recovered,
            problems = w.Problems,
            notes = w.Notes,
        }),
        failures = result.Failures.Select(f => new { source = f.Source, imageId = f.ImageId, uuid = f.Uuid, reason = f.Reason }),
    }, Options);
}
