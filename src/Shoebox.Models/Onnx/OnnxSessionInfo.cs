using Microsoft.ML.OnnxRuntime;

namespace Shoebox.Models.Onnx;

/// <summary>
/// A session and the execution provider it runs on. <see cref="Skipped"/> says why any provider tried before it
/// failed ("CUDAExecutionProvider: ..."), so the caller can log a fallback instead of hiding it.
/// </summary>
/// <remarks>
/// <see cref="Run"/> lets <see cref="RunsAtOnce"/> callers in together. A session whose runs use every core lets one
/// in at a time: two would only fight over the cores. One opened with a thread per run on the CPU lets in one per
/// core, so the decoders and the runs share the cores without runs waiting on each other's threads.
/// </remarks>
public sealed class OnnxSessionInfo(InferenceSession session, string provider, IReadOnlyList<string> skipped, int runsAtOnce = 1) : IDisposable
{
    private readonly SemaphoreSlim _turns = new(runsAtOnce, runsAtOnce);

    public InferenceSession Session { get; } = session;

    public string Provider { get; } = provider;

    public IReadOnlyList<string> Skipped { get; } = skipped;

    public int RunsAtOnce { get; } = runsAtOnce;

    public IDisposableReadOnlyCollection<OrtValue> Run(IReadOnlyCollection<string> inputNames, IReadOnlyCollection<OrtValue> inputs, IReadOnlyCollection<string> outputNames)
    {
        _turns.Wait();
        try
        {
            using var options = new RunOptions();
            return Session.Run(options, inputNames, inputs, outputNames);
        }
        finally
        {
            _turns.Release();
        }
    }

    public void Dispose()
    {
        Session.Dispose();
        _turns.Dispose();
    }
}
