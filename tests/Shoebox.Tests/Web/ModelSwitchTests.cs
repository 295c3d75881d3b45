using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shoebox.Catalog;
using Shoebox.Catalog.Stores;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Web;

/// <summary>
/// Switching a served library's model from the Settings API: the new model's vectors are made in the background while
/// search answers with the old ones, then search switches over. The library is held by a lock meanwhile, as a run in
/// a terminal would hold it, so "meanwhile" is a state the test controls rather than a race.
/// </summary>
[Tier(Tier.EndToEnd)]
public sealed class ModelSwitchTests(ServedLibrary library) : IClassFixture<ServedLibrary>
{
    [Fact]
    public async Task PutModel_AnotherInstalledModel_SearchKeepsTheOldVectorsUntilTheNewAreMadeThenSwitches()
    {
        var photo = await library.IdOfAsync("red-car.jpg");
        HttpResponseMessage put;
        JsonElement meanwhile;
        JsonElement similarMeanwhile;
        using (new Library(library.Temp.Library).Lock())
        {
            put = await library.Client.PutAsync("/api/settings", new StringContent(
                JsonSerializer.Serialize(new { model = library.OtherModelPath }), Encoding.UTF8, "application/json"));
            meanwhile = await library.GetJsonAsync("/api/settings");
            similarMeanwhile = await library.GetJsonAsync($"/api/photos/{photo}/similar");
        }
        var after = await SwitchedAsync();

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        put.Dispose();
        var switching = meanwhile.GetProperty("switching");
        Assert.Equal(library.OtherModelPath, switching.GetProperty("to").GetString());
        Assert.Equal(0, switching.GetProperty("vectors").GetInt32());
        Assert.Equal(ServedLibrary.Names.Length, switching.GetProperty("photos").GetInt32());
        Assert.True(InUse(meanwhile, library.ModelPath));
        Assert.NotEqual(0, similarMeanwhile.GetProperty("results").GetArrayLength());

        Assert.Equal(JsonValueKind.Null, after.GetProperty("switching").ValueKind);
        Assert.True(InUse(after, library.OtherModelPath));
        Assert.False(InUse(after, library.ModelPath));
        Assert.NotEqual(0, (await library.GetJsonAsync($"/api/photos/{photo}/similar")).GetProperty("results").GetArrayLength());
        await using var catalog = await new Library(library.Temp.Library).OpenAsync();
        Assert.Equal(library.OtherModelPath, await catalog.Settings.GetAsync(SettingStore.ChosenModel));
        Assert.Null(await catalog.Settings.GetAsync(SettingStore.NextModel));
        // Vectors are kept per model: the old model's are still there to switch back to.
        Assert.All(await catalog.Vectors.ListModelsAsync(), m => Assert.Equal(ServedLibrary.Names.Length, m.Vectors));
        Assert.Equal(2, (await catalog.Vectors.ListModelsAsync()).Count);
    }

    private static bool InUse(JsonElement settings, string id) =>
        settings.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("id").GetString() == id).GetProperty("inUse").GetBoolean();

    private async Task<JsonElement> SwitchedAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            var settings = await library.GetJsonAsync("/api/settings");
            if (settings.GetProperty("switching").ValueKind == JsonValueKind.Null || DateTime.UtcNow > deadline)
            {
                return settings;
            }
            Assert.NotEqual("failed", settings.GetProperty("switching").GetProperty("phase").GetString());
            await Task.Delay(100);
        }
    }
}
