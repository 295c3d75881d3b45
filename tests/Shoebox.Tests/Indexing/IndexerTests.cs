using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Imaging;
using Shoebox.Indexing;
using Shoebox.Models.Encoders;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Indexing;

[Tier(Tier.Unit)]
public class IndexerTests(TinyModelFolder tiny) : IClassFixture<TinyModelFolder>
{
    private static Task<IndexSummary> IndexAsync(TempFolder temp, params string[] roots) => IndexAsync(temp, new IndexSettings(), roots);

    private static Task<IndexSummary> IndexAsync(TempFolder temp, IndexSettings settings, params string[] roots) =>
        new Indexer(new IndexingPipeline(new Library(temp.Library), settings)).RunAsync(new IndexTargets(roots), CancellationToken.None);

    private static async Task<CatalogStatus> StatusAsync(TempFolder temp)
    {
        await using var catalog = await new Library(temp.Library).OpenAsync();
        return await catalog.GetStatusAsync();
    }

    private static int ThumbnailFiles(TempFolder temp, ThumbnailSize size = ThumbnailSize.Grid)
    {
        var folder = Path.Combine(temp.Library, ThumbnailStore.FolderName, size.ToString().ToLowerInvariant());
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.jpg", SearchOption.AllDirectories).Count() : 0;
    }

    private static string[] MakePhotos(string folder, int count) =>
        Enumerable.Range(0, count).Select(i => TestImages.Jpeg(Path.Combine(folder, $"IMG_{i:0000}.jpg"))).ToArray();

    [Fact]
    public async Task Index_FreshFolder_CataloguesEveryImageWithMetadataAndThumbnails()
    {
        using var temp = new TempFolder();
        var photos = temp.Folder("photos");
        MakePhotos(photos, 5);
        TestImages.Png(temp["photos/screens/shot.png"]);
        File.WriteAllText(temp["photos/notes.txt"], "shopping list");

        var summary = await IndexAsync(temp, photos);
        var status = await StatusAsync(temp);

        Assert.Equal((6, 6, 0, 0), (summary.Found, summary.New, summary.Failed, summary.Missing));
        Assert.Equal(1, summary.Ignored);
        Assert.Equal((6, 6), (status.Photos, status.Locations));
        Assert.All(status.Stages.Values, counts => Assert.Equal(new StageCounts(0, 6, 0), counts));
        Assert.Equal(6, ThumbnailFiles(temp)); // a grid thumbnail per photo
        Assert.Equal(0, ThumbnailFiles(temp, ThumbnailSize.Preview)); // previews are made when a photo is first shown
    }

    [Fact]
    public async Task Index_Rerun_SkipsUnchangedFilesWithoutReadingThem()
    {
        using var temp = new TempFolder();
        var photos = temp.Folder("photos");
        MakePhotos(photos, 4);
        await IndexAsync(temp, photos);

        var again = await IndexAsync(temp, photos);

        Assert.Equal((4, 4, 0, 0, 0), (again.Found, again.Unchanged, again.New, again.Hashed, again.Processed));
    }

    [Fact]
    public async Task Index_RenamedFolder_IsAMoveAndNothingIsDecodedAgain()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("root");
        MakePhotos(temp.Folder("root/2019 trip"), 6);
        await IndexAsync(temp, root);
        var thumbnailsBefore = Directory.EnumerateFiles(Path.Combine(temp.Library, ThumbnailStore.FolderName), "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, File.GetLastWriteTimeUtc);

        Directory.Move(temp["root/2019 trip"], temp["root/2019 Italy"]);
        var summary = await IndexAsync(temp, root);
        var status = await StatusAsync(temp);

        Assert.Equal((6, 0, 0, 0, 0), (summary.Moved, summary.New, summary.Missing, summary.Copied, summary.Processed));
        Assert.Equal((6, 6, 0), (status.Photos, status.Locations, status.Missing));
        Assert.All(thumbnailsBefore, t => Assert.Equal(t.Value, File.GetLastWriteTimeUtc(t.Key)));
        Assert.Equal(thumbnailsBefore.Count, ThumbnailFiles(temp));
    }

