using System.Globalization;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Models.Faces;
using Shoebox.Models.Store;
using Shoebox.Tests.Fixtures;
using Shoebox.Tests.Models.Faces;

namespace Shoebox.Tests.Indexing.Faces;

/// <summary>
/// The faces stage end to end on face-api's six demo photos, with the real models from the test cache: `index` finds,
/// describes, stores and groups the faces; a name given is found by person:NAME; a merge outlasts a re-index.
/// </summary>
[Tier(Tier.Faces)]
public sealed class FaceIndexingTests(FaceModelsFixture faces) : IClassFixture<FaceModelsFixture>, IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly TinyModelFolder _model = new();

    public void Dispose()
    {
        _temp.Dispose();
        _model.Dispose();
    }

    // A model store holding both face packages as downloads would leave them, for the shoebox processes only.
    private string Store()
    {
        var store = new StoreOptions { Folder = _temp["models"] };
        Directory.CreateDirectory(FaceModels.FolderIn(store));
        Directory.CreateDirectory(FaceDescriberModels.FolderIn(store));
        File.Copy(FaceModelsFixture.Archive(), Path.Combine(FaceModels.FolderIn(store), FaceModels.ArchiveName));
        File.Copy(Path.Combine(FaceModelsFixture.Folder(), FaceModelsFixture.FaceApiArchive), Path.Combine(FaceDescriberModels.FolderIn(store), FaceDescriberModels.PackedName));
        return store.Folder;
    }

    private async Task IndexAsync(string store)
    {
        var run = ShoeboxProcess.Start(
            ["index", _temp["photos"], "--library", _temp.Library, "--model", _model.Path, "--no-ocr", "--no-tags", "--json"],
            new Dictionary<string, string> { [StoreOptions.FolderVariable] = store });
        var (code, error) = await run.FinishAsync();
        Assert.True(code == 0, error);
    }

    private async Task<List<long>> FoundAsync(string query)
    {
        var search = await Fixtures.Cli.RunAsync("search", query, "--library", _temp.Library, "--json", "--limit", "50");
        Assert.True(search.ExitCode == 0, search.Error);
        return [.. search.Json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).Order()];
    }

    [Fact]
    public async Task Index_DemoPhotos_FacesGroupedNamedFoundAndMergeKeptThroughReindex()
    {
        Directory.CreateDirectory(_temp["photos"]);
        for (var n = 1; n <= 6; n++)
        {
            File.Copy(faces.Sample(n), _temp[$"photos/sample{n}.jpg"]);
        }
        var store = Store();

        await IndexAsync(store);

        long named, other;
        await using (var catalog = await new Library(_temp.Library).OpenAsync())
        {
            Assert.Equal(new StageCounts(0, 6, 0), (await catalog.GetStatusAsync()).Stages[Stages.Faces]);
            var people = await catalog.People.ListAsync();
            Assert.True(people.Count >= 2, $"{people.Count} people");
            (named, other) = (people[0].Id, people[1].Id);
        }
        var listed = await Fixtures.Cli.RunAsync("people", "--library", _temp.Library, "--json");
        Assert.True(listed.ExitCode == 0, listed.Error);
        var first = listed.Json.GetProperty("people")[0];
        Assert.True(first.GetProperty("faces").GetInt32() >= 1);
        Assert.EndsWith(".jpg", first.GetProperty("photos")[0].GetProperty("path").GetString(), StringComparison.Ordinal);

        Assert.Equal(0, (await Fixtures.Cli.RunAsync("people", "name", named.ToString(CultureInfo.InvariantCulture), "Ada", "--library", _temp.Library)).ExitCode);
        Assert.Equal(0, (await Fixtures.Cli.RunAsync("people", "merge", other.ToString(CultureInfo.InvariantCulture), named.ToString(CultureInfo.InvariantCulture), "--library", _temp.Library)).ExitCode);
        List<long> photos;
        int faceCount;
        await using (var catalog = await new Library(_temp.Library).OpenAsync())
        {
            photos = [.. (await catalog.People.PhotosOfAsync(named)).Order()];
            faceCount = (await catalog.People.GetAsync(named))!.Faces;
            Assert.Equal(photos, await FoundAsync("person:Ada"));
            // A re-index that finds every face again (as after a new version of the models).
            foreach (var id in await catalog.Photos.FilterAsync(PhotoFilter.None))
            {
                await catalog.Stages.SetAsync(id, Stages.Faces, StageState.Pending, null, DateTimeOffset.UtcNow);
            }
        }

        await IndexAsync(store);

        await using (var catalog = await new Library(_temp.Library).OpenAsync())
        {
            var kept = await catalog.People.GetAsync(named);
            Assert.Equal(("Ada", faceCount), (kept?.Name, kept?.Faces));
            Assert.Null(await catalog.People.GetAsync(other));
            Assert.Equal(new StageCounts(0, 6, 0), (await catalog.GetStatusAsync()).Stages[Stages.Faces]);
        }
        Assert.Equal(photos, await FoundAsync("person:Ada"));
    }
}
