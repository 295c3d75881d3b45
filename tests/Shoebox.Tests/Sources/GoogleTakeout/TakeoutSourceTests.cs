using System.Security.Cryptography;
using Shoebox.Core;
using Shoebox.Sources;
using Shoebox.Sources.GoogleTakeout;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Sources.GoogleTakeout;

[Tier(Tier.Unit)]
public class TakeoutSourceTests
{
    private const string Photos = "Takeout/Google Photos";
    private const long Taken = 1696573800; // 2023-10-06 06:30:00 UTC

    private static string Name(FoundFile file) => file.Path.Replace('\\', '/').Split('/')[^1];

    private static string Folder(FoundFile file) => file.Path.Replace('\\', '/').Split('/')[^2];

    /// <summary>An album and its year folder holding the same photo, as Google exports it.</summary>
    private static (TakeoutFiles Files, byte[] Photo) AlbumAndYear(TempFolder temp)
    {
        var photo = TakeoutFiles.Jpeg(temp);
        var sidecar = TakeoutFiles.Sidecar(
            "PXL_20231006_063000139.jpg", Taken, geo: (48.1, 2.1, 10), geoExif: (48.8583736, 2.291901, 82.09),
            description: "Eiffel tower at dawn", people: ["Ada", "Grace"], favorited: true);
        var files = new TakeoutFiles()
            .Add($"{Photos}/Photos from 2023/PXL_20231006_063000139.jpg", photo)
            .Add($"{Photos}/Photos from 2023/PXL_20231006_063000139.jpg.json", sidecar)
            .Add($"{Photos}/Paris trip/PXL_20231006_063000139.jpg", photo)
            .Add($"{Photos}/Paris trip/PXL_20231006_063000139.jpg.json", sidecar)
            .Add($"{Photos}/Paris trip/métadonnées.json", TakeoutFiles.AlbumMetadata("Paris, October 2023"))
            .Add($"{Photos}/Paris trip/PXL_20231006_063909898.LS.mp4", [0, 0, 0, 0x18, .. "ftypisom"u8])
            .Add($"{Photos}/Paris trip/PXL_20231006_063909898.LS.mp4.json", TakeoutFiles.Sidecar("PXL_20231006_063909898.LS.mp4", Taken))
            .Add("Takeout/archive_browser.html", "<html></html>");
        return (files, photo);
    }

    private static void AssertSidecarFacts(SourceFacts? facts)
    {
        Assert.NotNull(facts);
        Assert.Equal("takeout", facts.Source);
        Assert.False(facts.Overrides);
        Assert.Equal(new DateTime(2023, 10, 6, 6, 30, 0, DateTimeKind.Utc), facts.TakenAt);
        Assert.Equal(DateTimeKind.Utc, facts.TakenAt!.Value.Kind);
        Assert.Equal(TimeSpan.Zero, facts.TakenOffset);
        Assert.Equal(48.8583736, facts.Latitude);
        Assert.Equal(2.291901, facts.Longitude);
        Assert.Equal(82.09, facts.Altitude);
        Assert.Equal("Eiffel tower at dawn", facts.Description);
        Assert.Equal(["Ada", "Grace"], facts.People);
        Assert.True(facts.Favorite);
        Assert.Null(facts.Title);
    }

    [Fact]
    public async Task List_Tree_EmitsAlbumAndYearCopiesWithSidecarFacts()
    {
        using var temp = new TempFolder();
        var (files, _) = AlbumAndYear(temp);
        var root = files.WriteTree(temp.Folder("export"));

        var (found, problems) = await TakeoutFiles.ListAsync(new TakeoutSource(root));

        Assert.Empty(problems);
        Assert.Equal(2, found.Count);
        var album = found.Single(f => Folder(f) == "Paris trip");
        var year = found.Single(f => Folder(f) == "Photos from 2023");
        AssertSidecarFacts(album.Facts);
        AssertSidecarFacts(year.Facts);
        Assert.Equal(["Paris, October 2023"], album.Facts!.Albums);
        Assert.Empty(year.Facts!.Albums);
        Assert.Equal(Path.Combine(root, Photos, "Paris trip", "PXL_20231006_063000139.jpg"), album.Path);
        Assert.True(File.Exists(album.Path));
        Assert.All(found, f =>
        {
            Assert.Equal(root, f.Root);
            Assert.Equal("takeout:" + root, f.SourceId);
            Assert.Null(f.Content);
            Assert.Null(f.Identified);
            Assert.Equal(new FileInfo(f.Path).Length, f.Size);
        });
    }

