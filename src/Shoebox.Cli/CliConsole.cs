namespace Shoebox.Cli;

/// <summary>
/// Where a command writes: results to <see cref="Out"/> (what scripts capture), progress and messages to
/// <see cref="Error"/>. Interactive when the error stream is a terminal, which is where progress bars go.
/// </summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool Interactive)
{
    public static CliConsole FromProcess() => new(Console.Out, Console.Error, !Console.IsErrorRedirected);
}
