using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Shoebox.Models.Onnx;

namespace Shoebox.Models.Ocr;

/// <summary>A model with one float input and one float output, run one call at a time.</summary>
internal sealed class OnnxRunner : IDisposable
{
    private readonly OnnxSessionInfo _session;
    private readonly string _input;
    private readonly string _output;
    private readonly Lock _gate = new();

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
        IDisposableReadOnlyCollection<OrtValue> outputs;
        lock (_gate)
        {
            using var options = new RunOptions();
            outputs = _session.Session.Run(options, [_input], [input], [_output]);
        }
        using (outputs)
        {
            return (outputs[0].GetTensorDataAsSpan<float>().ToArray(), outputs[0].GetTensorTypeAndShape().Shape);
        }
    }

    public void Dispose() => _session.Dispose();
}
