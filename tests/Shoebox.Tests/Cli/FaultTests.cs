using System.Diagnostics;
using Shoebox.Catalog;
using Shoebox.Cli;
using Shoebox.Core;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Cli;

/// <summary>Crashes, permissions and full disks, with shoebox running as a real process where that matters.</summary>
[Tier(Tier.Fault)]
public class FaultTests
{
    private static async Task<CatalogStatus> StatusAsync(string library)
    {
        await using var catalog = await new Library(library).OpenAsync();
        Assert.Equal("ok", await catalog.CheckIntegrityAsync());
        return await catalog.GetStatusAsync();
    }

    private static void MakePhotos(TempFolder temp, string folder, int count, int width = 64, int height = 48)
    {
        for (var i = 0; i < count; i++)
        {
            TestImages.Jpeg(temp[$"{folder}/{i:000}.jpg"], width, height);
        }
    }

    private static async Task KillWhenAsync(Process process, string library, Func<CatalogStatus, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            if (File.Exists(Path.Combine(library, PhotoCatalog.FileName)) && condition(await StatusAsync(library)))
            {
                break;
            }
            await Task.Delay(20);
        }
        process.Kill(entireProcessTree: true); // SIGKILL: no cleanup of any kind
        await process.WaitForExitAsync();
    }

    [Fact]
    public async Task Index_KilledWhileProcessing_RerunIsConsistentAndDoesNotRedoFinishedWork()
    {
        using var temp = new TempFolder();
        MakePhotos(temp, "photos", 200, 1600, 1200);
        using var process = Process.Start(Fixtures.Cli.StartInfo(["index", temp["photos"], "--library", temp.Library]))!;

        await KillWhenAsync(process, temp.Library, s => s.Stages.TryGetValue(Stages.Thumbnails, out var t) && t.Done >= 10);
        var afterKill = await StatusAsync(temp.Library);
        var finished = afterKill.Stages[Stages.Thumbnails].Done;
        var rerun = await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library, "--json");
        var final = await StatusAsync(temp.Library);

        Assert.InRange(finished, 10, 199);
        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(200 - finished, rerun.Json.GetProperty("processed").GetInt32());
        Assert.Equal(0, rerun.Json.GetProperty("hashed").GetInt32()); // every file was already catalogued
        Assert.Equal((200, 200, 0), (final.Photos, final.Locations, final.Failed));
        Assert.Equal(new StageCounts(0, 200, 0), final.Stages[Stages.Thumbnails]);
    }

    [Fact]
    public async Task Index_KilledAtSeveralMoments_EndsWithEveryPhotoOnceAndNoDuplicates()
    {
        using var temp = new TempFolder();
        MakePhotos(temp, "photos/a", 150);
        MakePhotos(temp, "photos/b", 150);
        foreach (var delay in new[] { 150, 400, 900 })
        {
            using var process = Process.Start(Fixtures.Cli.StartInfo(["index", temp["photos"], "--library", temp.Library]))!;
            await Task.Delay(delay);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            if (File.Exists(Path.Combine(temp.Library, PhotoCatalog.FileName)))
            {
                await StatusAsync(temp.Library); // integrity is checked after every kill
            }
        }

        var rerun = await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library, "--json");
        var final = await StatusAsync(temp.Library);

        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(300, rerun.Json.GetProperty("found").GetInt32());
        Assert.Equal((300, 300, 0, 0), (final.Photos, final.Locations, final.Missing, final.Failed));
        Assert.All(Stages.Initial, stage => Assert.Equal(new StageCounts(0, 300, 0), final.Stages[stage]));
    }

    [Fact]
    public async Task Index_FolderThatCannotBeRead_IsReportedAndItsPhotosAreNotMarkedMissing()
    {
        using var temp = new TempFolder();
        MakePhotos(temp, "photos/open", 2);
        MakePhotos(temp, "photos/locked", 2);
        await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library);
        File.SetUnixFileMode(temp["photos/locked"], UnixFileMode.None);
        TestImages.Jpeg(temp["photos/open/new.jpg"]);

        var result = await Fixtures.Cli.RunProcessAsync(
            ["index", temp["photos"], "--library", temp.Library, "--json"], Fixtures.Cli.WithoutCapabilities);

        Assert.Equal(0, result.ExitCode);
        var json = result.Json;
        Assert.Equal(1, json.GetProperty("new").GetInt32());
        Assert.Equal(0, json.GetProperty("missing").GetInt32());
        var failure = Assert.Single(json.GetProperty("failures").EnumerateArray());
        Assert.Equal(temp["photos/locked"], failure.GetProperty("path").GetString());
        Assert.Contains("permission denied", failure.GetProperty("reason").GetString());
        Assert.Equal(0, (await StatusAsync(temp.Library)).Missing);
    }

    [Fact]
    public async Task Index_ReadOnlyLibrary_StopsWithAClearErrorAndTheCatalogIntact()
    {
        using var temp = new TempFolder();
        MakePhotos(temp, "photos", 3);
        await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library);
        MakePhotos(temp, "photos/more", 2);
        foreach (var file in Directory.EnumerateFiles(temp.Library, "*", SearchOption.AllDirectories))
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        foreach (var folder in Directory.EnumerateDirectories(temp.Library, "*", SearchOption.AllDirectories).Append(temp.Library))
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        }

        var result = await Fixtures.Cli.RunProcessAsync(["index", temp["photos"], "--library", temp.Library], Fixtures.Cli.WithoutCapabilities);

        Assert.Equal(ExitCodes.CouldNotRun, result.ExitCode);
        Assert.Contains("cannot be written", result.Error);
        Assert.Equal(3, (await StatusAsync(temp.Library)).Photos);
    }

    [RootFact]
    public async Task Index_DiskFills_StopsWithAClearErrorAndAfterFreeingSpaceFinishes()
    {
        using var temp = new TempFolder();
        MakePhotos(temp, "photos", 40, 1200, 900);
        Directory.CreateDirectory(temp.Library);
        Mount("-t", "tmpfs", "-o", "size=600k", "tmpfs", temp.Library);
        try
        {
            var full = await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library);
            Mount("-o", "remount,size=64m", temp.Library);
            var beforeRerun = await StatusAsync(temp.Library);
            var rerun = await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library, "--json");
            var final = await StatusAsync(temp.Library);

            Assert.Equal(ExitCodes.CouldNotRun, full.ExitCode);
            Assert.Contains("disk holding the library is full", full.Error);
            Assert.True(beforeRerun.Stages[Stages.Thumbnails].Done < 40);
            Assert.Equal(0, rerun.ExitCode);
            Assert.Equal((40, 40, 0), (final.Photos, final.Locations, final.Failed));
            Assert.Equal(new StageCounts(0, 40, 0), final.Stages[Stages.Thumbnails]);
        }
        finally
        {
            Mount("-u", temp.Library);
        }
    }

    [RootFact]
    public async Task Import_ArchiveEntryLargerThanTheSpoolDisk_FailsAloneAndTheOthersAreIndexed()
    {
        using var temp = new TempFolder();
        var files = new Shoebox.Tests.Sources.GoogleTakeout.TakeoutFiles();
        for (var i = 0; i < 4; i++)
        {
            files.Add($"Takeout/Google Photos/Trip/{i}.jpg", Shoebox.Tests.Sources.GoogleTakeout.TakeoutFiles.Jpeg(temp, 64 + i, 48));
        }
        // A photo followed by 6 MB of zeros: a small zip, an entry larger than the disk the library is on.
        files.Add("Takeout/Google Photos/Trip/big.jpg", [.. Shoebox.Tests.Sources.GoogleTakeout.TakeoutFiles.Jpeg(temp, 90, 60), .. new byte[6 << 20]]);
        var zip = files.WriteZip(temp["takeout-001.zip"]);
        Directory.CreateDirectory(temp.Library);
        Mount("-t", "tmpfs", "-o", "size=3m", "tmpfs", temp.Library);
        try
        {
            var full = await Fixtures.Cli.RunAsync("import", "takeout", zip, "--library", temp.Library, "--no-ocr", "--json");
            var rerun = await Fixtures.Cli.RunAsync("import", "takeout", zip, "--library", temp.Library, "--no-ocr", "--json");
            Mount("-o", "remount,size=64m", temp.Library);
            var retried = await Fixtures.Cli.RunAsync("import", "takeout", zip, "--library", temp.Library, "--no-ocr", "--retry-failed", "--json");
            var final = await StatusAsync(temp.Library);

            Assert.True(full.ExitCode == 0, full.Error);
            var failure = Assert.Single(full.Json.GetProperty("failures").EnumerateArray());
            Assert.EndsWith("big.jpg", failure.GetProperty("path").GetString(), StringComparison.Ordinal);
            Assert.Contains("does not fit in the spool folder", failure.GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.Equal(0, rerun.ExitCode); // the next run is not stopped by the same entry
            Assert.Equal(0, retried.ExitCode);
            Assert.Equal((5, 0), (final.Photos, final.Failed));
            Assert.Equal(new StageCounts(0, 5, 0), final.Stages[Stages.Thumbnails]);
        }
        finally
        {
            Mount("-u", temp.Library);
        }
    }

    private static void Mount(params string[] args)
    {
        var umount = args[0] == "-u";
        var info = new ProcessStartInfo(umount ? "umount" : "mount") { RedirectStandardError = true };
        foreach (var arg in umount ? args[1..] : args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{info.FileName} {string.Join(' ', info.ArgumentList)} failed: {process.StandardError.ReadToEnd()}");
    }
}
