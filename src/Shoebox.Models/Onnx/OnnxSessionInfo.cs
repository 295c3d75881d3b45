using Microsoft.ML.OnnxRuntime;

namespace Shoebox.Models.Onnx;

/// <summary>
/// A session and the execution provider it runs on. <paramref name="Skipped"/> says why any provider tried before
/// it failed ("CUDAExecutionProvider: ..."), so the caller can log a fallback instead of hiding it.
/// </summary>
public sealed record OnnxSessionInfo(InferenceSession Session, string Provider, IReadOnlyList<string> Skipped) : IDisposable
{
    public void Dispose() => Session.Dispose();
}
