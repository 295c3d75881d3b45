using Microsoft.Extensions.Logging;

namespace Shoebox.Cli.Views;

/// <summary>Hands one <see cref="LogLines"/> to every category: how `serve` writes the web server's log on the error stream.</summary>
internal sealed class LogLinesProvider(LogLines lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => lines;

    // The lines belong to the command that made them.
    public void Dispose()
    {
    }
}
