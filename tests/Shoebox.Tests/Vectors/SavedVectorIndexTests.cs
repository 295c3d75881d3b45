using Shoebox.Core;
using Shoebox.Vectors;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Vectors;

/// <summary>Telling a saved file's kind before loading it (each kind's own loader is tested with that kind).</summary>
[Tier(Tier.Unit)]
public class SavedVectorIndexTests
{
    private const int Dimensions = 8;
    private static readonly ModelIdentity Model = new("test-clip", "1", Dimensions);

    private static VectorIndexStaleException LoadFails(string path) =>
        Assert.Throws<VectorIndexStaleException>(() => SavedVectorIndex.Load(path, Model));

    [Fact]
    public void Load_FileOfTheRemovedIvfIndex_StaleAsRetired()
    {
        using var temp = new TempFolder();
        var (ids, rows) = ClusteredVectors.Many(new Random(1), 20, Dimensions);
        RetiredIndexFiles.WriteIvf(temp["ivf.sbvx"], Model, ids, rows);

        var error = LoadFails(temp["ivf.sbvx"]);

        Assert.Equal(VectorIndexStaleReason.Retired, error.Reason);
        Assert.Contains("no longer uses", error.Message);
    }

    [Fact]
    public void Load_FileOfTheHandWrittenHnswGraph_StaleAsRetired()
    {
        using var temp = new TempFolder();
        RetiredIndexFiles.WriteHnsw(temp["hnsw.sbvx"], Model, 20);

        var error = LoadFails(temp["hnsw.sbvx"]);

        Assert.Equal(VectorIndexStaleReason.Retired, error.Reason);
        Assert.Contains("HNSW", error.Message);
    }

    [Fact]
    public void Load_VersionTwoWithoutTheMagic_Corrupt()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp["other.sbvx"], [.. "XXXX"u8, .. BitConverter.GetBytes(RetiredIndexFiles.IvfVersion), .. new byte[100]]);

        Assert.Equal(VectorIndexStaleReason.Corrupt, LoadFails(temp["other.sbvx"]).Reason);
    }

    [Fact]
    public void Load_ShorterThanTheMagicAndVersion_Corrupt()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp["short.sbvx"], "SBVX"u8.ToArray());

        Assert.Equal(VectorIndexStaleReason.Corrupt, LoadFails(temp["short.sbvx"]).Reason);
    }

    [Fact]
    public void Load_UnknownVersion_Corrupt()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp["later.sbvx"], [.. "SBVX"u8, .. BitConverter.GetBytes(99), .. new byte[100]]);

        Assert.Equal(VectorIndexStaleReason.Corrupt, LoadFails(temp["later.sbvx"]).Reason);
    }

    [Fact]
    public void Load_MissingFile_Missing()
    {
        using var temp = new TempFolder();

        Assert.Equal(VectorIndexStaleReason.Missing, LoadFails(temp["none.sbvx"]).Reason);
    }
}
