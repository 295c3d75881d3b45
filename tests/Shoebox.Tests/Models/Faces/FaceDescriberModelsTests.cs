using Shoebox.Models.Faces;
using Shoebox.Models.Store;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Models.Faces;

[Tier(Tier.Faces)]
public sealed class FaceDescriberModelsTests
{
    [Fact]
    public async Task EnsureAsync_OfflineAndNotInstalled_SaysWhereToGetThePackageAndWhereToPutIt()
    {
        using var temp = new TempFolder();
        var store = new ModelStore(new StoreOptions { Folder = temp.Path, Offline = true });

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => FaceDescriberModels.EnsureAsync(store, null, CancellationToken.None));

        Assert.Contains(FaceDescriberModels.PackageUrl.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(temp.Path, FaceDescriberModels.Id, FaceDescriberModels.ArchiveName), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureAsync_PackagePutInPlaceByHand_BuildsTheNetworkWithoutNetwork()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, FaceDescriberModels.Id);
        Directory.CreateDirectory(folder);
        File.Copy(FaceDescriberFixture.Archive(), Path.Combine(folder, FaceDescriberModels.ArchiveName));
        var store = new ModelStore(new StoreOptions { Folder = temp.Path, Offline = true });

        var models = await FaceDescriberModels.EnsureAsync(store, null, CancellationToken.None);

        Assert.True(File.Exists(models.Describer));
        using var describer = new FaceDescriber(models, threads: 1);
        Assert.Equal(FaceDescriber.Length, describer.Describe(new Shoebox.Core.RgbImage(150, 150, new byte[150 * 150 * 3])).Length);
    }

    [Fact]
    public void Open_NetworkBuiltBefore_UsedWithoutTheWeights()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Path, FaceDescriberModels.DescriberFile), "built before");

        var models = FaceDescriberModels.Open(temp.Path);

        Assert.Equal(Path.Combine(temp.Path, FaceDescriberModels.DescriberFile), models?.Describer);
    }

    [Fact]
    public void Open_DamagedTarball_RefusesItNamingTheExpectedHash()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(Path.Combine(temp.Path, FaceDescriberModels.PackedName), [1, 2, 3]);

        var error = Assert.Throws<ModelUnavailableException>(() => FaceDescriberModels.Open(temp.Path));

        Assert.Contains(FaceDescriberModels.Archive.Sha256!, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(temp.Path, FaceDescriberModels.DescriberFile)));
    }

    [Fact]
    public void Open_EmptyFolder_Null()
    {
        using var temp = new TempFolder();

        Assert.Null(FaceDescriberModels.Open(temp.Path));
    }
}
