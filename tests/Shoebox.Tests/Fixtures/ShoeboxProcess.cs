using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Shoebox.Tests.Fixtures;

/// <summary>A shoebox process whose output is read as it comes, so that a server's address can be waited for.</summary>
public sealed class ShoeboxProcess
{
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task<string> _error;

    private ShoeboxProcess(Process process)
    {
        _process = process;
        _error = process.StandardError.ReadToEndAsync();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text && Regex.Match(text, @"at (http://127\.0\.0\.1:\d+/)") is { Success: true } match)
            {
                _url.TrySetResult(match.Groups[1].Value);
            }
        };
        process.BeginOutputReadLine();
    }

    public int Id => _process.Id;

    /// <param name="environment">Variables set for this process only.</param>
    public static ShoeboxProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = Cli.StartInfo(args);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        return new ShoeboxProcess(Process.Start(info)!);
    }

    public async Task<string> UrlAsync()
    {
        var ended = _process.WaitForExitAsync();
        if (await Task.WhenAny(_url.Task, ended, Task.Delay(TimeSpan.FromMinutes(2))) == _url.Task)
        {
            return await _url.Task;
        }
        Kill();
        throw new InvalidOperationException($"shoebox printed no address: {await _error}");
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    public async Task<(int ExitCode, string Error)> FinishAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await _process.WaitForExitAsync(timeout.Token);
        var result = (_process.ExitCode, await _error);
        _process.Dispose();
        return result;
    }
}
