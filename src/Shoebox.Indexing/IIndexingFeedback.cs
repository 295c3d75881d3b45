using Shoebox.Models.Registry;
using Shoebox.Models.Store;

namespace Shoebox.Indexing;

/// <summary>
/// How a host shows what <see cref="IndexingFactory"/> has to say while it sets indexing up: the CLI prints lines and
/// download bars (ConsoleFeedback), a server or a worker writes its log (<see cref="LoggedFeedback"/>). Every problem
/// here leaves indexing going without the part concerned; its stage stays pending.
/// </summary>
public interface IIndexingFeedback
{
    /// <summary>Runs a download (the model, the OCR models), showing its progress as the host does.</summary>
    Task<T> DownloadAsync<T>(Func<IProgress<DownloadProgress>?, Task<T>> download);

    /// <summary>The model <paramref name="model"/> (an id or a folder) could not be installed (offline, unreachable, damaged download).</summary>
    void ModelUnavailable(string model, ModelUnavailableException problem);

    /// <summary>The model was loaded, on this execution provider.</summary>
    void ModelLoaded(ModelDescriptor model, string provider);

    /// <summary>The model's files are there but cannot be loaded.</summary>
    void ModelUnloadable(string folder, string reason);

    /// <summary>There is no model to run: search vectors stay pending.</summary>
    void NoVectors();

    /// <summary>The model's text tower cannot be loaded: photos are tagged by the rules alone.</summary>
    void TextTowerUnloadable(string model, string reason);

    /// <summary>The OCR models cannot be had: text stays pending.</summary>
    void TextReaderUnavailable(string reason);

    /// <summary>The face models cannot be had: faces stay pending.</summary>
    void FaceReaderUnavailable(string reason);

    /// <summary>The place data cannot be had: photos are not given place names until a run has it.</summary>
    void PlacesUnavailable(string reason);
}
