using Shoebox.Models.Faces;
using Shoebox.Models.Store;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Models.Faces;

[Tier(Tier.Unit)]
public sealed class TfjsWeightsTests
{
    // Two shards: a float32 [2] tensor, a uint8-quantised [2, 2] one and a uint16-quantised [1] one.
    private static string Write(TempFolder temp, byte[]? second = null)
    {
        var first = new byte[8];
        BitConverter.TryWriteBytes(first.AsSpan(0), 1.5f);
        BitConverter.TryWriteBytes(first.AsSpan(4), -2f);
        File.WriteAllBytes(temp["a.bin"], first);
        File.WriteAllBytes(temp["b.bin"], second ?? [0, 1, 2, 255, 0x10, 0x27]);
        File.WriteAllText(temp["m.json"], """
            [{"paths": ["a.bin", "b.bin"], "weights": [
              {"name": "plain", "shape": [2], "dtype": "float32"},
              {"name": "q8", "shape": [2, 2], "dtype": "float32", "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1}},
              {"name": "q16", "shape": [1], "dtype": "float32", "quantization": {"dtype": "uint16", "scale": 0.001, "min": 0}}
            ]}]
            """);
        return temp["m.json"];
    }

    [Fact]
    public void Read_FloatAndQuantisedTensorsAcrossShards_DecodedAsCodeTimesScalePlusMin()
    {
        using var temp = new TempFolder();

        var weights = TfjsWeights.Read(Write(temp));

        Assert.Equal([1.5f, -2f], weights.Get("plain", 2));
        Assert.Equal([-1f, -0.5f, 0f, 126.5f], weights.Get("q8", 2, 2));
        Assert.Equal([10f], weights.Get("q16", 1));
    }

    [Fact]
    public void Get_OtherShape_RefusedNamingBoth()
    {
        using var temp = new TempFolder();
        var weights = TfjsWeights.Read(Write(temp));

        var error = Assert.Throws<ModelUnavailableException>(() => weights.Get("q8", 4));

        Assert.Contains("[2, 2]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[4]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ShardsShorterThanTheManifestSays_Refused()
    {
        using var temp = new TempFolder();

        var error = Assert.Throws<ModelUnavailableException>(() => TfjsWeights.Read(Write(temp, second: [0, 1, 2])));

        Assert.Contains("q8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotAManifest_Refused()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["m.json"], "{ not json");

        Assert.Throws<ModelUnavailableException>(() => TfjsWeights.Read(temp["m.json"]));
    }

    [Fact]
    public void Distance_ThreeFourFive_Five()
    {
        Assert.Equal(5f, FaceDescriber.Distance([0f, 3f, 0f], [4f, 0f, 0f]), 5);
        Assert.Throws<ArgumentException>(() => FaceDescriber.Distance([1f], [1f, 2f]));
    }
}
