using System.Text.Json;
using Shoebox.Tests.Fixtures;
using Shoebox.Tests.Sources.ApplePhotos;
using Shoebox.Tests.Sources.GoogleTakeout;
using Shoebox.Tests.Sources.Lightroom;

namespace Shoebox.Tests.Cli;

/// <summary>Photo libraries from the command line: imported, searchable by what the library knew, never changed.</summary>
[Tier(Tier.EndToEnd)]
public class ImportCommandTests(TinyModelFolder tiny) : IClassFixture<TinyModelFolder>
{
    private async Task<CliResult> RunAsync(TempFolder temp, params string[] args) =>
        await Fixtures.Cli.RunAsync([.. args, "--library", temp.Library, "--model", tiny.Path]);

    private static async Task<List<JsonElement>> SearchAsync(TempFolder temp, string query)
    {
        var result = await Fixtures.Cli.RunAsync("search", query, "--library", temp.Library, "--json");
        Assert.Equal(0, result.ExitCode);
        return [.. result.Json.GetProperty("results").EnumerateArray()];
    }

    // Words are matched in the library's texts and by the model; the generated test model's similarities are noise,
    // so what the words select is the best-ranked photo.
    private static async Task<string> TopAsync(TempFolder temp, string words) =>
        Path.GetFileName((await SearchAsync(temp, words))[0].GetProperty("path").GetString()!);

    private static string[] Names(IEnumerable<JsonElement> results) =>
        [.. results.Select(r => Path.GetFileName(r.GetProperty("path").GetString()!)).Order(StringComparer.Ordinal)];

    private static TakeoutFiles Takeout(TempFolder temp)
    {
        var tower = TakeoutFiles.Jpeg(temp);
        return new TakeoutFiles()
            .Add("Takeout/Google Photos/Photos from 2023/IMG_1.jpg", tower)
            .Add("Takeout/Google Photos/Photos from 2023/IMG_1.jpg.json", TakeoutFiles.Sidecar("IMG_1.jpg", taken: 1696573800, geoExif: (48.8584, 2.2945, 80), people: ["Ada"]))
            .Add("Takeout/Google Photos/Paris trip/IMG_1.jpg", tower)
            .Add("Takeout/Google Photos/Paris trip/IMG_1.jpg.json", TakeoutFiles.Sidecar("IMG_1.jpg", taken: 1696573800, favorited: true))
            .Add("Takeout/Google Photos/Paris trip/metadata.json", TakeoutFiles.AlbumMetadata("Paris trip"))
            .Add("Takeout/Google Photos/Photos from 2023/Screenshot_2023.png.supplemental-metadata.json", TakeoutFiles.Sidecar("Screenshot_2023.png", taken: 1700000000, description: "the boarding pass"))
            .Add("Takeout/Google Photos/Photos from 2023/Screenshot_2023.png", File.ReadAllBytes(TestImages.Png(temp["scratch/shot.png"])));
    }

    [Fact]
    public async Task Index_TakeoutFolder_OnePhotoPerContentWithItsAlbumDateAndWords()
    {
        using var temp = new TempFolder();
        var export = Takeout(temp).WriteTree(temp.Folder("export"));

        var index = await RunAsync(temp, "index", export, "--json");

        Assert.Equal(0, index.ExitCode);
        Assert.Contains("as a Google Photos Takeout", index.Error, StringComparison.Ordinal);
        Assert.Equal((3, 2, 1), (index.Json.GetProperty("found").GetInt32(), index.Json.GetProperty("new").GetInt32(), index.Json.GetProperty("copied").GetInt32()));
        var album = Assert.Single(await SearchAsync(temp, "in:\"Paris trip\""));
        Assert.Equal("2023-10-06T06:30:00", album.GetProperty("takenAt").GetString());
        Assert.Equal(2, album.GetProperty("paths").GetArrayLength());
        Assert.Equal(["IMG_1.jpg"], Names(await SearchAsync(temp, "is:favorite")));
        Assert.Equal("IMG_1.jpg", await TopAsync(temp, "Ada"));
        Assert.Equal("Screenshot_2023.png", await TopAsync(temp, "\"boarding pass\""));
    }

    [Fact]
    public async Task ImportTakeout_ZipAndTgzParts_SameLibraryAsTheTreeAndArchivesUntouched()
    {
        using var temp = new TempFolder();
        var files = Takeout(temp);
        var zip = files.WriteZip(temp["parts/takeout-20240101T000000Z-001.zip"], p => !p.Contains("Screenshot", StringComparison.Ordinal));
        var tgz = files.WriteTgz(temp["parts/takeout-20240101T000000Z-002.tgz"], p => p.Contains("Screenshot", StringComparison.Ordinal));
        var before = Convert.ToHexString(File.ReadAllBytes(zip)) + Convert.ToHexString(File.ReadAllBytes(tgz));

        var import = await RunAsync(temp, "import", "takeout", temp["parts"]);
        var again = await RunAsync(temp, "import", "takeout", temp["parts"], "--json");

        Assert.Equal(0, import.ExitCode);
        Assert.Equal((0, 3), (again.Json.GetProperty("new").GetInt32(), again.Json.GetProperty("unchanged").GetInt32()));
        Assert.Equal(["IMG_1.jpg"], Names(await SearchAsync(temp, "in:\"Paris trip\"")));
        Assert.Equal("Screenshot_2023.png", await TopAsync(temp, "boarding"));
        Assert.StartsWith(tgz + "/", (await SearchAsync(temp, "boarding"))[0].GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, Convert.ToHexString(File.ReadAllBytes(zip)) + Convert.ToHexString(File.ReadAllBytes(tgz)));
        Assert.Equal([zip, tgz], Directory.EnumerateFileSystemEntries(temp["parts"]).Order(StringComparer.Ordinal)); // nothing unpacked beside them
    }

