using System.IO.Compression;
using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Indexing;
using Shoebox.Sources;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Indexing;

/// <summary>How the indexer keeps what photo libraries list: their facts, archive entries, stand-ins, and what they drop.</summary>
[Tier(Tier.Unit)]
public class LibrarySourceTests
{
    private const string SourceId = "test:library";

    /// <summary>A library that lists what the test gives it, as an importer would after reading its database.</summary>
    private sealed class ListedSource(string path, Func<IReadOnlyList<FoundFile>> list, IReadOnlyList<WalkProblem>? problems = null) : IPhotoSource
    {
        public string Path { get; } = path;

        public async Task<IReadOnlyList<WalkProblem>> ListAsync(ChannelWriter<FoundFile> files, CancellationToken cancellationToken)
        {
            try
            {
                foreach (var file in list())
                {
                    await files.WriteAsync(file, cancellationToken);
                }
            }
            finally
            {
                files.TryComplete();
            }
            return problems ?? [];
        }
    }

    private static Task<IndexSummary> ImportAsync(TempFolder temp, Func<IReadOnlyList<FoundFile>> list, params string[] roots) =>
        ImportAsync(temp, list, [], roots);

    private static Task<IndexSummary> ImportAsync(TempFolder temp, Func<IReadOnlyList<FoundFile>> list, IReadOnlyList<WalkProblem> problems, params string[] roots) =>
        new Indexer(new IndexingPipeline(new Library(temp.Library))).RunAsync(
            new IndexTargets(roots) { Libraries = [new LibrarySource(SourceId, new ListedSource(temp["library-source"], list, problems))] },
            CancellationToken.None);

    private static FoundFile Listed(string path, string root, SourceFacts? facts = null)
    {
        var info = new FileInfo(path);
        return new FoundFile(path, root, info.Length, info.LastWriteTimeUtc.Ticks) { Facts = facts };
    }

