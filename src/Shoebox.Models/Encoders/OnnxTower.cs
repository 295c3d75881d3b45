using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Shoebox.Models.Onnx;
using Shoebox.Models.Registry;

namespace Shoebox.Models.Encoders;

/// <summary>
/// One ONNX tower, opened once and reused: runs a batch through it (one at a time when the export has a fixed
/// batch of one) and returns unit vectors.
/// </summary>
internal sealed class OnnxTower : IDisposable
{
    private readonly OnnxSessionInfo _session;
    private readonly Tower _tower;
    private readonly int _dimensions;
    private readonly bool _batchOfOne;

    public OnnxTower(string path, Tower tower, int dimensions, int threads, ILogger? logger)
    {
        _session = OnnxSessionFactory.Create(path, threads, logger: logger);
        _tower = tower;
        _dimensions = dimensions;
        if (!_session.Session.InputMetadata.TryGetValue(tower.Input, out var input) || !_session.Session.OutputMetadata.ContainsKey(tower.Output))
        {
            _session.Dispose();
            throw new InvalidDataException($"{path} has no input '{tower.Input}' or no output '{tower.Output}': it is not the export Shoebox expects.");
        }
        _batchOfOne = input.Dimensions[0] == 1;
    }

    public string Provider => _session.Provider;

    public int RunsAtOnce => _session.RunsAtOnce;

    /// <summary>Runs <paramref name="count"/> rows laid out one after another in <paramref name="data"/>.</summary>
    public IReadOnlyList<float[]> Run<T>(T[] data, long[] rowShape, int count)
        where T : unmanaged
    {
        var rowLength = (int)rowShape.Aggregate(1L, (a, b) => a * b);
        if (!_batchOfOne || count == 1)
        {
            return RunBatch(data, rowShape, count);
        }
        var vectors = new List<float[]>(count);
        for (var i = 0; i < count; i++)
        {
            vectors.AddRange(RunBatch(data.AsSpan(i * rowLength, rowLength).ToArray(), rowShape, 1));
        }
        return vectors;
    }

    public void Dispose() => _session.Dispose();

    private List<float[]> RunBatch<T>(T[] data, long[] rowShape, int count)
        where T : unmanaged
    {
        using var input = OrtValue.CreateTensorValueFromMemory(data, [count, .. rowShape]);
        using (var outputs = _session.Run([_tower.Input], [input], [_tower.Output]))
        {
            var values = outputs[0].GetTensorDataAsSpan<float>();
            var width = values.Length / count;
            if (width != _dimensions)
            {
                throw new InvalidDataException($"the model gave vectors of {width} numbers, but {_dimensions} were expected.");
            }
            var vectors = new List<float[]>(count);
            for (var i = 0; i < count; i++)
            {
                vectors.Add(Vectors.Normalised(values.Slice(i * width, width)));
            }
            return vectors;
        }
    }
}
