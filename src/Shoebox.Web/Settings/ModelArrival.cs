using Shoebox.Indexing;
using Shoebox.Models.Registry;

namespace Shoebox.Web.Settings;

/// <summary>
/// A first run's model, downloaded by the server while it already serves (a window opened by a double-click shows
/// its progress rather than nothing for minutes): through <see cref="ModelDownloads"/>, as the Settings page
/// downloads, then taken up through <see cref="ModelSwitch"/>, which makes the vectors of the photos catalogued
/// meanwhile and hands the model to search and background indexing.
/// </summary>
internal sealed class ModelArrival(ModelDescriptor model, ModelDownloads downloads, ModelSwitch modelSwitch)
{
    private Task _run = Task.CompletedTask;

    public string Id => model.Id;

    /// <summary>The download as /api/status shows it: running, done, or failed with what to do instead.</summary>
    public DownloadState? State => downloads.Of(model.Id);

    public void Start() => _run = Task.Run(RunAsync);

    private async Task RunAsync()
    {
        await downloads.StartAsync(model);
        if (await downloads.WhenEndedAsync(model.Id) is { State: DownloadState.Finished })
        {
            modelSwitch.Arrived(LibraryModel.SourceOf(model));
        }
    }

    /// <summary>Ends once the download has (the server stops it first), so that no switch begins after the server stopped.</summary>
    public Task Ended => _run;
}