    private static List<string[]> Query(TempFolder temp, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(temp.Library, PhotoCatalog.FileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!)]);
        }
        return rows;
    }

    private static SourceFacts Facts(string album, params string[] keywords) => new()
    {
        Source = "test",
        TakenAt = new DateTime(2023, 10, 6, 6, 30, 0),
        TakenOffset = TimeSpan.Zero,
        Latitude = 48.8583736,
        Longitude = 2.291901,
        Title = "Eiffel tower at dawn",
        Keywords = keywords,
        People = ["Ada"],
        Albums = [album],
    };

    [Fact]
    public async Task Import_FactsOfALibrary_FillWhatTheFileLacksAndBecomeSearchableTexts()
    {
        using var temp = new TempFolder();
        var photo = TestImages.Jpeg(temp["export/IMG_1.jpg"]);

        var summary = await ImportAsync(temp, () => [Listed(photo, temp["export"], Facts("Paris 2023", "Places|France|Paris", "dawn"))]);

        Assert.Equal((1, 0), (summary.New, summary.Failed));
        var row = Assert.Single(Query(temp, "SELECT taken_at, taken_offset, round(latitude, 4), round(longitude, 4) FROM photos"));
        Assert.Equal(["2023-10-06T06:30:00", "+00:00", "48.8584", "2.2919"], row);
        var texts = Query(temp, "SELECT kind, content, coalesce(details, '') FROM texts ORDER BY kind, content").Select(r => string.Join(" = ", r.Where(v => v != "")));
        Assert.Equal(["album = Paris 2023", "keyword = Paris = {\"path\":\"Places|France|Paris\"}", "keyword = dawn", "person = Ada", "title = Eiffel tower at dawn"], texts);
        Assert.Equal(SourceId, Assert.Single(Query(temp, "SELECT source FROM locations"))[0]);
    }

    [Fact]
    public async Task Import_LibraryOverridesDate_BeatsWhatTheFileSaysEvenAfterMetadataIsRead()
    {
        using var temp = new TempFolder();
        var photo = TestImages.Jpeg(temp["export/IMG_1.jpg"]);
        var corrected = new SourceFacts { Source = "test", Overrides = true, TakenAt = new DateTime(1999, 12, 31, 23, 59, 0), TakenOffset = TimeSpan.FromHours(2) };

        await ImportAsync(temp, () => [Listed(photo, temp["export"], corrected)]);

        Assert.Equal(["1999-12-31T23:59:00", "+02:00"], Assert.Single(Query(temp, "SELECT taken_at, taken_offset FROM photos")));
    }

    [Fact]
    public async Task Import_FactsChange_ReplacesWhatTheSourceSaidAndLeavesTheRest()
    {
        using var temp = new TempFolder();
        var photo = TestImages.Jpeg(temp["export/IMG_1.jpg"]);
        var facts = Facts("Paris 2023", "dawn");
        await ImportAsync(temp, () => [Listed(photo, temp["export"], facts)]);
        var before = Query(temp, "SELECT id FROM texts ORDER BY id").Select(r => r[0]).ToList();

        await ImportAsync(temp, () => [Listed(photo, temp["export"], facts)]);
        var unchanged = Query(temp, "SELECT id FROM texts ORDER BY id").Select(r => r[0]).ToList();
        await ImportAsync(temp, () => [Listed(photo, temp["export"], facts with { Keywords = ["dusk"], Albums = [] })]);

        Assert.Equal(before, unchanged); // unchanged facts are not rewritten
        Assert.Equal(["keyword = dusk", "person = Ada", "title = Eiffel tower at dawn"],
            Query(temp, "SELECT kind, content FROM texts ORDER BY kind, content").Select(r => string.Join(" = ", r)));
    }

    [Fact]
    public async Task Import_SamePhotoInTwoAlbums_IsOnePhotoWithBothAlbums()
    {
        using var temp = new TempFolder();
        var photo = TestImages.Jpeg(temp["export/Photos from 2023/IMG_1.jpg"]);
        var copy = temp["export/Paris/IMG_1.jpg"];
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(photo, copy);

        await ImportAsync(temp, () => [Listed(photo, temp["export"], Facts("", "dawn") with { Albums = [] }), Listed(copy, temp["export"], Facts("Paris"))]);

        Assert.Equal(["1", "2"], Assert.Single(Query(temp, "SELECT count(DISTINCT photo_id), count(*) FROM locations")));
        Assert.Equal(["Paris"], Query(temp, "SELECT content FROM texts WHERE kind = 'album'").Select(r => r[0]));
    }

    [Fact]
    public async Task Import_ImageDroppedFromTheLibrary_IsMissingButAFolderWalkAlongsideLeavesLibraryLocationsAlone()
    {
        using var temp = new TempFolder();
        var kept = TestImages.Jpeg(temp["export/IMG_1.jpg"]);
        var dropped = TestImages.Jpeg(temp["export/IMG_2.jpg"]);
        var walked = TestImages.Jpeg(temp["walked/IMG_3.jpg"]);
        await ImportAsync(temp, () => [Listed(kept, temp["export"]), Listed(dropped, temp["export"])], temp["walked"]);

        var summary = await ImportAsync(temp, () => [Listed(kept, temp["export"])], temp["walked"]);

        Assert.Equal(1, summary.Missing);
        Assert.Equal([$"{kept} ok", $"{dropped} missing", $"{walked} ok"],
            Query(temp, "SELECT path, status FROM locations ORDER BY path").Select(r => string.Join(' ', r)));
    }

    [Fact]
    public async Task Import_LibraryThatCannotBeRead_IsReportedAndKeepsWhatItListedBefore()
    {
        using var temp = new TempFolder();
        var photo = TestImages.Jpeg(temp["export/IMG_1.jpg"]);
        await ImportAsync(temp, () => [Listed(photo, temp["export"])]);

        var summary = await ImportAsync(temp, () => throw new InvalidDataException("Main.lrcat is not a Lightroom catalog: table Adobe_images is missing"));

        Assert.Contains(summary.UnreadableLibraries, f => f.Reason.Contains("table Adobe_images is missing", StringComparison.Ordinal));
        Assert.Equal("ok", Assert.Single(Query(temp, "SELECT status FROM locations"))[0]);
    }

    [Fact]
    public async Task Import_EntriesOfAZip_AreCataloguedAndDecodedWithoutUnpackingTheArchive()
    {
        using var temp = new TempFolder();
        var archive = temp["takeout-001.zip"];
        var images = new[] { TestImages.Jpeg(temp["src/a.jpg"], 80, 60), TestImages.Jpeg(temp["src/b.jpg"], 40, 30) };
        using (var zip = ZipFile.Open(archive, ZipArchiveMode.Create))
        {
            foreach (var image in images)
            {
                zip.CreateEntryFromFile(image, $"Takeout/Google Photos/Album/{Path.GetFileName(image)}");
            }
        }
        List<FoundFile> List()
        {
            using var zip = ZipFile.OpenRead(archive);
            return [.. zip.Entries.Select(entry =>
            {
                using var data = entry.Open();
                var bytes = new MemoryStream();
                data.CopyTo(bytes);
                return new FoundFile($"{archive}/{entry.FullName}", archive, entry.Length, entry.LastWriteTime.UtcDateTime.Ticks)
                {
                    Content = new ArchiveEntry(archive, entry.FullName),
                    Identified = (new ContentHash(SHA256.HashData(bytes.ToArray())), ImageFormat.Jpeg),
                };
            })];
        }

        var summary = await ImportAsync(temp, List);
        var again = await ImportAsync(temp, List);

        Assert.Equal((2, 0, 2), (summary.New, summary.Failed, summary.Processed));
        Assert.Equal((2, 0), (again.Unchanged, again.Processed));
        Assert.Equal(["40x30", "80x60"], Query(temp, "SELECT width || 'x' || height FROM photos ORDER BY width").Select(r => r[0]));
        Assert.False(Directory.Exists(Path.Combine(temp.Library, "spool")) && Directory.EnumerateFileSystemEntries(Path.Combine(temp.Library, "spool")).Any());
    }

    [Fact]
    public async Task Import_OriginalOffline_StandInIsIndexedThenReplacedWhenTheOriginalReturns()
    {
        using var temp = new TempFolder();
        var original = temp["drive/IMG_1.jpg"];
        var standIn = TestImages.Jpeg(temp["library-previews/1.jpg"], 32, 24);
        var offline = new FoundFile(original, temp["drive"], new FileInfo(standIn).Length, new FileInfo(standIn).LastWriteTimeUtc.Ticks)
        {
            Content = new StandIn(standIn),
            Facts = new SourceFacts { Source = "test", IsPreview = true, Keywords = ["dawn"] },
        };
        await ImportAsync(temp, () => [offline]);
        var previewRow = Assert.Single(Query(temp, "SELECT p.width, f.preview FROM photos p JOIN locations l ON l.photo_id = p.id JOIN location_facts f ON f.location_id = l.id"));

        TestImages.Jpeg(original, 64, 48);
        await ImportAsync(temp, () => [Listed(original, temp["drive"], new SourceFacts { Source = "test", Keywords = ["dawn"] })]);

        Assert.Equal(["32", "1"], previewRow);
        var row = Assert.Single(Query(temp, "SELECT p.width, f.preview, l.content IS NULL FROM photos p JOIN locations l ON l.photo_id = p.id JOIN location_facts f ON f.location_id = l.id"));
        Assert.Equal(["64", "0", "1"], row);
        Assert.Equal(["64"], Query(temp, "SELECT p.width FROM texts t JOIN photos p ON p.id = t.photo_id").Select(r => r[0]));
    }

    [Fact]
    public async Task Import_MarksAndRatings_AreFilters()
    {
        using var temp = new TempFolder();
        var loved = TestImages.Jpeg(temp["export/loved.jpg"]);
        var rated = TestImages.Jpeg(temp["export/rated.jpg"]);
        var rejected = TestImages.Jpeg(temp["export/rejected.jpg"]);
        await ImportAsync(temp, () =>
        [
            Listed(loved, temp["export"], new SourceFacts { Source = "test", Favorite = true, Rating = 2 }),
            Listed(rated, temp["export"], new SourceFacts { Source = "test", Rating = 5, Pick = 1 }),
            Listed(rejected, temp["export"], new SourceFacts { Source = "test", Pick = -1 }),
        ]);
        await using var catalog = await new Library(temp.Library).OpenAsync();
        async Task<string[]> NamesAsync(PhotoFilter filter)
        {
            var photos = await catalog.Photos.LoadAsync(await catalog.Photos.ListAsync(filter, PhotoOrder.Newest, 0, 10));
            return [.. photos.Values.Select(photo => Path.GetFileName(photo.Paths[0])).Order(StringComparer.Ordinal)];
        }

        Assert.Equal(["loved.jpg"], await NamesAsync(new PhotoFilter { Flags = [PhotoMark.Favorite] }));
        Assert.Equal(["rated.jpg"], await NamesAsync(new PhotoFilter { MinRating = 3 }));
        Assert.Equal(["loved.jpg", "rated.jpg"], await NamesAsync(new PhotoFilter { MinRating = 1 }));
        Assert.Equal(["rated.jpg"], await NamesAsync(new PhotoFilter { Flags = [PhotoMark.Picked] }));
        Assert.Equal(["loved.jpg", "rated.jpg"], await NamesAsync(new PhotoFilter { ExcludedFlags = [PhotoMark.Rejected] }));
    }

    [Fact]
    public async Task Import_HierarchicalKeyword_FoundByItsLeafAndEveryParent()
    {
        using var temp = new TempFolder();
        var paris = TestImages.Jpeg(temp["export/paris.jpg"]);
        var lyon = TestImages.Jpeg(temp["export/lyon.jpg"]);
        await ImportAsync(temp, () =>
        [
            Listed(paris, temp["export"], new SourceFacts { Source = "test", Keywords = ["Places|France|Paris"] }),
            Listed(lyon, temp["export"], new SourceFacts { Source = "test", Keywords = ["Places|France|Lyon"] }),
        ]);
        await using var catalog = await new Library(temp.Library).OpenAsync();
        async Task<int> CountAsync(string keyword) => (await catalog.Photos.ListAsync(new PhotoFilter { Keywords = [keyword] }, PhotoOrder.Newest, 0, 10)).Count;

        Assert.Equal((1, 2, 2, 0), (await CountAsync("paris"), await CountAsync("France"), await CountAsync("places"), await CountAsync("Fra")));
    }

    [Fact]
    public async Task Import_PartOfTheLibraryUnreadable_NothingIsMarkedMissing()
    {
        using var temp = new TempFolder();
        var first = TestImages.Jpeg(temp["export/IMG_1.jpg"]);
        var second = TestImages.Jpeg(temp["export/IMG_2.jpg"]);
        await ImportAsync(temp, () => [Listed(first, temp["export"]), Listed(second, temp["export"])]);

        var damaged = await ImportAsync(temp, () => [Listed(first, temp["export"])], [new WalkProblem(temp["takeout-002.zip"], "archive is truncated", IsFolder: true)]);

        Assert.Equal(0, damaged.Missing);
        Assert.Contains(damaged.Failures, f => f.Reason == "archive is truncated");
        Assert.Equal(["ok", "ok"], Query(temp, "SELECT status FROM locations").Select(r => r[0]));
    }

    [Fact]
    public async Task Import_SourceCorrectsOrDropsAFact_ThePhotoFollows()
    {
        using var temp = new TempFolder();
        var photo = TestImages.Jpeg(temp["export/IMG_1.jpg"]);
        var facts = new SourceFacts { Source = "test", TakenAt = new DateTime(2020, 1, 2, 3, 4, 5), Latitude = 1, Longitude = 2 };
        await ImportAsync(temp, () => [Listed(photo, temp["export"], facts)]);

        await ImportAsync(temp, () => [Listed(photo, temp["export"], facts with { TakenAt = new DateTime(2021, 6, 7, 8, 9, 10) })]);
        var corrected = Assert.Single(Query(temp, "SELECT taken_at, latitude FROM photos"));
        await ImportAsync(temp, () => [Listed(photo, temp["export"], facts with { TakenAt = null, Latitude = null, Longitude = null })]);

        Assert.Equal(["2021-06-07T08:09:10", "1"], corrected);
        Assert.Equal(["", ""], Assert.Single(Query(temp, "SELECT taken_at, latitude FROM photos")));
    }

    [Fact]
    public async Task Import_ImageTheLibraryDropped_NoLongerMatchesItsMarks()
    {
        using var temp = new TempFolder();
        var photo = TestImages.Jpeg(temp["export/IMG_1.jpg"]);
        await ImportAsync(temp, () => [Listed(photo, temp["export"], new SourceFacts { Source = "test", Rating = 5 })]);
        var copy = temp["walked/IMG_1.jpg"];
        Directory.CreateDirectory(temp["walked"]);
        File.Copy(photo, copy);

        await ImportAsync(temp, () => [], temp["walked"]);

        await using var catalog = await new Library(temp.Library).OpenAsync();
        Assert.Empty(await catalog.Photos.ListAsync(new PhotoFilter { MinRating = 5 }, PhotoOrder.Newest, 0, 10));
    }

    [Fact]
    public async Task Index_FolderHoldingAPhotosLibrary_LeavesItToImportAndKeepsWhatAnEarlierWalkFound()
    {
        using var temp = new TempFolder();
        TestImages.Jpeg(temp["pictures/IMG_1.jpg"]);
        var inside = TestImages.Jpeg(temp["pictures/Photos Library.photoslibrary/originals/A/A1.jpeg"]);
        await using (var catalog = await new Library(temp.Library).OpenAsync())
        await using (var batch = await catalog.BeginBatchAsync())
        {
            // As a walk before libraries were recognised would have left it.
            await catalog.Locations.LinkAsync(inside, temp["pictures"], new FileInfo(inside).Length, 0, new ContentHash(SHA256.HashData(File.ReadAllBytes(inside))), ImageFormat.Jpeg, DateTimeOffset.UtcNow.AddDays(-1));
            await batch.CommitAsync();
        }

        var summary = await new Indexer(new IndexingPipeline(new Library(temp.Library))).RunAsync(new IndexTargets([temp["pictures"]]), CancellationToken.None);

        Assert.Equal((1, 0, 0), (summary.New, summary.Missing, summary.Failed));
        Assert.Equal([temp["pictures/Photos Library.photoslibrary"]], summary.SkippedLibraries);
    }

    [Fact]
    public async Task Index_FolderHoldingACaptureOneCatalog_LeavesItToImport()
    {
        using var temp = new TempFolder();
        TestImages.Jpeg(temp["pictures/IMG_1.jpg"]);
        TestImages.Jpeg(temp["pictures/Trips.cocatalog/Originals/inside.jpg"]);

        var summary = await new Indexer(new IndexingPipeline(new Library(temp.Library))).RunAsync(new IndexTargets([temp["pictures"]]), CancellationToken.None);

        Assert.Equal((1, 0), (summary.New, summary.Failed));
        Assert.Equal([temp["pictures/Trips.cocatalog"]], summary.SkippedLibraries);
    }

    [Theory]
    [InlineData("Trips.cocatalog", LibraryKind.CaptureOne)]
    [InlineData("Trips.cocatalog/Trips.cocatalogdb", LibraryKind.CaptureOne)]
    [InlineData("Shoot", LibraryKind.CaptureOne)]
    [InlineData("Shoot/Shoot.cosessiondb", LibraryKind.CaptureOne)]
    [InlineData("Shoot/Capture", LibraryKind.Folder)]
    [InlineData("Empty.cocatalog", LibraryKind.Folder)]
    public void Detect_CaptureOneCatalogsSessionsAndTheirDatabases_ByTheirLook(string path, LibraryKind kind)
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Folder("Trips.cocatalog"), "Trips.cocatalogdb"), "");
        File.WriteAllText(Path.Combine(temp.Folder("Shoot"), "Shoot.cosessiondb"), "");
        temp.Folder("Shoot/Capture");
        temp.Folder("Empty.cocatalog");

        Assert.Equal(kind, PhotoLibraries.Detect(temp[path]));
        Assert.Equal("capture-one", PhotoLibraries.Name(LibraryKind.CaptureOne));
    }

    [Fact]
    public async Task Rescan_LibraryStampUnchanged_IsNotListedAgainAndKeepsItsPhotos()
    {
        using var temp = new TempFolder();
        var photo = TestImages.Jpeg(temp["export/IMG_1.jpg"]);
        var listings = 0;
        var stamp = "a";
        IReadOnlyList<FoundFile> List()
        {
            listings++;
            return [Listed(photo, temp["export"])];
        }
        Task<IndexSummary> RescanAsync() => new Indexer(new IndexingPipeline(new Library(temp.Library), new IndexSettings { SkipUnchangedLibraries = true })).RunAsync(
            new IndexTargets([]) { Libraries = [new LibrarySource(SourceId, new ListedSource(temp["library-source"], List)) { Stamp = () => stamp }] },
            CancellationToken.None);

        await RescanAsync();
        var unchanged = await RescanAsync();
        stamp = "b";
        await RescanAsync();

        Assert.Equal(2, listings);
        Assert.Equal(0, unchanged.Missing);
        Assert.Equal("ok", Assert.Single(Query(temp, "SELECT status FROM locations"))[0]);
    }
}
