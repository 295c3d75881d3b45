using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Shoebox.Models.Onnx;

namespace Shoebox.Models.Ocr;

/// <summary>A model with one float input and one float output; calls at once as its session allows.</summary>
internal sealed class OnnxRunner : IDisposable
{
    private readonly OnnxSessionInfo _session;
    private readonly string _input;
    private readonly string _output;

    public OnnxRunner(string path, int threads, ILogger? logger)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The model {path} is missing.", path);
        }
        _session = OnnxSessionFactory.Create(path, threads, logger: logger);
        _input = _session.Session.InputMetadata.Keys.First();
        _output = _session.Session.OutputMetadata.Keys.First();
    }

    public string Provider => _session.Provider;

    public (float[] Values, long[] Shape) Run(float[] data, long[] shape)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(data, shape);
        using (var outputs = _session.Run([_input], [input], [_output]))
        {
            return (outputs[0].GetTensorDataAsSpan<float>().ToArray(), outputs[0].GetTensorTypeAndShape().Shape);
        }
    }

    public void Dispose() => _session.Dispose();
}
