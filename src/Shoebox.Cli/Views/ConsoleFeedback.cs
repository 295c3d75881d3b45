using Shoebox.Indexing;
using Shoebox.Models.Registry;
using Shoebox.Models.Store;

namespace Shoebox.Cli.Views;

/// <summary>What setting up indexing has to say, as lines on the error stream, and its downloads as progress bars.</summary>
/// <param name="notice">Says a model problem the library heard before in one line; null says it in full.</param>
internal sealed class ConsoleFeedback(CliConsole console, ModelNotice? notice = null) : IIndexingFeedback
{
    public Task<T> DownloadAsync<T>(Func<IProgress<DownloadProgress>?, Task<T>> download) => DownloadView.RunAsync(console, download);

    public void ModelUnavailable(string model, ModelUnavailableException problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Problem(notice?.Text(problem, model) ?? problem.Message);
    }

    public void ModelLoaded(ModelDescriptor model, string provider) => console.Error.WriteLine($"Model {model.Id} ({model.Version}) on {provider}.");

    public void ModelUnloadable(string folder, string reason) =>
        Problem($"the model in {folder} cannot be loaded ({reason}). Check it with `shoebox models verify`; indexing goes on without search vectors, which stay pending.");

    public void NoVectors() =>
        console.Error.WriteLine("Indexing goes on without search vectors; they stay pending (see `shoebox status`) until a run has the model.");

    public void TextTowerUnloadable(string model, string reason) => Problem($"the text tower of {model} cannot be loaded ({reason}); photos are tagged without it.");

    public void TextReaderUnavailable(string reason)
    {
        Problem(reason);
        console.Error.WriteLine("Indexing goes on without reading text; it stays pending (see `shoebox status`) until a run has the OCR models, or use --no-ocr.");
    }

    public void FaceReaderUnavailable(string reason)
    {
        Problem(reason);
        console.Error.WriteLine("Indexing goes on without finding faces; they stay pending (see `shoebox status`) until a run has the face models, or use --no-faces.");
    }

    public void PlacesUnavailable(string reason)
    {
        Problem(reason);
        console.Error.WriteLine("Indexing goes on without naming where photos were taken; a run that has the place data names them all.");
    }

    private void Problem(string message) => console.Error.WriteLine($"shoebox: {message}");
}