    [Fact]
    public async Task Index_RebuildThumbnails_MakesDeletedThumbnailsAgainAndOnlyThose()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("root");
        MakePhotos(root, 3);
        await IndexAsync(temp, root);
        var kept = Directory.EnumerateFiles(Path.Combine(temp.Library, ThumbnailStore.FolderName), "*", SearchOption.AllDirectories).First();
        var keptHash = Path.GetFileNameWithoutExtension(kept);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(temp.Library, ThumbnailStore.FolderName), "*", SearchOption.AllDirectories)
                     .Where(f => Path.GetFileNameWithoutExtension(f) != keptHash))
        {
            File.Delete(file);
        }

        var plain = await IndexAsync(temp, root);
        var rebuilt = await IndexAsync(temp, new IndexSettings { RebuildThumbnails = true }, root);

        Assert.Equal(0, plain.Processed);
        Assert.Equal(2, rebuilt.Processed);
        Assert.Equal(3, ThumbnailFiles(temp));
    }

    [Fact]
    public async Task Index_SymbolicLinkToAnImage_IsCataloguedLikeTheFile()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("root");
        var outside = TestImages.Jpeg(temp["elsewhere/photo.jpg"]);
        File.CreateSymbolicLink(temp["root/linked.jpg"], outside);

        var summary = await IndexAsync(temp, root);
        var again = await IndexAsync(temp, root);

        Assert.Equal((1, 0), (summary.New, summary.Failed));
        Assert.Equal(1, again.Unchanged);
    }

    [Fact]
    public async Task Index_OverlappingRoots_CountAVanishedFileOnce()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("root");
        var sub = temp.Folder("root/sub");
        var files = MakePhotos(sub, 2);
        await IndexAsync(temp, root, sub);

        File.Delete(files[0]);
        var summary = await IndexAsync(temp, root, sub);

        Assert.Equal((1, 1), (summary.Missing, (await StatusAsync(temp)).Missing));
    }

    [Fact]
    public async Task Index_FailedFileThatLeavesAndComesBack_IsStillReportedAsFailed()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("root");
        temp.Folder("root/album");
        File.WriteAllText(temp["root/album/bad.jpg"], "not a photo");
        await IndexAsync(temp, root);
        Directory.Move(temp["root/album"], temp["parked"]);
        await IndexAsync(temp, root);

        Directory.Move(temp["parked"], temp["root/album"]);
        var back = await IndexAsync(temp, root);

        Assert.Equal(1, back.Failed);
        Assert.Contains("not an image", back.Failures.Single().Reason);
        Assert.Equal(1, (await StatusAsync(temp)).Failed);
    }

    [Fact]
    public async Task Index_RetryFailed_TriesAgainWhatFailedBefore()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("root");
        TestImages.Jpeg(temp["root/panorama.jpg"], 3000, 1000);
        var strict = new Shoebox.Imaging.DecodeOptions { MaxPixels = 2_000_000 };
        var first = await IndexAsync(temp, new IndexSettings { Decode = strict }, root);
        var plainRerun = await IndexAsync(temp, root);

        var retried = await IndexAsync(temp, new IndexSettings { RetryFailed = true }, root);

        Assert.Equal(1, first.Failed);
        Assert.Equal((1, 0), (plainRerun.Failed, plainRerun.Processed));
        Assert.Equal((0, 1), (retried.Failed, retried.Processed));
        Assert.Equal(0, (await StatusAsync(temp)).Failed);
    }

    [Fact]
    public async Task Index_CopiedFile_IsOnePhotoWithTwoLocations()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("root");
        var original = MakePhotos(root, 1)[0];
        await IndexAsync(temp, root);

        File.Copy(original, temp["root/copy.jpg"]);
        var summary = await IndexAsync(temp, root);
        var status = await StatusAsync(temp);

        Assert.Equal((1, 1, 0), (summary.Copied, summary.Unchanged, summary.Processed));
        Assert.Equal((1, 2), (status.Photos, status.Locations));
    }

    [Fact]
    public async Task Index_DeletedFile_IsMarkedMissingAndKept()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("root");
        var files = MakePhotos(root, 3);
        await IndexAsync(temp, root);

        File.Delete(files[0]);
        var summary = await IndexAsync(temp, root);
        var status = await StatusAsync(temp);

        Assert.Equal((1, 2), (summary.Missing, summary.Unchanged));
        Assert.Equal((3, 3, 1), (status.Photos, status.Locations, status.Missing));
    }

    [Fact]
    public async Task Index_MissingFileComesBack_IsPresentAgain()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("root");
        var file = MakePhotos(root, 1)[0];
        await IndexAsync(temp, root);
        File.Move(file, temp["parked.jpg"]);
        await IndexAsync(temp, root);

        File.Move(temp["parked.jpg"], file);
        var summary = await IndexAsync(temp, root);

        Assert.Equal((1, 0), (summary.Unchanged, summary.Missing));
        Assert.Equal(0, (await StatusAsync(temp)).Missing);
    }

    [Fact]
    public async Task Index_EditedFile_IsChangedAndProcessedAgain()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("root");
        var file = MakePhotos(root, 1)[0];
        await IndexAsync(temp, root);

        TestImages.Jpeg(file, 80, 60);
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));
        var summary = await IndexAsync(temp, root);

        Assert.Equal((1, 1, 1), (summary.Changed, summary.Hashed, summary.Processed));
        Assert.Equal(2, (await StatusAsync(temp)).Photos); // the old content stays catalogued: other copies of it may exist
    }

    [Fact]
    public async Task Index_BadInputs_AreEachRecordedWithAReasonAndTheRunGoesOn()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("root");
        MakePhotos(root, 2);
        File.WriteAllBytes(temp["root/empty.jpg"], []);
        TestImages.TruncatedJpeg(temp["root/truncated.jpg"]);
        File.WriteAllText(temp["root/letter.jpg"], "Dear Sir or Madam, this is not a photo.");
        TestImages.PngClaimingSize(temp["root/bomb.png"], 50_000, 50_000);
        TestImages.Jpeg(temp["root/café ☕ 写真.jpg"]);
        TestImages.Jpeg(temp["root/two\nlines.jpg"]);
        TestImages.Png(temp["root/disguised.dat"]);

        var summary = await IndexAsync(temp, root);

        var reasons = summary.Failures.ToDictionary(f => Path.GetFileName(f.Path), f => f.Reason);
        Assert.Equal(4, summary.Failed);
        Assert.Contains("empty file", reasons["empty.jpg"]);
        Assert.Contains("cannot decode", reasons["truncated.jpg"]);
        Assert.Contains("not an image", reasons["letter.jpg"]);
        Assert.Contains("looks like text", reasons["letter.jpg"]);
        Assert.Contains("over the limit", reasons["bomb.png"]);
        Assert.Equal(5, summary.New); // 2 photos, the unicode and newline names, and the PNG named .dat
        Assert.Equal(9, summary.Found);
        await using var catalog = await new Library(temp.Library).OpenAsync();
        Assert.Contains(temp["root/two\nlines.jpg"], (await catalog.Locations.LoadAllAsync()).Keys);
    }

    [Fact]
    public async Task Index_BadInputsOnRerun_AreReportedAgainWithoutRetrying()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("root");
        TestImages.TruncatedJpeg(temp["root/truncated.jpg"]);
        File.WriteAllText(temp["root/letter.jpg"], "text");
        await IndexAsync(temp, root);

        var again = await IndexAsync(temp, root);

        Assert.Equal((2, 0, 0), (again.Failed, again.Hashed, again.Processed));
        Assert.Equal(2, (await StatusAsync(temp)).Failed);
    }

    [Fact]
    public void Identify_FileDeletedBetweenListingAndReading_IsReportedAsVanished()
    {
        using var temp = new TempFolder();
        var path = TestImages.Jpeg(temp["soon-gone.jpg"]);
        var listed = new Shoebox.Sources.FoundFile(path, temp.Path, new FileInfo(path).Length, File.GetLastWriteTimeUtc(path).Ticks);
        File.Delete(path);

        var result = FileIdentifier.Identify(listed);

        Assert.IsType<Identification.Vanished>(result);
    }

    [Fact]
    public async Task Index_LibraryInsideTheIndexedFolder_IsNotIndexed()
    {
        using var temp = new TempFolder();
        MakePhotos(temp.Path, 2);
        await IndexAsync(temp, temp.Path);

        var again = await IndexAsync(temp, temp.Path);

        Assert.Equal((2, 2), (again.Found, again.Unchanged));
        Assert.Equal(2, (await StatusAsync(temp)).Photos);
    }

    [Fact]
    public async Task Index_RootThatDoesNotExist_IsRefusedBeforeAnythingChanges()
    {
        using var temp = new TempFolder();

        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => IndexAsync(temp, temp["no-such-folder"]));

        Assert.Contains("does not exist", error.Message);
        Assert.False(File.Exists(Path.Combine(temp.Library, PhotoCatalog.FileName)));
    }

    [Fact]
    public async Task Index_Cancelled_KeepsCommittedWorkAndTheRerunFinishesTheRest()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("root");
        for (var i = 0; i < 60; i++)
        {
            TestImages.Jpeg(temp[$"root/{i:000}.jpg"], 1600, 1200);
        }
        using var stop = new CancellationTokenSource();
        using var model = new OnnxImageEncoder(tiny.Open());
        // Stopped from inside the run, once work is committed and before the last model batch: whatever the machine's speed.
        using var stopping = new StoppingEncoder(model, () =>
        {
            for (var waited = 0; StatusAsync(temp).GetAwaiter().GetResult().Stages[Stages.Thumbnails].Done == 0 && waited < 600; waited++)
            {
                Thread.Sleep(100);
            }
            stop.Cancel();
        });
        var indexer = new Indexer(new IndexingPipeline(new Library(temp.Library), services: new IndexingServices { Model = model.Model, Encoder = stopping }));

        var interrupted = await indexer.RunAsync(new IndexTargets([root]), stop.Token);
        var done = (await StatusAsync(temp)).Stages[Stages.Thumbnails].Done;
        var resumed = await new Indexer(new IndexingPipeline(new Library(temp.Library), services: new IndexingServices { Model = model.Model, Encoder = model }))
            .RunAsync(new IndexTargets([root]), CancellationToken.None);
        var status = await StatusAsync(temp);

        Assert.True(interrupted.Interrupted);
        Assert.InRange(done, 1, 59);
        Assert.Equal(60 - done, resumed.Processed);
        Assert.Equal((60, 60), (status.Photos, status.Locations));
        Assert.Equal(new StageCounts(0, 60, 0), status.Stages[Stages.Thumbnails]);
    }

    // Runs `stop` on its third batch (the default batch is 16 photos on a CPU, so 60 photos make four).
    private sealed class StoppingEncoder(IImageEncoder encoder, Action stop) : IImageEncoder
    {
        private int _batches;

        public ModelIdentity Model => encoder.Model;

        public int DecodeSize => encoder.DecodeSize;

        public float[] Preprocess(RgbImage image) => encoder.Preprocess(image);

        public IReadOnlyList<float[]> Encode(IReadOnlyList<float[]> preprocessed)
        {
            if (Interlocked.Increment(ref _batches) == 3)
            {
                stop();
            }
            return encoder.Encode(preprocessed);
        }

        public void Dispose()
        {
        }
    }
}