    [Fact]
    public async Task List_Zip_EmitsEntriesWithHashComputedWhileReading()
    {
        using var temp = new TempFolder();
        var (files, photo) = AlbumAndYear(temp);
        var zip = files.WriteZip(temp["takeout-20240506T070810Z-001.zip"]);

        var (found, problems) = await TakeoutFiles.ListAsync(new TakeoutSource(zip));

        Assert.Empty(problems);
        Assert.Equal(2, found.Count);
        var expected = new ContentHash(SHA256.HashData(photo));
        Assert.All(found, f =>
        {
            Assert.Equal(zip, f.Root);
            Assert.Equal("takeout:" + zip, f.SourceId);
            Assert.StartsWith(zip + "/" + Photos + "/", f.Path, StringComparison.Ordinal);
            var entry = Assert.IsType<ArchiveEntry>(f.Content);
            Assert.Equal(zip, entry.Archive);
            Assert.Equal(f.Path[(zip.Length + 1)..], entry.Entry);
            Assert.Equal(photo.Length, f.Size);
            Assert.Equal(expected, f.Identified!.Value.Hash);
            Assert.Equal(ImageFormat.Jpeg, f.Identified!.Value.Format);
            AssertSidecarFacts(f.Facts);
        });
        Assert.Equal(["Paris, October 2023"], found.Single(f => Folder(f) == "Paris trip").Facts!.Albums);
        // Zip keeps local wall-clock times in 2-second steps; the entry's time comes back as the same instant.
        Assert.Equal(TakeoutFiles.EntryTime.Ticks, found[0].ModifiedTicks);
    }

