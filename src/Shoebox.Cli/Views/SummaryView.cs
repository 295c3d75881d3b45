using Shoebox.Indexing;

namespace Shoebox.Cli.Views;

/// <summary>The end-of-run report for people: counts, then every failure with its reason.</summary>
internal static class SummaryView
{
    public static void Write(TextWriter output, IndexSummary summary, string libraryFolder)
    {
        output.WriteLine(summary.Interrupted
            ? $"Interrupted after {summary.ElapsedSeconds:0.0} s; the work done so far is saved. Run the same command to continue."
            : $"Indexed in {summary.ElapsedSeconds:0.0} s into {libraryFolder}");
        foreach (var (label, value) in new (string, int)[]
                 {
                     ("found", summary.Found), ("new", summary.New), ("unchanged", summary.Unchanged), ("changed", summary.Changed),
                     ("moved", summary.Moved), ("copied", summary.Copied), ("missing", summary.Missing), ("failed", summary.Failed),
                 })
        {
            output.WriteLine($"  {label,-10}{value,10:N0}");
        }
        if (summary.Tagged > 0)
        {
            output.WriteLine($"  ({summary.Tagged:N0} photos tagged; see `shoebox tags`)");
        }
        if (summary.Ignored > 0)
        {
            output.WriteLine($"  ({summary.Ignored:N0} other files are not images and were skipped)");
        }
        if (summary.Failures.Count == 0)
        {
            return;
        }
        output.WriteLine();
        output.WriteLine($"Failed ({summary.Failures.Count:N0}):");
        foreach (var failure in summary.Failures)
        {
            output.WriteLine($"  {Printable(failure.Path)}: {failure.Reason}");
        }
    }

    // A file name may hold a newline or a control character; show it escaped so each failure stays on one line.
    internal static string Printable(string path) =>
        path.Any(char.IsControl) ? string.Concat(path.Select(c => char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString())) : path;
}
