using Shoebox.Models.Store;
using Spectre.Console;

namespace Shoebox.Cli.Views;

/// <summary>Download progress: a bar per file on a terminal, a line per file otherwise.</summary>
internal static class DownloadView
{
    public static async Task<T> RunAsync<T>(CliConsole console, Func<IProgress<DownloadProgress>, Task<T>> download)
    {
        if (!console.Interactive)
        {
            var announced = new HashSet<string>();
            return await download(new Progress<DownloadProgress>(p =>
            {
                if (announced.Add(p.File))
                {
                    console.Error.WriteLine($"downloading {p.File}{(p.Total is { } total ? $" ({total / 1_048_576.0:0.0} MB)" : "")}");
                }
            }));
        }
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error) });
        T result = default!;
        await terminal.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                result = await download(new Progress<DownloadProgress>(p =>
                {
                    if (!tasks.TryGetValue(p.File, out var task))
                    {
                        task = tasks[p.File] = context.AddTask(Markup.Escape(p.File), maxValue: p.Total ?? 1);
                    }
                    task.MaxValue = p.Total ?? Math.Max(p.Done, 1);
                    task.Value = p.Done;
                }));
            });
        return result;
    }
}
