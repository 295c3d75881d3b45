using Shoebox.Models.Registry;
using Shoebox.Models.Store;
using Shoebox.Models.Synth;

namespace Shoebox.Tests.Fixtures;

/// <summary>The generated `tiny` model, written once for a test class: the whole pipeline runs on it.</summary>
public sealed class TinyModelFolder : IDisposable
{
    private readonly TempFolder _temp = new();

    public TinyModelFolder()
    {
        SyntheticModels.Write("tiny", Path, seed: 1);
        SyntheticModels.Write("tiny", OtherSeed, seed: 2);
    }

    public string Path => _temp["tiny"];

    /// <summary>The same shapes with other weights: another model as far as vectors go.</summary>
    public string OtherSeed => _temp["tiny-seed-2"];

    public InstalledModel Open() => LocalModel.Open(Path);

    public void Dispose() => _temp.Dispose();
}
