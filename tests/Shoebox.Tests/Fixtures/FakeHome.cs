using Shoebox.Tests.Sources.ApplePhotos;
using Shoebox.Tests.Sources.GoogleTakeout;
using Shoebox.Tests.Sources.Lightroom;

namespace Shoebox.Tests.Fixtures;

/// <summary>
/// A home folder laid out as a photographer's: libraries where their applications keep them (an Apple Photos
/// library, a Lightroom catalog with its previews, a Capture One catalog in ~/Pictures; a Takeout archive and an
/// unpacked Takeout in ~/Downloads), a few photos, files that are not folders, and hidden folders.
/// </summary>
public sealed class FakeHome : IDisposable
{
    private readonly TempFolder _temp = new();

    public FakeHome()
    {
        Path = _temp.Folder("home");
        using (new PhotosLibraryFixture(this[ApplePhotos], PhotosLibraryFixture.Photos8))
        {
        }
        LightroomFixture.Catalog(this[Lightroom]);
        TestImages.Jpeg(this["Pictures/Lightroom/Lightroom Catalog Previews.lrdata/0/0A/preview.jpg"]);
        Directory.CreateDirectory(this[CaptureOne]);
        File.WriteAllText(this[CaptureOne + "/Trips.cocatalogdb"], "");

        TestImages.Jpeg(this["Pictures/beach.jpg"]);
        TestImages.Png(this["Pictures/meme.png"]);
        TestImages.Jpeg(this["Pictures/Holiday/boat.jpg"]);
        File.WriteAllText(this["Pictures/notes.txt"], "not a folder");
        File.WriteAllText(this["readme.txt"], "not a folder");
        Directory.CreateDirectory(this["Documents/Taxes"]);
        Directory.CreateDirectory(this[".cache/thumbnails"]);
        Directory.CreateDirectory(this["Pictures/.trash"]);

        using var scratch = new TempFolder();
        var takeout = new TakeoutFiles()
            .Add("Takeout/Google Photos/Trip/harbour.jpg", TakeoutFiles.Jpeg(scratch))
            .Add("Takeout/Google Photos/Trip/harbour.jpg.json", TakeoutFiles.Sidecar("harbour.jpg"));
        takeout.WriteZip(this[TakeoutArchive]);
        takeout.WriteTree(this["Downloads"]);
        File.WriteAllText(this["Downloads/invoice.pdf"], "not a library");
    }

    public const string ApplePhotos = "Pictures/Photos Library.photoslibrary";
    public const string Lightroom = "Pictures/Lightroom/Lightroom Catalog.lrcat";
    public const string CaptureOne = "Pictures/Trips.cocatalog";
    public const string TakeoutArchive = "Downloads/takeout-20240506T070810Z-001.zip";
    public const string TakeoutFolder = "Downloads/Takeout";

    /// <summary>The images in ~/Pictures that are the user's own (not a library's previews).</summary>
    public const int PicturesImages = 3;

    public string Path { get; }

    public string this[string relative]
    {
        get
        {
            var full = System.IO.Path.Combine(Path, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            return full;
        }
    }

    public void Dispose() => _temp.Dispose();
}
