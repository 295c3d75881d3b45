using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Imaging.Raw;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Imaging.Raw;

/// <summary>
/// The parsers on real container layouts (ExifTool's test files, whose previews are cut to a few bytes): each is
/// recognised, its previews are found where ExifTool places them and refused with a reason, and its metadata is read.
/// </summary>
[Tier(Tier.Unit)]
public class RawStubTests
{
    private static string Stub(string name) => Path.Combine(AppContext.BaseDirectory, "Imaging", "Raw", "Fixtures", name);

    [Theory]
    [InlineData("CanonRaw.cr2", ImageFormat.Cr2)]
    [InlineData("CanonRaw.cr3", ImageFormat.Cr3)]
    [InlineData("CanonRaw.crw", ImageFormat.Crw)]
    [InlineData("DNG.dng", ImageFormat.Dng)]
    [InlineData("FujiFilm.raf", ImageFormat.Raf)]
    [InlineData("Minolta.mrw", ImageFormat.Mrw)]
    [InlineData("Nikon.nef", ImageFormat.Nef)]
    [InlineData("Panasonic.rw2", ImageFormat.Rw2)]
    [InlineData("PhaseOne.iiq", ImageFormat.Iiq)]
    [InlineData("Sigma.x3f", ImageFormat.X3f)]
    [InlineData("SigmaDP2.x3f", ImageFormat.X3f)]
    public void Detect_RawStub_RecognisesItsFormat(string name, ImageFormat expected)
    {
        var bytes = File.ReadAllBytes(Stub(name));

        Assert.Equal(expected, ImageSniffer.Detect(bytes.AsSpan(0, Math.Min(bytes.Length, ImageSniffer.HeaderLength))));
    }

    [Theory]
    [InlineData("CanonRaw.cr2", ImageFormat.Cr2, "IFD0 JPEG strip at 8680 (26 bytes)", "IFD1 JPEGInterchangeFormat at 8620 (28 bytes)")]
    [InlineData("Nikon.nef", ImageFormat.Nef, "IFD0 SubIFD JPEGInterchangeFormat at 1120 (29 bytes)", null)]
    [InlineData("DNG.dng", ImageFormat.Dng, "IFD0 SubIFD JPEG strip at 12780 (26 bytes)", "IFD0 SubIFD JPEG strip at 13070 (29 bytes)")]
    [InlineData("CanonRaw.cr3", ImageFormat.Cr3, "PRVW at 11395 (26 bytes)", "THMB at 8760 (17024 bytes)")]
    [InlineData("CanonRaw.crw", ImageFormat.Crw, "JpgFromRaw at 48 (29 bytes)", null)]
    public void Find_StubWithCutPreviews_LocatesThemAndRefusesEachWithAReason(string name, ImageFormat format, string first, string? second)
    {
        var previews = RawPreviewFinder.Find(Stub(name), format);

        Assert.Empty(previews.Usable);
        Assert.Contains(previews.Refused, r => r.StartsWith(first, StringComparison.Ordinal) && r.Contains("does not start as a JPEG", StringComparison.Ordinal));
        if (second is not null)
        {
            Assert.Contains(previews.Refused, r => r.StartsWith(second, StringComparison.Ordinal));
        }
        Assert.Null(RawPreviewFinder.Serving(previews, out var reason));
        Assert.StartsWith("no usable embedded preview (", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_Cr3TrackClaimingMoreThanTheFile_IsRefusedAsPastTheEnd()
    {
        var previews = RawPreviewFinder.Find(Stub("CanonRaw.cr3"), ImageFormat.Cr3);

        Assert.Contains("track 2 at 11466 (1771320 bytes) lies past the end of the file (52502 bytes)", previews.Refused);
    }

    [Theory]
    [InlineData("FujiFilm.raf", ImageFormat.Raf, "RAF JPEG at 148 (12167 bytes)")]
    [InlineData("Panasonic.rw2", ImageFormat.Rw2, "IFD0 JpgFromRaw at 1536 (10785 bytes)")]
    [InlineData("SigmaDP2.x3f", ImageFormat.X3f, "IMA2 section 0 at 292 (2676 bytes)")]
    public void Find_StubWithATinyWholeJpeg_FindsItButItDoesNotServe(string name, ImageFormat format, string expected)
    {
        var previews = RawPreviewFinder.Find(Stub(name), format);

        var preview = Assert.Single(previews.Usable);
        Assert.Equal(expected, preview.ToString());
        Assert.Equal((8, 8), (preview.Width, preview.Height));
        Assert.Null(RawPreviewFinder.Serving(previews, out var reason));
        Assert.Equal("the largest embedded preview is 8 x 8, under the 1280 px it needs", reason);
    }

    [Fact]
    public void ReadHeader_StubWithoutAServingPreviewNorLibRaw_FailsWithTheReasonAndWhatToInstall()
    {
        var error = Assert.Throws<BadImageException>(() => new ImageDecoder(TestRaws.WithoutLibRaw).ReadHeader(Stub("Nikon.nef")));

        Assert.StartsWith("no usable embedded preview", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"; cannot decode: {LibRawDecoder.InstallHint}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CanonRaw.cr2", "2005-08-03T18:59:18", "Canon", "Canon EOS 350D DIGITAL", null)]
    [InlineData("CanonRaw.cr3", "2018-02-21T12:08:56", "Canon", "Canon EOS M50", "EF-M15-45mm f/3.5-6.3 IS STM")]
    [InlineData("DNG.dng", "2005-08-03T18:59:18", "Canon", "Canon EOS 350D DIGITAL", null)]
    [InlineData("FujiFilm.raf", "2007-05-22T13:58:30", "FUJIFILM", "FinePix S5Pro", null)]
    [InlineData("Nikon.nef", "2004-06-09T16:02:35", "NIKON CORPORATION", "NIKON D70", null)]
    [InlineData("Panasonic.rw2", "2008-08-06T15:21:56", "Panasonic", "DMC-LX3", null)]
    [InlineData("Minolta.mrw", "2004-11-18T23:14:58", "Konica Minolta Camera, Inc.", "DiMAGE A2", null)]
    [InlineData("PhaseOne.iiq", "2013-06-19T15:44:21", "Leaf", "Credo 40", null)]
    public void Read_RawStub_GivesDateCameraAndOrientation(string name, string takenAt, string make, string model, string? lens)
    {
        var bytes = File.ReadAllBytes(Stub(name));
        var format = ImageSniffer.Detect(bytes.AsSpan(0, Math.Min(bytes.Length, ImageSniffer.HeaderLength)))!.Value;

        var metadata = ExifReader.Read(Stub(name), new PhotoMetadata { Format = format });

        Assert.Equal(DateTime.Parse(takenAt, System.Globalization.CultureInfo.InvariantCulture), metadata.TakenAt);
        Assert.Equal((make, model, lens), (metadata.CameraMake, metadata.CameraModel, metadata.Lens));
        Assert.Equal(1, RawPreviewFinder.Find(Stub(name), format).Orientation);
    }
}