    [Fact]
    public async Task ImportLightroom_OfflineOriginal_IndexedFromItsPreviewThenFromTheOriginalWhenItReturns()
    {
        using var temp = new TempFolder();
        var drive = temp.Folder("drive");
        var catalog = temp["Main.lrcat"];
        long offline;
        using (var lrcat = new LightroomCatalogFixture(catalog))
        {
            var folder = lrcat.Folder(lrcat.Root(drive + "/"), "2021/");
            TestImages.Jpeg(temp["drive/2021/IMG_0001.jpg"], 120, 80);
            var online = lrcat.Image(folder, "IMG_0001", "jpg", captureTime: "2021-07-14T09:00:00", rating: 5);
            offline = lrcat.Image(folder, "IMG_0002", "jpg", captureTime: "2021-07-15T18:30:00", orientation: "BC");
            lrcat.Tag(offline, lrcat.Keyword("Paris", lrcat.Keyword("France")));
            lrcat.Caption(offline, "Fireworks over the river");
            lrcat.Tag(online, lrcat.Keyword("harbour"));
            lrcat.Execute("UPDATE Adobe_images SET colorLabels = 'Yellow' WHERE id_local = $id", ("$id", online));
        }
        var uuid = LightroomFixture.NewUuid();
        var digest = LightroomFixture.NewDigest();
        var levels = LightroomFixture.ThreeLevels();
        var bundle = temp["Main Previews.lrdata"];
        LightroomFixture.PreviewsDb(bundle, (offline, uuid, digest, "BC", levels, null));
        LightroomFixture.WriteLrprev(bundle, uuid, digest, LightroomFixture.Lrprev(uuid, digest, levels));
        var catalogBytes = File.ReadAllBytes(catalog);

        var import = await RunAsync(temp, "import", "lightroom", catalog, "--json");

        Assert.Equal(0, import.ExitCode);
        Assert.Equal(2, import.Json.GetProperty("new").GetInt32());
        var preview = Assert.Single(await SearchAsync(temp, "tag:Paris"));
        Assert.Equal(temp["drive/2021/IMG_0002.jpg"], preview.GetProperty("path").GetString());
        Assert.Equal((240, 360), (preview.GetProperty("width").GetInt32(), preview.GetProperty("height").GetInt32())); // turned upright
        Assert.Equal("2021-07-15T18:30:00", preview.GetProperty("takenAt").GetString());
        Assert.Equal("IMG_0002.jpg", await TopAsync(temp, "fireworks"));
        Assert.Equal(["IMG_0001.jpg"], Names(await SearchAsync(temp, "rating:5")));
        Assert.Equal(["IMG_0001.jpg"], Names(await SearchAsync(temp, "label:yellow")));
        Assert.Equal(catalogBytes, File.ReadAllBytes(catalog));

        TestImages.Jpeg(temp["drive/2021/IMG_0002.jpg"], 600, 400);
        var back = await RunAsync(temp, "import", "lightroom", catalog, "--json");

        Assert.Equal(0, back.ExitCode);
        var original = Assert.Single(await SearchAsync(temp, "tag:Paris"));
        Assert.Equal((600, 400), (original.GetProperty("width").GetInt32(), original.GetProperty("height").GetInt32()));
        Assert.Equal("2021-07-15T18:30:00", original.GetProperty("takenAt").GetString());
    }

    [Fact]
    public async Task ImportLightroom_NotACatalog_SaysSoAndExitsTwo()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["Main.lrcat"], "not a database");

        var import = await RunAsync(temp, "import", "lightroom", temp["Main.lrcat"]);

        Assert.Equal(2, import.ExitCode);
        Assert.Contains("is not a Lightroom catalog", import.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PhotosLibraryFixture.Photos5)]
    [InlineData(PhotosLibraryFixture.Photos8)]
    public async Task ImportApplePhotos_KeepsTitlesAlbumsAndFavouritesAndSkipsTheTrash(string version)
    {
        using var temp = new TempFolder();
        var library = temp["Photos Library.photoslibrary"];
        using (var photos = new PhotosLibraryFixture(library, version))
        {
            TestImages.Jpeg(Path.Combine(library, "originals", "A", "A1.jpeg"));
            TestImages.Jpeg(Path.Combine(library, "originals", "B", "B1.jpeg"));
            var kept = photos.Asset("A1", "A", "A1.jpeg", created: PhotosLibraryFixture.AppleTime(new DateTime(2022, 3, 4, 10, 0, 0, DateTimeKind.Utc)),
                offsetSeconds: 3600, favorite: true, title: "Cherry blossom");
            photos.Keyword(kept, "spring");
            photos.AddToAlbum(photos.Album("Japan 2022"), kept);
            photos.Asset("B1", "B", "B1.jpeg", trashed: 1);
        }

        var import = await RunAsync(temp, "index", library, "--json");

        Assert.Equal(0, import.ExitCode);
        Assert.Contains("as an Apple Photos library", import.Error, StringComparison.Ordinal);
        Assert.Equal(1, import.Json.GetProperty("new").GetInt32());
        var photo = Assert.Single(await SearchAsync(temp, "is:favorite in:Japan tag:spring"));
        Assert.Equal("2022-03-04T11:00:00", photo.GetProperty("takenAt").GetString());
        Assert.Equal("+01:00", photo.GetProperty("takenOffset").GetString());
        Assert.Equal("A1.jpeg", await TopAsync(temp, "cherry"));
    }
}
