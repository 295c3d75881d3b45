using NetVips;
using Shoebox.Sources.Lightroom;
using Shoebox.Tests.Fixtures;
using static Shoebox.Tests.Sources.Lightroom.LightroomFixture;

namespace Shoebox.Tests.Sources.Lightroom;

[Tier(Tier.Unit)]
public class PreviewBundleTests
{
    private static (string Bundle, string Uuid, string Digest, FixtureLevel[] Levels) OneImage(TempFolder temp, string orientation = "AB", Func<byte[], byte[]>? damage = null)
    {
        var bundle = temp.Folder("Main Previews.lrdata");
        var uuid = NewUuid();
        var digest = NewDigest();
        var levels = ThreeLevels();
        var bytes = Lrprev(uuid, digest, levels);
        WriteLrprev(bundle, uuid, digest, damage is null ? bytes : damage(bytes));
        PreviewsDb(bundle, (7, uuid, digest, orientation, levels, null));
        return (bundle, uuid, digest, levels);
    }

    private static int IndexOf(byte[] bytes, string section) =>
        bytes.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(section + "\0")) - 24;

    [Fact]
    public void FindLargest_SeveralLevels_ReturnsTheHighestLevel()
    {
        using var temp = new TempFolder();
        var (bundleFolder, uuid, _, levels) = OneImage(temp);

        using var bundle = PreviewBundle.Open(bundleFolder);
        var preview = bundle.FindLargest(7);

        Assert.NotNull(preview);
        Assert.Equal(uuid, preview.Uuid);
        Assert.Equal((360, 240), (preview.Width, preview.Height));
        Assert.Equal(levels[^1].Jpeg, preview.Jpeg);
        Assert.False(preview.Recovered);
    }

    [Fact]
    public void FindLargest_UnknownImage_IsNullAndSaysWhy()
    {
        using var temp = new TempFolder();
        var (bundleFolder, _, _, _) = OneImage(temp);

        using var bundle = PreviewBundle.Open(bundleFolder);

        Assert.Null(bundle.FindLargest(8));
        Assert.Contains("no preview", bundle.Find(8).Failure);
    }

    [Fact]
    public void FindLargest_DamagedSectionHeader_CarvesTheJpegsAndReportsIt()
    {
        using var temp = new TempFolder();
        var (bundleFolder, _, _, _) = OneImage(temp, damage: bytes =>
        {
            var at = IndexOf(bytes, "level_2");
            bytes[at] = (byte)'X'; // the AgHg mark of level_2 is gone
            bytes[at + 5] = 0xFF;
            return bytes;
        });

        using var bundle = PreviewBundle.Open(bundleFolder);
        var preview = bundle.FindLargest(7);

        Assert.NotNull(preview);
        Assert.Equal((360, 240), (preview.Width, preview.Height));
        Assert.True(preview.Recovered);
        Assert.Contains(preview.Problems, p => p.Contains("damaged", StringComparison.Ordinal));
        Assert.Contains(preview.Problems, p => p.Contains("recovered by scanning", StringComparison.Ordinal));
    }

    [Fact]
    public void FindLargest_LevelWithoutEndMarker_GetsOneAndDecodesWhole()
    {
        using var temp = new TempFolder();
        var bundleFolder = temp.Folder("Main Previews.lrdata");
        var uuid = NewUuid();
        var digest = NewDigest();
        var levels = ThreeLevels();
        var top = levels[^1].Jpeg;
        levels[^1] = levels[^1] with { Jpeg = top[..^2] }; // stored without FF D9, as some pyramids are
        WriteLrprev(bundleFolder, uuid, digest, Lrprev(uuid, digest, levels));
        PreviewsDb(bundleFolder, (7, uuid, digest, "AB", levels, null));

        using var bundle = PreviewBundle.Open(bundleFolder);
        var preview = bundle.FindLargest(7)!;

        Assert.Equal(top, preview.Jpeg);
        Assert.Equal([0xFF, 0xD9], preview.Jpeg[^2..]);
        using var image = Image.NewFromBuffer(preview.Jpeg, failOn: Enums.FailOn.Warning);
        Assert.Equal(360, image.Width);
        Assert.InRange(image.Avg(), 1, 254); // every pixel decodes
    }

    [Fact]
    public void FindLargest_TruncatedFile_ReturnsTheLargestCompleteLevelAndReportsTheCut()
    {
        using var temp = new TempFolder();
        var (bundleFolder, _, _, _) = OneImage(temp, damage: bytes => bytes[..(IndexOf(bytes, "level_3") + 32 + 200)]);

        using var bundle = PreviewBundle.Open(bundleFolder);
        var preview = bundle.FindLargest(7);

        Assert.NotNull(preview);
        Assert.Equal((180, 120), (preview.Width, preview.Height));
        Assert.True(preview.Recovered);
        Assert.Contains(preview.Problems, p => p.Contains("level_3 is cut off", StringComparison.Ordinal));
    }

    [Fact]
    public void FindLargest_NothingReadable_IsNullWithTheReason()
    {
        using var temp = new TempFolder();
        var (bundleFolder, _, _, _) = OneImage(temp, damage: bytes => new byte[bytes.Length]);

        using var bundle = PreviewBundle.Open(bundleFolder);
        var lookup = bundle.Find(7);

        Assert.Null(lookup.Preview);
        Assert.Contains("damaged", lookup.Failure);
    }

    [Fact]
    public void FindLargest_PerSizeFilesOfLightroom13_ReturnsTheLargestSize()
    {
        using var temp = new TempFolder();
        var bundleFolder = temp.Folder("Main Previews.lrdata");
        var uuid = NewUuid();
        var levels = ThreeLevels();
        var levelDigest = NewDigest();
        foreach (var level in levels)
        {
            WriteSizeFile(bundleFolder, uuid, levelDigest, level);
        }
        PreviewsDb(bundleFolder, (3, uuid, NewDigest(), "AB", levels, levelDigest));

        using var bundle = PreviewBundle.Open(bundleFolder);
        var preview = bundle.FindLargest(3)!;

        Assert.Equal((360, 240), (preview.Width, preview.Height));
        Assert.Equal($"{uuid}-{levelDigest}_360", Path.GetFileName(preview.SourceFile));
    }

    [Fact]
    public void FindLargest_BothLayoutsInOneBundle_FindsEach()
    {
        using var temp = new TempFolder();
        var bundleFolder = temp.Folder("Main Previews.lrdata");
        var (oldUuid, oldDigest, oldLevels) = (NewUuid(), NewDigest(), ThreeLevels());
        WriteLrprev(bundleFolder, oldUuid, oldDigest, Lrprev(oldUuid, oldDigest, oldLevels));
        var (newUuid, newDigest, newLevels) = (NewUuid(), NewDigest(), new FixtureLevel[] { new(100, 80), new(400, 320) });
        foreach (var level in newLevels)
        {
            WriteSizeFile(bundleFolder, newUuid, newDigest, level);
        }
        PreviewsDb(bundleFolder, (1, oldUuid, oldDigest, "AB", oldLevels, null), (2, newUuid, NewDigest(), "AB", newLevels, newDigest));

        using var bundle = PreviewBundle.Open(bundleFolder);

        Assert.Equal(360, bundle.FindLargest(1)!.Width);
        Assert.Equal(400, bundle.FindLargest(2)!.Width);
        Assert.Equal([1L, 2L], bundle.Entries.Select(e => e.ImageId!.Value));
    }

    [Fact]
    public void FindLargest_OrientationBC_IsExifSix()
    {
        using var temp = new TempFolder();
        var (bundleFolder, _, _, _) = OneImage(temp, orientation: "BC");

        using var bundle = PreviewBundle.Open(bundleFolder);
        var preview = bundle.FindLargest(7)!;

        Assert.Equal(6, preview.Orientation);
        Assert.Equal((240, 360), preview.UprightSize);
    }

    [Fact]
    public void FindLargest_UnknownOrientation_LeftAsStoredWithANote()
    {
        using var temp = new TempFolder();
        var (bundleFolder, _, _, _) = OneImage(temp, orientation: "CB");

        using var bundle = PreviewBundle.Open(bundleFolder);
        var preview = bundle.FindLargest(7)!;

        Assert.Equal(1, preview.Orientation);
        Assert.Contains(preview.Notes, n => n.Contains("'CB'", StringComparison.Ordinal));
        Assert.False(preview.Recovered);
    }

    [Fact]
    public void Open_FolderOfLrprevFilesWithoutPreviewsDb_ListsThemByUuid()
    {
        using var temp = new TempFolder();
        var bundleFolder = temp.Folder("loose");
        var uuids = new[] { NewUuid(), NewUuid() };
        foreach (var uuid in uuids)
        {
            var digest = NewDigest();
            WriteLrprev(bundleFolder, uuid, digest, Lrprev(uuid, digest, ThreeLevels()));
        }

        using var bundle = PreviewBundle.Open(bundleFolder);

        Assert.False(bundle.HasIndex);
        Assert.Equal(uuids.Order(StringComparer.Ordinal), bundle.Entries.Select(e => e.Uuid));
        Assert.All(bundle.Entries, e => Assert.Null(e.ImageId));
        Assert.Equal(360, bundle.Find(bundle.Entries[0]).Preview!.Width);
        Assert.Contains("previews.db", Assert.Single(bundle.Notes));
    }

    [Fact]
    public void Open_FolderWithoutPreviews_ThrowsAClearError()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["notes.txt"], "hello");

        var error = Assert.Throws<LightroomPreviewException>(() => PreviewBundle.Open(temp.Path));

        Assert.Contains("not a Lightroom previews bundle", error.Message);
        Assert.Contains(temp.Path, error.Message);
    }

    [Fact]
    public void OpenBeside_Catalog_FindsThePreviewsBundleNextToIt()
    {
        using var temp = new TempFolder();
        OneImage(temp);
        var catalog = LightroomFixture.Catalog(temp["Main.lrcat"]);
        var other = LightroomFixture.Catalog(temp["Other.lrcat"]);

        using var bundle = PreviewBundle.OpenBeside(catalog);

        Assert.NotNull(bundle);
        Assert.Equal(temp["Main Previews.lrdata"], bundle.Folder);
        Assert.Null(PreviewBundle.OpenBeside(other));
    }

    [Theory]
    [InlineData("AB", 1)]
    [InlineData("BC", 6)]
    [InlineData("CD", 3)]
    [InlineData("DA", 8)]
    [InlineData("BA", 2)]
    [InlineData("DC", 4)]
    [InlineData(null, 1)]
    public void ToExif_LightroomLetters_GiveExifOrientation(string? code, int exif) =>
        Assert.Equal(exif, LightroomOrientation.ToExif(code));
}
