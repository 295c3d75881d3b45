using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shoebox.Catalog;
using Shoebox.Catalog.Stores;
using Shoebox.Models.Synth;
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

    // Until the switch is over, or has failed (which the test then reports).
    private Task<JsonElement> SwitchedAsync() => SettingsPolling.UntilAsync(library.Client, s =>
        s.GetProperty("switching").ValueKind == JsonValueKind.Null || s.GetProperty("switching").GetProperty("phase").GetString() == "failed");
}

/// <summary>A switch that cannot finish says why, and choosing the model in use again calls it off.</summary>
[Tier(Tier.EndToEnd)]
public sealed class ModelSwitchFailureTests(ServedLibrary library) : IClassFixture<ServedLibrary>
{
    [Fact]
    public async Task PutModel_ModelGoneBeforeItsVectorsAreMade_FailsWithTheReasonAndTheModelInUseCallsItOff()
    {
        using var temp = new TempFolder();
        var doomed = temp["doomed"];
        SyntheticModels.Write("tiny", doomed, seed: 3);
        using (new Library(library.Temp.Library).Lock())
        {
            (await PutModelAsync(doomed)).Dispose();
            Directory.Delete(doomed, recursive: true);
        }
        var failed = await SettingsPolling.UntilAsync(library.Client, s => s.GetProperty("switching").ValueKind == JsonValueKind.Object && s.GetProperty("switching").GetProperty("phase").GetString() == "failed");

        using var calledOff = await PutModelAsync(library.ModelPath);
        var after = await library.GetJsonAsync("/api/settings");

        Assert.Contains(doomed, failed.GetProperty("switching").GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, calledOff.StatusCode);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("switching").ValueKind);
        await using var catalog = await new Library(library.Temp.Library).OpenAsync();
        Assert.Null(await catalog.Settings.GetAsync(SettingStore.NextModel));
        Assert.Equal(library.ModelPath, await catalog.Settings.GetAsync(SettingStore.ChosenModel));
    }

    private Task<HttpResponseMessage> PutModelAsync(string model) =>
        library.Client.PutAsync("/api/settings", new StringContent(JsonSerializer.Serialize(new { model }), Encoding.UTF8, "application/json"));

}

/// <summary>GET /api/settings until it shows what a test waits for (a download or a switch ended), or a minute or two has passed.</summary>
internal static class SettingsPolling
{
    public static async Task<JsonElement> UntilAsync(HttpClient client, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            var settings = await client.GetFromJsonAsync<JsonElement>("/api/settings");
            if (done(settings) || DateTime.UtcNow > deadline)
            {
                return settings;
            }
            await Task.Delay(100);
        }
    }
}
