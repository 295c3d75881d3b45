using Shoebox.Models.Registry;
using Shoebox.Models.Store;

namespace Shoebox.Models;

/// <summary>Turns what the user typed after --model (a registry id or a folder) into a model on disk.</summary>
public static class ModelResolver
{
    /// <summary>The model's description, without installing it: enough to name its vectors and pending work.</summary>
    public static ModelDescriptor Describe(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (ModelRegistry.Find(model) is { } known)
        {
            return known;
        }
        if (LocalModel.LooksLikeFolder(model))
        {
            return LocalModel.Open(model).Descriptor;
        }
        throw new ModelUnavailableException($"No model is called '{model}', and it is not a folder. Known models: {string.Join(", ", ModelRegistry.All.Select(m => m.Id))} (see `shoebox models list`).");
    }

    /// <summary>The installed model, downloading it first when it is a registry model not yet on this machine.</summary>
    public static async Task<InstalledModel> InstallAsync(string model, ModelStore store, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return ModelRegistry.Find(model) is { } known
            ? await store.EnsureAsync(known, progress, cancellationToken)
            : LocalModel.Open(Describe(model).Source);
    }
}
