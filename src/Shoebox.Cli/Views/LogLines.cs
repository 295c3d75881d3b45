using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Shoebox.Cli.Views;

/// <summary>
/// A log a person can read, for commands that run unattended (`shoebox worker`): one line per entry with the time in
/// UTC, the level and the event, written at once to each writer (the error stream, a --log file). The console logging
/// package is not used for this: it writes from a queue on a thread of its own, whose last lines a command that exits loses.
/// </summary>
/// <param name="owned">Writers closed with the log (a --log file); the others stay open.</param>
internal sealed class LogLines(IReadOnlyList<TextWriter> writers, IReadOnlyList<TextWriter> owned, LogLevel minimum = LogLevel.Information) : ILogger, IDisposable
{
    private readonly Lock _gate = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }
        var time = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var name = eventId.Name ?? eventId.Id.ToString(CultureInfo.InvariantCulture);
        var line = $"{time} {Level(logLevel)} {name}: {formatter(state, exception)}";
        lock (_gate)
        {
            foreach (var writer in writers)
            {
                writer.WriteLine(line);
                if (exception is not null)
                {
                    writer.WriteLine(exception.ToString());
                }
                writer.Flush();
            }
        }
    }

    public void Dispose()
    {
        foreach (var writer in owned)
        {
            writer.Dispose();
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info ",
        LogLevel.Warning => "warn ",
        LogLevel.Error => "error",
        _ => "fatal",
    };
}
