using System.Diagnostics;
using System.Text.Json;
using Shoebox.Cli;

namespace Shoebox.Tests.Fixtures;

public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public JsonElement Json => JsonDocument.Parse(Out).RootElement;
}

/// <summary>Runs `shoebox` in this process (fast), or as a real child process when a test must kill or confine it.</summary>
public static class Cli
{
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(args, CancellationToken.None);

    /// <param name="stop">Stops the command as Ctrl+C would (`serve` runs until then).</param>
    public static async Task<CliResult> RunAsync(string[] args, CancellationToken stop)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ShoeboxApp.RunAsync(args, new CliConsole(output, error, Interactive: false), stop);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs `shoebox ARGS --library LIBRARY` in this process and checks it succeeded, saying its errors when not.</summary>
    public static async Task<CliResult> SucceedAsync(string library, params string[] args)
    {
        var result = await RunAsync([.. args, "--library", library]);
        Assert.True(result.ExitCode == 0, $"shoebox {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}");
        return result;
    }

    /// <summary>The command line that starts shoebox as its own process, optionally behind a wrapper (setpriv).</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args, params string[] wrapper)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "shoebox.dll");
        var command = wrapper.Concat([Environment.ProcessPath!, dll]).Concat(args).ToList();
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }
        return info;
    }

    public static async Task<CliResult> RunProcessAsync(IEnumerable<string> args, params string[] wrapper)
    {
        using var process = Process.Start(StartInfo(args, wrapper))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Root ignores file permissions; running the child without capabilities makes it an ordinary process for
    /// permission checks, so an unreadable folder is really unreadable to it.
    /// </summary>
    public static string[] WithoutCapabilities => Environment.UserName == "root" ? ["setpriv", "--inh-caps=-all", "--bounding-set=-all"] : [];
}
