namespace Shoebox.Tests.Fixtures;

/// <summary>What a first run sees: a library just made, with no photos, served with a made-up home folder (<see cref="FakeHome"/>).</summary>
public sealed class ServedFirstRun : IAsyncLifetime
{
    public ServedLibrary Library { get; } = new(_ => { });

    public FakeHome Home { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Library.InitializeAsync();
        var server = await Library.StartAsync(o => o with { Home = Home.Path });
        BaseUrl = server.BrowserUrl;
    }

    public async Task DisposeAsync()
    {
        await Library.DisposeAsync();
        Home.Dispose();
    }
}