    [Fact]
    public async Task List_TreeZipAndTgz_GiveTheSameFacts()
    {
        using var temp = new TempFolder();
        var (files, _) = AlbumAndYear(temp);
        files.Add($"{Photos}/Photos from 2023/IMG_0001(1).jpg", TakeoutFiles.Jpeg(temp))
            .Add($"{Photos}/Photos from 2023/IMG_0001.jpg.supplemental-metadata(1).json", TakeoutFiles.Sidecar("IMG_0001.jpg", 1500000000, geoExif: (1.5, 2.5, 3.5)))
            .Add($"{Photos}/Photos from 2023/IMG_0002-edited.jpg", TakeoutFiles.Jpeg(temp))
            .Add($"{Photos}/Photos from 2023/IMG_0002.jpg", TakeoutFiles.Jpeg(temp))
            .Add($"{Photos}/Photos from 2023/IMG_0002.jpg.json", TakeoutFiles.Sidecar("IMG_0002.jpg", 1600000000, description: "edited one"));
        var tree = await TakeoutFiles.ListAsync(new TakeoutSource(files.WriteTree(temp.Folder("tree"))));
        var zip = await TakeoutFiles.ListAsync(new TakeoutSource(files.WriteZip(temp["a/takeout.zip"])));
        var tgz = await TakeoutFiles.ListAsync(new TakeoutSource(files.WriteTgz(temp["b/takeout.tgz"])));

        static List<string> Summary(List<FoundFile> found) => [.. found
            .Select(f => $"{Folder(f)}/{Name(f)} {f.Size} {f.Facts?.TakenAt:O} {f.Facts?.Latitude} {f.Facts?.Longitude} {f.Facts?.Description} "
                + $"{string.Join(",", f.Facts?.People ?? [])} {f.Facts?.Favorite} {string.Join(",", f.Facts?.Albums ?? [])}")
            .Order(StringComparer.Ordinal)];
        Assert.Empty(tree.Problems);
        Assert.Equal(5, tree.Files.Count);
        Assert.Equal(Summary(tree.Files), Summary(zip.Files));
        Assert.Equal(Summary(tree.Files), Summary(tgz.Files));
        static List<string> Hashes(List<FoundFile> found) => [.. found.Select(f => f.Identified!.Value.Hash.Hex).Order(StringComparer.Ordinal)];
        Assert.Equal(Hashes(zip.Files), Hashes(tgz.Files));
        Assert.Contains(Summary(tree.Files), s => s.StartsWith("Photos from 2023/IMG_0002-edited.jpg", StringComparison.Ordinal) && s.Contains("edited one", StringComparison.Ordinal));
        Assert.Contains(Summary(tree.Files), s => s.StartsWith("Photos from 2023/IMG_0001(1).jpg", StringComparison.Ordinal) && s.Contains("1.5 2.5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_SidecarInAnotherZipPart_FactsStillFound()
    {
        using var temp = new TempFolder();
        var files = new TakeoutFiles()
            .Add($"{Photos}/Photos from 2023/a.jpg", TakeoutFiles.Jpeg(temp))
            .Add($"{Photos}/Photos from 2023/b.jpg.json", TakeoutFiles.Sidecar("b.jpg", Taken + 60))
            .Add($"{Photos}/Photos from 2023/b.jpg", TakeoutFiles.Jpeg(temp))
            .Add($"{Photos}/Photos from 2023/a.jpg.json", TakeoutFiles.Sidecar("a.jpg", Taken));
        var parts = temp.Folder("parts");
        var first = files.WriteZip(Path.Combine(parts, "takeout-20240506T070810Z-001.zip"), p => p.EndsWith("a.jpg", StringComparison.Ordinal) || p.EndsWith("b.jpg.json", StringComparison.Ordinal));
        var second = files.WriteZip(Path.Combine(parts, "takeout-20240506T070810Z-002.zip"), p => p.EndsWith("b.jpg", StringComparison.Ordinal) || p.EndsWith("a.jpg.json", StringComparison.Ordinal));

        var byFolder = await TakeoutFiles.ListAsync(new TakeoutSource(parts));
        var byPaths = await TakeoutFiles.ListAsync(new TakeoutSource([first, second]));

        Assert.Empty(byFolder.Problems);
        Assert.Equal(2, byFolder.Files.Count);
        Assert.All(byFolder.Files, f => Assert.Equal("takeout:" + parts, f.SourceId));
        Assert.Equal(new DateTime(2023, 10, 6, 6, 30, 0, DateTimeKind.Utc), byFolder.Files.Single(f => Name(f) == "a.jpg").Facts!.TakenAt);
        Assert.Equal(new DateTime(2023, 10, 6, 6, 31, 0, DateTimeKind.Utc), byFolder.Files.Single(f => Name(f) == "b.jpg").Facts!.TakenAt);
        Assert.Equal(first, byFolder.Files.Single(f => Name(f) == "a.jpg").Root);
        Assert.Equal(2, byPaths.Files.Count);
        Assert.All(byPaths.Files, f => Assert.NotNull(f.Facts?.TakenAt));
        Assert.Equal("takeout:" + second, byPaths.Files.Single(f => Name(f) == "b.jpg").SourceId);
    }

    [Fact]
    public async Task List_SidecarInLaterTgzPart_FactsStillFound()
    {
        using var temp = new TempFolder();
        var files = new TakeoutFiles()
            .Add($"{Photos}/Trip/a.jpg", TakeoutFiles.Jpeg(temp))
            .Add($"{Photos}/Trip/a.jpg.json", TakeoutFiles.Sidecar("a.jpg", Taken, people: ["Ada"]));
        var parts = temp.Folder("parts");
        files.WriteTgz(Path.Combine(parts, "takeout-001.tgz"), p => p.EndsWith(".jpg", StringComparison.Ordinal));
        files.WriteTgz(Path.Combine(parts, "takeout-002.tgz"), p => p.EndsWith(".json", StringComparison.Ordinal));

        var (found, problems) = await TakeoutFiles.ListAsync(new TakeoutSource(parts));

        Assert.Empty(problems);
        var photo = Assert.Single(found);
        Assert.Equal(["Ada"], photo.Facts!.People);
        Assert.Equal(["Trip"], photo.Facts.Albums);
        Assert.NotNull(photo.Identified);
    }

    [Fact]
    public async Task List_TarEntriesStartingWithDot_PathTidyEntryExact()
    {
        using var temp = new TempFolder();
        var tgz = new TakeoutFiles()
            .Add("./Google Photos/Trip/a.jpg", TakeoutFiles.Jpeg(temp))
            .Add("./Google Photos/Trip/a.jpg.json", TakeoutFiles.Sidecar("a.jpg", Taken))
            .WriteTgz(temp["photos.tgz"]);

        var (found, problems) = await TakeoutFiles.ListAsync(new TakeoutSource(tgz));

        Assert.Empty(problems);
        var file = Assert.Single(found);
        Assert.Equal(tgz + "/Google Photos/Trip/a.jpg", file.Path);
        Assert.Equal(new ArchiveEntry(tgz, "./Google Photos/Trip/a.jpg"), file.Content);
        Assert.Equal(["Trip"], file.Facts!.Albums);
        Assert.True(TakeoutSource.Looks(tgz));
    }

    [Fact]
    public async Task List_SidecarNotJson_ImageKeptAndSidecarReported()
    {
        using var temp = new TempFolder();
        var root = new TakeoutFiles()
            .Add($"{Photos}/Photos from 2023/a.jpg", TakeoutFiles.Jpeg(temp))
            .Add($"{Photos}/Photos from 2023/a.jpg.json", "{\"title\": \"a.jpg\", \"photoTakenTime\": {")
            .Add($"{Photos}/Photos from 2023/b.jpg", TakeoutFiles.Jpeg(temp))
            .WriteTree(temp.Folder("export"));

        var (found, problems) = await TakeoutFiles.ListAsync(new TakeoutSource(root));

        Assert.Equal(2, found.Count);
        Assert.All(found, f => Assert.Null(f.Facts));
        var problem = Assert.Single(problems);
        Assert.Equal(Path.Combine(root, Photos, "Photos from 2023", "a.jpg.json"), problem.Path);
        Assert.StartsWith("sidecar is not valid JSON: ", problem.Reason, StringComparison.Ordinal);
        Assert.False(problem.IsFolder);
    }

    [Fact]
    public async Task List_EmptyImagesWithSidecars_EmittedForTheIndexerToReport()
    {
        // The layout of a real export whose images are 0-byte files.
        using var temp = new TempFolder();
        var files = new TakeoutFiles()
            .Add("Photos from 2023/DSC_0238.JPG", [])
            .Add("Photos from 2023/DSC_0238(1).JPG", [])
            .Add("Photos from 2023/DSC_0238_1.JPG", [])
            .Add("Photos from 2023/DSC_0238.JPG.json", TakeoutFiles.Sidecar("DSC_0238.JPG", Taken))
            .Add("Photos from 2023/DSC_0238.JPG(1).json", TakeoutFiles.Sidecar("DSC_0238.JPG", Taken + 1))
            .Add("Photos from 2023/DSC_0238_1.JPG.json", TakeoutFiles.Sidecar("DSC_0238_1.JPG", Taken + 2));
        var root = files.WriteTree(temp.Folder("Takeout3"));
        var zip = files.WriteZip(temp["Takeout3.zip"]);

        var tree = await TakeoutFiles.ListAsync(new TakeoutSource(root));
        var packed = await TakeoutFiles.ListAsync(new TakeoutSource(zip));

        Assert.True(TakeoutSource.Looks(root));
        foreach (var (found, problems) in new[] { tree, packed })
        {
            Assert.Empty(problems);
            Assert.Equal(3, found.Count);
            Assert.All(found, f => Assert.Equal(0, f.Size));
            Assert.All(found, f => Assert.Null(f.Identified));
            Assert.Equal(Taken + 1, new DateTimeOffset(found.Single(f => Name(f) == "DSC_0238(1).JPG").Facts!.TakenAt!.Value).ToUnixTimeSeconds());
            Assert.Equal(Taken + 2, new DateTimeOffset(found.Single(f => Name(f) == "DSC_0238_1.JPG").Facts!.TakenAt!.Value).ToUnixTimeSeconds());
        }
    }

    [Fact]
    public async Task List_EntryThatIsNotAnImage_EmittedWithoutIdentification()
    {
        using var temp = new TempFolder();
        var zip = new TakeoutFiles()
            .Add($"{Photos}/Photos from 2023/page.jpg", "<html>Not found</html>")
            .WriteZip(temp["takeout.zip"]);

        var (found, problems) = await TakeoutFiles.ListAsync(new TakeoutSource(zip));

        Assert.Empty(problems);
        var file = Assert.Single(found);
        Assert.Null(file.Identified);
        Assert.IsType<ArchiveEntry>(file.Content);
    }

    [Fact]
    public async Task List_TruncatedTgz_ReportsArchiveAndKeepsImagesBefore()
    {
        using var temp = new TempFolder();
        var noise = new byte[400_000];
        new Random(7).NextBytes(noise);
        var path = new TakeoutFiles()
            .Add($"{Photos}/Photos from 2023/a.jpg", TakeoutFiles.Jpeg(temp))
            .Add($"{Photos}/Photos from 2023/a.jpg.json", TakeoutFiles.Sidecar("a.jpg", Taken))
            .Add($"{Photos}/Photos from 2023/clip.mp4", noise)
            .Add($"{Photos}/Photos from 2023/z.jpg", TakeoutFiles.Jpeg(temp))
            .WriteTgz(temp["takeout.tgz"]);
        var whole = File.ReadAllBytes(path);
        File.WriteAllBytes(path, whole[..(whole.Length / 2)]);

        var (found, problems) = await TakeoutFiles.ListAsync(new TakeoutSource(path));

        var file = Assert.Single(found);
        Assert.Equal("a.jpg", Name(file));
        Assert.NotNull(file.Facts?.TakenAt);
        var problem = Assert.Single(problems);
        Assert.Equal(path, problem.Path);
        Assert.Contains("truncated", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_TruncatedZipPart_ReportedAndOtherPartsListed()
    {
        using var temp = new TempFolder();
        var files = new TakeoutFiles()
            .Add($"{Photos}/Photos from 2023/a.jpg", TakeoutFiles.Jpeg(temp))
            .Add($"{Photos}/Photos from 2023/b.jpg", TakeoutFiles.Jpeg(temp));
        var parts = temp.Folder("parts");
        files.WriteZip(Path.Combine(parts, "takeout-001.zip"), p => p.EndsWith("a.jpg", StringComparison.Ordinal));
        var broken = files.WriteZip(Path.Combine(parts, "takeout-002.zip"), p => p.EndsWith("b.jpg", StringComparison.Ordinal));
        var bytes = File.ReadAllBytes(broken);
        File.WriteAllBytes(broken, bytes[..(bytes.Length * 2 / 3)]);

        var (found, problems) = await TakeoutFiles.ListAsync(new TakeoutSource(parts));

        Assert.Equal("a.jpg", Name(Assert.Single(found)));
        var problem = Assert.Single(problems);
        Assert.Equal(broken, problem.Path);
        Assert.Contains("damaged or truncated", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_DamagedZipEntry_ReportedAndOtherEntriesListed()
    {
        using var temp = new TempFolder();
        var damaged = TakeoutFiles.Jpeg(temp, 300, 200);
        var zip = new TakeoutFiles()
            .Add($"{Photos}/Photos from 2023/a.jpg", TakeoutFiles.Jpeg(temp))
            .Add($"{Photos}/Photos from 2023/b.jpg", damaged)
            .Add($"{Photos}/Photos from 2023/c.jpg", TakeoutFiles.Jpeg(temp))
            .WriteZip(temp["takeout.zip"], store: true);
        var bytes = File.ReadAllBytes(zip);
        var at = bytes.AsSpan().IndexOf(damaged.AsSpan(0, 64)) + damaged.Length / 2;
        bytes[at] ^= 0xFF;
        File.WriteAllBytes(zip, bytes);

        var (found, problems) = await TakeoutFiles.ListAsync(new TakeoutSource(zip));

        Assert.Equal(["a.jpg", "c.jpg"], found.Select(Name).Order(StringComparer.Ordinal));
        var problem = Assert.Single(problems);
        Assert.Equal($"{zip}/{Photos}/Photos from 2023/b.jpg", problem.Path);
        Assert.StartsWith("cannot be read from the archive", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_TrashedPhoto_Skipped()
    {
        using var temp = new TempFolder();
        var files = new TakeoutFiles()
            .Add($"{Photos}/Photos from 2023/kept.jpg", TakeoutFiles.Jpeg(temp))
            .Add($"{Photos}/Photos from 2023/kept.jpg.json", TakeoutFiles.Sidecar("kept.jpg", Taken))
            .Add($"{Photos}/Photos from 2023/gone.jpg", TakeoutFiles.Jpeg(temp))
            .Add($"{Photos}/Photos from 2023/gone.jpg.json", TakeoutFiles.Sidecar("gone.jpg", Taken, trashed: true));

        var tree = await TakeoutFiles.ListAsync(new TakeoutSource(files.WriteTree(temp.Folder("export"))));
        var zip = await TakeoutFiles.ListAsync(new TakeoutSource(files.WriteZip(temp["takeout.zip"])));

        Assert.Equal("kept.jpg", Name(Assert.Single(tree.Files)));
        Assert.Equal("kept.jpg", Name(Assert.Single(zip.Files)));
    }

    [Fact]
    public async Task List_ImageWithoutSidecar_NoFactsInYearFolderAlbumOnlyInAlbum()
    {
        using var temp = new TempFolder();
        var root = new TakeoutFiles()
            .Add($"{Photos}/Photos from 2023/lonely.jpg", TakeoutFiles.Jpeg(temp))
            .Add($"{Photos}/Fotos von 2022/einsam.jpg", TakeoutFiles.Jpeg(temp))
            .Add($"{Photos}/Sans titre(9)/lonely.jpg", TakeoutFiles.Jpeg(temp))
            .WriteTree(temp.Folder("export"));

        var (found, problems) = await TakeoutFiles.ListAsync(new TakeoutSource(root));

        Assert.Empty(problems);
        Assert.Null(found.Single(f => Folder(f) == "Photos from 2023").Facts);
        Assert.Null(found.Single(f => Folder(f) == "Fotos von 2022").Facts);
        var inAlbum = found.Single(f => Folder(f) == "Sans titre(9)").Facts;
        Assert.Equal(["Sans titre(9)"], inAlbum!.Albums);
        Assert.Null(inAlbum.TakenAt);
    }

    [Fact]
    public async Task List_TitleThatIsNotAFileName_Kept()
    {
        using var temp = new TempFolder();
        var root = new TakeoutFiles()
            .Add($"{Photos}/Photos from 2023/a.jpg", TakeoutFiles.Jpeg(temp))
            .Add($"{Photos}/Photos from 2023/a.jpg.json", TakeoutFiles.Sidecar("Sunset over the bay", Taken))
            .WriteTree(temp.Folder("export"));

        var (found, _) = await TakeoutFiles.ListAsync(new TakeoutSource(root));

        Assert.Equal("Sunset over the bay", Assert.Single(found).Facts!.Title);
    }

    [Fact]
    public void Looks_TakeoutShapes_True()
    {
        using var temp = new TempFolder();
        var files = new TakeoutFiles()
            .Add($"{Photos}/Trip/a.jpg", TakeoutFiles.Jpeg(temp))
            .Add($"{Photos}/Trip/a.jpg.json", TakeoutFiles.Sidecar("a.jpg", Taken));
        var tree = files.WriteTree(temp.Folder("export"));
        var parts = temp.Folder("parts");
        files.WriteTgz(Path.Combine(parts, "takeout-20240506T070810Z-001.tgz"));
        var unnamedZip = files.WriteZip(temp["export.zip"]);

        Assert.True(TakeoutSource.Looks(tree));
        Assert.True(TakeoutSource.Looks(Path.Combine(tree, "Takeout")));
        Assert.True(TakeoutSource.Looks(Path.Combine(tree, Photos)));
        Assert.True(TakeoutSource.Looks(parts));
        Assert.True(TakeoutSource.Looks(Path.Combine(parts, "takeout-20240506T070810Z-001.tgz")));
        Assert.True(TakeoutSource.Looks(unnamedZip));
    }

    [Fact]
    public void Looks_OrdinaryPhotos_False()
    {
        using var temp = new TempFolder();
        TestImages.Jpeg(temp["photos/2023/a.jpg"]);
        TestImages.Jpeg(temp["photos/2023/b.jpg"]);
        var zip = new TakeoutFiles().Add("holiday/a.jpg", TakeoutFiles.Jpeg(temp)).WriteZip(temp["holiday.zip"]);
        File.WriteAllText(temp["notes.txt"], "x");
        // Album folders with sidecars but nothing else of a Takeout: too weak a sign to stop walking it as a folder
        // (`shoebox import takeout` reads it as one).
        var albums = new TakeoutFiles()
            .Add("Trip/a.jpg", TakeoutFiles.Jpeg(temp))
            .Add("Trip/a.jpg.supplemental-metadata.json", TakeoutFiles.Sidecar("a.jpg", Taken))
            .WriteTree(temp.Folder("albums"));
        // Downloads: pictures beside an export's archive.
        TestImages.Jpeg(temp["downloads/cat.jpg"]);
        new TakeoutFiles().Add("Takeout/Google Photos/x.jpg", TakeoutFiles.Jpeg(temp)).WriteZip(temp["downloads/takeout-20240506T070810Z-001.zip"]);

        Assert.False(TakeoutSource.Looks(temp["photos"]));
        Assert.False(TakeoutSource.Looks(zip));
        Assert.False(TakeoutSource.Looks(temp["notes.txt"]));
        Assert.False(TakeoutSource.Looks(temp["missing"]));
        Assert.False(TakeoutSource.Looks(albums));
        Assert.False(TakeoutSource.Looks(temp["downloads"]));
    }

    [Fact]
    public void Constructor_MissingPath_ThrowsWithThePath()
    {
        using var temp = new TempFolder();

        var error = Assert.Throws<FileNotFoundException>(() => new TakeoutSource(temp["takeout-001.zip"]));

        Assert.Contains(temp["takeout-001.zip"], error.Message, StringComparison.Ordinal);
    }
}
