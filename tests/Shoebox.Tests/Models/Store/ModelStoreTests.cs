using System.Diagnostics;
using Shoebox.Models.Registry;
using Shoebox.Models.Store;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Models.Store;

[Tier(Tier.Unit)]
public class ModelStoreTests
{
    private static readonly byte[] Vision = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 31 % 251)).ToArray();
    private static readonly byte[] Text = Enumerable.Range(0, 120_000).Select(i => (byte)(i * 17 % 253)).ToArray();

    private static ModelDescriptor Model(string? pinnedVisionHash = null) => ModelRegistry.Find(ModelRegistry.DefaultId)! with
    {
        Id = "test-clip",
        Repository = "test/clip",
        Files = [new("onnx/vision_model.onnx", Sha256: pinnedVisionHash), new("onnx/text_model.onnx")],
    };

    private static (FakeHub Hub, ModelStore Store) Setup(TempFolder temp, bool offline = false)
    {
        var hub = new FakeHub();
        hub.Add("test/clip/onnx/vision_model.onnx", Vision);
        hub.Add("test/clip/onnx/text_model.onnx", Text);
        // Offline is set either way: the test process turns downloads off by default (see TestEnvironment).
        return (hub, new ModelStore(new StoreOptions { Folder = temp["models"], Endpoint = hub.Endpoint, Offline = offline }));
    }

    [Fact]
    public async Task Ensure_NotInstalled_DownloadsChecksAndInstalls()
    {
        using var temp = new TempFolder();
        var (hub, store) = Setup(temp);
        using var _ = hub;
        var progress = new List<DownloadProgress>();

        var installed = await store.EnsureAsync(Model(), new SyncProgress<DownloadProgress>(progress.Add), CancellationToken.None);

        Assert.Equal(Vision, File.ReadAllBytes(installed.PathOf("onnx/vision_model.onnx")));
        Assert.Equal(Text, File.ReadAllBytes(installed.PathOf("onnx/text_model.onnx")));
        Assert.NotNull(store.Find(Model()));
        Assert.All(store.Verify(Model()), check => Assert.Equal(FileState.Ok, check.State));
        Assert.Contains(progress, p => p.File == "onnx/vision_model.onnx" && p.Done == Vision.Length && p.Total == Vision.Length);
        Assert.Empty(Directory.EnumerateFiles(temp["models"], "*.partial", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Ensure_TransferCutShort_KeepsThePartialFileAndResumesFromIt()
    {
        using var temp = new TempFolder();
        var (hub, store) = Setup(temp);
        using var _ = hub;
        hub.CutAfter = 100_000;

        var cut = await Assert.ThrowsAsync<ModelUnavailableException>(() => store.EnsureAsync(Model(), null, CancellationToken.None));
        var partial = Path.Combine(store.FolderOf(Model()), "onnx/vision_model.onnx.partial");
        var kept = new FileInfo(partial).Length;
        var installed = await store.EnsureAsync(Model(), null, CancellationToken.None);

        Assert.Contains("run the command again", cut.Message, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(kept, 1, Vision.Length - 1);
        Assert.Contains($"bytes={kept}-", hub.RangeRequests);
        Assert.Equal(Vision, File.ReadAllBytes(installed.PathOf("onnx/vision_model.onnx")));
        Assert.False(File.Exists(partial));
    }

    [Fact]
    public async Task Ensure_TransferThatStalls_IsGivenUpAndCanBeResumed()
    {
        using var temp = new TempFolder();
        using var hub = new FakeHub();
        hub.Add("test/clip/onnx/vision_model.onnx", Vision);
        hub.Add("test/clip/onnx/text_model.onnx", Text);
        hub.StallAfter = 50_000;
        var store = new ModelStore(new StoreOptions { Folder = temp["models"], Endpoint = hub.Endpoint, Offline = false, StallTimeout = TimeSpan.FromSeconds(1) });

        var stalled = await Assert.ThrowsAsync<ModelUnavailableException>(() => store.EnsureAsync(Model(), null, CancellationToken.None));
        var installed = await store.EnsureAsync(Model(), null, CancellationToken.None);

        Assert.Contains("stalled", stalled.Message);
        Assert.Equal(Vision, File.ReadAllBytes(installed.PathOf("onnx/vision_model.onnx")));
    }

    [Fact]
    public async Task Ensure_ContentNotMatchingThePublishedHash_IsDiscarded()
    {
        using var temp = new TempFolder();
        var (hub, store) = Setup(temp);
        using var _ = hub;
        hub.PublishWrongHash = true;

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => store.EnsureAsync(Model(), null, CancellationToken.None));

        Assert.Contains("does not match its SHA-256", error.Message);
        Assert.Null(store.Find(Model()));
        Assert.Empty(Directory.EnumerateFiles(temp["models"], "*.onnx*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Ensure_PinnedHashWins_OverWhatTheHubPublishes()
    {
        using var temp = new TempFolder();
        var (hub, store) = Setup(temp);
        using var _ = hub;

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() =>
            store.EnsureAsync(Model(pinnedVisionHash: new string('a', 64)), null, CancellationToken.None));

        Assert.Contains("aaaaaaaa", error.Message);
    }

    [Fact]
    public async Task Ensure_Offline_SaysWhichFilesToFetchAndWhereToPutThem()
    {
        using var temp = new TempFolder();
        var (hub, store) = Setup(temp, offline: true);
        using var _ = hub;

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => store.EnsureAsync(Model(), null, CancellationToken.None));

        Assert.Contains("downloads are turned off", error.Message);
        Assert.Contains($"{hub.Endpoint}test/clip/resolve/main/onnx/vision_model.onnx", error.Message);
        Assert.Contains(Path.Combine(store.FolderOf(Model()), "onnx/text_model.onnx"), error.Message);
        Assert.Empty(hub.RangeRequests);
        Assert.False(Directory.Exists(store.FolderOf(Model())));
    }

    [Fact]
    public async Task Ensure_HubUnreachable_FailsFastWithInstructionsAndLeavesNoFile()
    {
        using var temp = new TempFolder();
        var store = new ModelStore(new StoreOptions { Folder = temp["models"], Endpoint = new Uri("http://127.0.0.1:9/"), Offline = false });
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => store.EnsureAsync(Model(), null, CancellationToken.None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}"); // a refused connection is known at once
        Assert.Contains("cannot be reached", error.Message);
        Assert.Contains("download these files", error.Message);
        Assert.False(Directory.Exists(store.FolderOf(Model())));
    }

    [Fact]
    public async Task Verify_FileChangedAfterInstall_IsReported()
    {
        using var temp = new TempFolder();
        var (hub, store) = Setup(temp);
        using var _ = hub;
        var installed = await store.EnsureAsync(Model(), null, CancellationToken.None);
        var damaged = File.ReadAllBytes(installed.PathOf("onnx/text_model.onnx"));
        damaged[500] ^= 0xFF;
        File.WriteAllBytes(installed.PathOf("onnx/text_model.onnx"), damaged);

        var checks = store.Verify(Model());

        Assert.Equal(FileState.Ok, checks.Single(c => c.File == "onnx/vision_model.onnx").State);
        Assert.Equal(FileState.WrongHash, checks.Single(c => c.File == "onnx/text_model.onnx").State);
    }

    [Fact]
    public async Task Remove_DeletesTheModelFolder()
    {
        using var temp = new TempFolder();
        var (hub, store) = Setup(temp);
        using var _ = hub;
        await store.EnsureAsync(Model(), null, CancellationToken.None);

        Assert.True(store.Remove(Model()));
        Assert.Null(store.Find(Model()));
        Assert.False(store.Remove(Model()));
    }

    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
