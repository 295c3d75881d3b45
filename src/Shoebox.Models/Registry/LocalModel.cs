using System.Security.Cryptography;
using System.Text.Json;
using Shoebox.Models.Store;

namespace Shoebox.Models.Registry;

/// <summary>
/// `--model DIR`: a folder in the Hugging Face export layout (config.json, onnx/vision_model.onnx,
/// onnx/text_model.onnx, and spiece.model for SigLIP), described from its own config. Its identity includes a
/// fingerprint of the files, so vectors from two different folders are never mixed.
/// </summary>
public static class LocalModel
{
    public static InstalledModel Open(string folder)
    {
        var full = Path.GetFullPath(folder);
        var configPath = Path.Combine(full, "config.json");
        if (!File.Exists(configPath))
        {
            throw new ModelUnavailableException($"{full} is not a model folder: it has no config.json (expected the Hugging Face export layout).");
        }
        JsonElement config;
        try
        {
            config = JsonDocument.Parse(File.ReadAllText(configPath)).RootElement;
        }
        catch (JsonException e)
        {
            throw new ModelUnavailableException($"{configPath} is not valid JSON: {e.Message}", e);
        }
        var siglip = config.TryGetProperty("model_type", out var type) && type.GetString() is { } name && name.StartsWith("siglip", StringComparison.Ordinal);
        var basis = ModelRegistry.Find(siglip ? "siglip-base-224" : ModelRegistry.DefaultId)!;
        var vision = Path.Combine(full, basis.Vision.File);
        if (!File.Exists(vision))
        {
            throw new ModelUnavailableException($"{full} has no {basis.Vision.File}: Shoebox needs at least the vision tower.");
        }
        var hasText = File.Exists(Path.Combine(full, basis.Text!.File)) && (!siglip || File.Exists(Path.Combine(full, "spiece.model")));
        var (id, version) = Identity(full, config);
        var descriptor = basis with
        {
            Id = id,
            Version = version,
            Description = $"Local model in {full}",
            Dimensions = Dimensions(config, siglip),
            ImageSize = config.TryGetProperty("vision_config", out var visionConfig) && visionConfig.TryGetProperty("image_size", out var size) ? size.GetInt32() : basis.ImageSize,
            Text = hasText ? basis.Text : null,
            Tokenizer = hasText ? basis.Tokenizer : TokenizerKind.None,
            Repository = null,
            Files = [.. basis.Files.Where(f => File.Exists(Path.Combine(full, f.Path)))],
            Licence = "as given by the folder's source",
            Source = full,
        };
        return new InstalledModel(descriptor, full);
    }

    /// <summary>True when <paramref name="value"/> names a folder rather than a registry id.</summary>
    public static bool LooksLikeFolder(string value) =>
        Directory.Exists(value) || value.Contains('/', StringComparison.Ordinal) || value.Contains('\\', StringComparison.Ordinal);

    private static int Dimensions(JsonElement config, bool siglip)
    {
        if (!siglip && config.TryGetProperty("projection_dim", out var projection))
        {
            return projection.GetInt32();
        }
        return config.TryGetProperty("vision_config", out var vision) && vision.TryGetProperty("hidden_size", out var hidden) ? hidden.GetInt32() : 768;
    }

    // Generated models are named by preset and seed; any other folder by a hash of its config and tower sizes.
    private static (string Id, string Version) Identity(string folder, JsonElement config)
    {
        if (config.TryGetProperty("shoebox_synthetic", out var synthetic))
        {
            return ($"synthetic-{synthetic.GetProperty("preset").GetString()}", $"seed-{synthetic.GetProperty("seed").GetInt32()}");
        }
        using var fingerprint = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        fingerprint.AppendData(File.ReadAllBytes(Path.Combine(folder, "config.json")));
        foreach (var file in Directory.EnumerateFiles(folder, "*.onnx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            // Size and time, not content: hashing hundreds of MB on every command would be too slow.
            fingerprint.AppendData(BitConverter.GetBytes(new FileInfo(file).Length));
            fingerprint.AppendData(BitConverter.GetBytes(File.GetLastWriteTimeUtc(file).Ticks));
        }
        return ($"local-{Path.GetFileName(folder)}", Convert.ToHexStringLower(fingerprint.GetHashAndReset())[..12]);
    }
}
