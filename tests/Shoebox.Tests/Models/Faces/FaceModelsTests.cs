using Shoebox.Models.Faces;
using Shoebox.Models.Store;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Models.Faces;

[Tier(Tier.Faces)]
public sealed class FaceModelsTests
{
    [Fact]
    public async Task EnsureAsync_OfflineAndNotInstalled_SaysWhereToGetThePackageAndWhereToPutIt()
    {
        using var temp = new TempFolder();
        var store = new ModelStore(new StoreOptions { Folder = temp.Path, Offline = true });

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => FaceModels.EnsureAsync(store, null, CancellationToken.None));

        Assert.Contains(FaceModels.Package.Url.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(temp.Path, FaceModels.Id, FaceModels.Package.Archive.Path), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureAsync_PackagePutInPlaceByHand_BuildsTheNetworkWithoutNetwork()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, FaceModels.Id);
        Directory.CreateDirectory(folder);
        File.Copy(FaceModelsFixture.Archive(), Path.Combine(folder, FaceModels.Package.Archive.Path));
        var store = new ModelStore(new StoreOptions { Folder = temp.Path, Offline = true });

        var models = await FaceModels.EnsureAsync(store, null, CancellationToken.None);

        Assert.True(File.Exists(models.Describer));
        using var describer = new FaceDescriber(models, threads: 1);
        Assert.Equal(FaceDescriber.Length, describer.Describe(new Shoebox.Core.RgbImage(150, 150, new byte[150 * 150 * 3])).Length);
    }

    [Fact]
    public void Open_NetworkBuiltBefore_UsedWithoutTheWeights()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Path, FaceModels.DescriberFile), "built before");

        var models = FaceModels.Open(temp.Path);

        Assert.Equal(Path.Combine(temp.Path, FaceModels.DescriberFile), models?.Describer);
    }

    [Fact]
    public void Open_DamagedTarball_RefusesItNamingTheExpectedHash()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(Path.Combine(temp.Path, FaceModels.Package.PackedName), [1, 2, 3]);

        var error = Assert.Throws<ModelUnavailableException>(() => FaceModels.Open(temp.Path));

        Assert.Contains(FaceModels.Package.Archive.Sha256!, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(temp.Path, FaceModels.DescriberFile)));
    }

    [Fact]
    public void Open_EmptyFolder_Null()
    {
        using var temp = new TempFolder();

        Assert.Null(FaceModels.Open(temp.Path));
    }
}
