using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Imaging.Raw;
using Shoebox.Tests.Fixtures;
using static Shoebox.Tests.Fixtures.RawContainers;

namespace Shoebox.Tests.Imaging.Raw;

/// <summary>
/// Raw files built around a real camera-size JPEG: the preview is found, decoded shrunk and turned upright by the
/// raw's orientation, and the raw's metadata read; damaged ones fail with a reason, never otherwise.
/// </summary>
[Tier(Tier.Unit)]
public class RawContainerTests
{
    private const int Width = 2000, Height = 1500;
    private static readonly Shot Shot = new("Canon", "Canon EOS R5", new DateTime(2024, 5, 6, 7, 8, 9), Orientation: 6, Lens: "RF24-105mm F4 L IS USM", Place: (48.8584, 2.2945));

    public static TheoryData<string> Kinds => ["dng", "cr2", "nef", "cr3", "raf"];

    private static (string Path, ImageFormat Format) Build(TempFolder temp, string kind, Shot? shot = null)
    {
        var source = TestImages.Jpeg(temp[$"source-{kind}.jpg"], Width, Height, orientation: kind == "raf" ? 6 : null);
        var jpeg = File.ReadAllBytes(source);
        var s = shot ?? Shot;
        var (bytes, format) = kind switch
        {
            "dng" => (Dng(jpeg, Width, Height, s), ImageFormat.Dng),
            "cr2" => (Cr2(jpeg, Width, Height, s), ImageFormat.Cr2),
            "nef" => (Nef(jpeg, s with { Make = "NIKON CORPORATION", Model = "NIKON Z 6" }), ImageFormat.Nef),
            "cr3" => (Cr3(jpeg, Width, Height, s), ImageFormat.Cr3),
            _ => (Raf(jpeg, "X-T5"), ImageFormat.Raf),
        };
        var path = temp[$"photo.{kind}"];
        File.WriteAllBytes(path, bytes);
        return (path, format);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ReadHeader_BuiltRaw_IsItsFormatAtThePreviewsUprightSize(string kind)
    {
        using var temp = new TempFolder();
        var (path, format) = Build(temp, kind);

        var header = new ImageDecoder().ReadHeader(path);

        Assert.Equal(new ImageHeader(Height, Width, 6, format), header);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Decode_BuiltRaw_IsThePreviewShrunkAndTurnedByTheRawsOrientation(string kind)
    {
        using var temp = new TempFolder();
        var (path, _) = Build(temp, kind);
        var decoder = new ImageDecoder();
        var plain = decoder.Decode(temp[$"source-{kind}.jpg"], 320, Fit.Within);

        var decoded = decoder.Decode(path, 320, Fit.Within);

        // The source JPEG as stored (RAF's says 6 itself, so it comes out upright already); turned here for the rest.
        var expected = kind == "raf" ? plain : TurnClockwise(plain);
        Assert.Equal((240, 320), (decoded.Width, decoded.Height));
        Assert.Equal((expected.Width, expected.Height), (decoded.Width, decoded.Height));
        Assert.InRange(MeanDifference(expected, decoded), 0, 2.0);
    }

    [Theory]
    [InlineData("dng")]
    [InlineData("cr2")]
    [InlineData("cr3")]
    public void Read_BuiltRaw_GivesTheShotsDateCameraLensAndOrientation(string kind)
    {
        using var temp = new TempFolder();
        var (path, format) = Build(temp, kind);

        var metadata = ExifReader.Read(path, new PhotoMetadata { Format = format });

        Assert.Equal(Shot.TakenAt, metadata.TakenAt);
        Assert.Equal((Shot.Make, Shot.Model, Shot.Lens, 6), (metadata.CameraMake, metadata.CameraModel, metadata.Lens, metadata.Orientation));
    }

    [Fact]
    public void Read_DngWithGps_GivesThePlace()
    {
        using var temp = new TempFolder();
        var (path, format) = Build(temp, "dng");

        var metadata = ExifReader.Read(path, new PhotoMetadata { Format = format });

        Assert.Equal(48.8584, metadata.Latitude!.Value, 3);
        Assert.Equal(2.2945, metadata.Longitude!.Value, 3);
    }

    [Fact]
    public void ReadHeader_PreviewUnder1280PxWithoutLibRaw_FailsWithItsSizeAndWhatToInstall()
    {
        using var temp = new TempFolder();
        var jpeg = File.ReadAllBytes(TestImages.Jpeg(temp["small.jpg"], 1024, 768));
        File.WriteAllBytes(temp["small.dng"], Dng(jpeg, 1024, 768, Shot));

        var error = Assert.Throws<BadImageException>(() => new ImageDecoder(TestRaws.WithoutLibRaw).ReadHeader(temp["small.dng"]));

        Assert.Equal($"the largest embedded preview is 1024 x 768, under the 1280 px it needs; cannot decode: {LibRawDecoder.InstallHint}", error.Message);
    }

    [Fact]
    public void Detect_PlainTiffFromACamera_StaysTiff()
    {
        using var temp = new TempFolder();
        var tiff = TiffDir.Build(new TiffDir().Longs(0x0100, 64).Longs(0x0101, 48).Shorts(0x0103, 1).Shorts(0x0106, 2)
            .Ascii(0x010F, "NIKON").Ascii(0x0110, "COOLPIX 5700").Strip(new byte[64 * 48 * 3]));

        Assert.Equal(ImageFormat.Tiff, ImageSniffer.Detect(tiff));
    }

    public static TheoryData<string, string> Damages => new()
    {
        { "truncated", "no usable embedded preview" },
        { "loop", "" },
        { "empty-preview", "is empty" },
        { "raf-offset", "lies past the end of the file" },
        { "cr3-box", "damaged raw file" },
        { "cr3-cut", "no usable embedded preview" },
        { "ifd-past-end", "damaged raw file" },
        { "lossless", "lossless JPEG" },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void ReadHeaderAndDecode_DamagedRaw_FailWithAReasonOrStillServe(string damage, string reason)
    {
        using var temp = new TempFolder();
        var jpeg = File.ReadAllBytes(TestImages.Jpeg(temp["source.jpg"], Width, Height));
        var dng = Dng(jpeg, Width, Height, Shot);
        byte[] bytes = damage switch
        {
            "truncated" => dng[..(dng.Length - (jpeg.Length / 2))],
            "loop" => Loop(dng),
            "empty-preview" => Nef([], Shot with { Make = "NIKON CORPORATION" }),
            "raf-offset" => Patch(Raf(jpeg, "X-T5"), 84, [0x7F, 0xFF, 0xFF, 0x00]),
            "cr3-box" => [.. Box("ftyp", [.. "crx \0\0\0\u0001crx "u8]), 0, 0, 0, 3, .. "moov"u8, .. new byte[32]],
            "cr3-cut" => Cr3(jpeg, Width, Height, Shot)[..400],
            "ifd-past-end" => [.. "II*\0"u8, 0, 0, 0xF0, 0, .. "CR"u8, 2, 0, .. new byte[16]],
            _ => Nef(Patch(jpeg, FirstFrame(jpeg), [0xFF, 0xC3]), Shot with { Make = "NIKON CORPORATION" }),
        };
        var path = temp["damaged.raw"];
        File.WriteAllBytes(path, bytes);
        var decoder = new ImageDecoder();

        if (damage == "loop")
        {
            Assert.Equal(Height, decoder.ReadHeader(path).Width); // an IFD loop is read once and the preview still serves
            return;
        }
        var header = Assert.Throws<BadImageException>(() => decoder.ReadHeader(path));
        Assert.Contains(reason, header.Message, StringComparison.Ordinal);
    }

    // IFD0's next-IFD pointer aimed back at IFD0 and its first SubIFD too.
    private static byte[] Loop(byte[] dng)
    {
        var ifd0 = BitConverter.ToInt32(dng, 4);
        var count = BitConverter.ToUInt16(dng, ifd0);
        return Patch(dng, ifd0 + 2 + (12 * count), BitConverter.GetBytes(ifd0));
    }

    private static byte[] Patch(byte[] bytes, int at, byte[] with)
    {
        var copy = bytes.ToArray();
        with.CopyTo(copy, at);
        return copy;
    }

    // Where the baseline frame's marker (FF C0) is, so patching there turns it into another frame kind.
    private static int FirstFrame(byte[] jpeg)
    {
        var position = 2;
        while (jpeg[position + 1] != 0xC0)
        {
            position += 2 + ((jpeg[position + 2] << 8) | jpeg[position + 3]);
        }
        return position;
    }

    private static RgbImage TurnClockwise(RgbImage image)
    {
        var turned = new byte[image.Pixels.Length];
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var (tx, ty) = (image.Height - 1 - y, x);
                Array.Copy(image.Pixels, ((y * image.Width) + x) * 3, turned, ((ty * image.Height) + tx) * 3, 3);
            }
        }
        return new RgbImage(image.Height, image.Width, turned);
    }

    private static double MeanDifference(RgbImage a, RgbImage b) =>
        a.Pixels.Zip(b.Pixels).Average(p => Math.Abs(p.First - p.Second));
}
