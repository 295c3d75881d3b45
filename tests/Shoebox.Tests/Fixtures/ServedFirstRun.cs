namespace Shoebox.Tests.Fixtures;

/// <summary>
/// What a first run sees: a library just made, with no photos and no sources, served with a made-up home folder
/// (<see cref="FakeHome"/>) by a server that does not index, so that no test of the class can add what the next one sees.
/// </summary>
public sealed class ServedFirstRun : IAsyncLifetime
{
    public ServedSources Library { get; } = new(indexes: false);

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
