using System.Runtime.InteropServices;

namespace Shoebox.Cli;

/// <summary>
/// The first Ctrl+C (or SIGTERM) asks the command to stop after the batch in hand; a second Ctrl+C ends the
/// process at once, which is safe too since the catalog only ever holds committed batches.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly TextWriter _messages;
    private readonly PosixSignalRegistration? _terminate;

    public Interruption(TextWriter messages, CancellationToken outer)
    {
        _messages = messages;
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        Console.CancelKeyPress += OnCancelKeyPress;
        if (!OperatingSystem.IsWindows())
        {
            _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                Stop();
            });
        }
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _terminate?.Dispose();
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (_source.IsCancellationRequested)
        {
            return; // second Ctrl+C: let the process end
        }
        e.Cancel = true;
        Stop();
    }

    private void Stop()
    {
        _messages.WriteLine("Stopping after the current batch (press Ctrl+C again to quit at once)...");
        _source.Cancel();
    }
}
