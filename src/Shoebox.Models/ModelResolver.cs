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
        return LocalModel.LooksLikeFolder(model) ? LocalModel.Open(model).Descriptor : throw Unknown(model);
    }

    /// <summary>The installed model, downloading it first when it is a registry model not yet on this machine.</summary>
    public static async Task<InstalledModel> InstallAsync(string model, ModelStore store, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (ModelRegistry.Find(model) is { } known)
        {
            return await store.EnsureAsync(known, progress, cancellationToken);
        }
        return LocalModel.LooksLikeFolder(model) ? LocalModel.Open(model) : throw Unknown(model);
    }

    private static ModelUnavailableException Unknown(string model) => new(
        $"No model is called '{model}', and it is not a folder. Known models: {string.Join(", ", ModelRegistry.All.Select(m => m.Id))} (see `shoebox models list`).");
}
