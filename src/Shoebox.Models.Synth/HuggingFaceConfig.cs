using System.Text.Json;

namespace Shoebox.Models.Synth;

/// <summary>
/// The two JSON files a Hugging Face CLIP folder carries, reduced to what loaders read, plus a marker that says
/// the weights are synthetic so nobody mistakes the folder for a real model.
/// </summary>
internal static class HuggingFaceConfig
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    public static void Write(ClipPreset preset, string directory, int seed)
    {
        WriteJson(Path.Combine(directory, "config.json"), json => Config(json, preset, seed));
        WriteJson(Path.Combine(directory, "preprocessor_config.json"), json => Preprocessor(json, preset));
    }

    private static void Config(Utf8JsonWriter json, ClipPreset preset, int seed)
    {
        json.WriteString("model_type", "clip");
        json.WriteNumber("projection_dim", preset.EmbedDim);

        json.WriteStartObject("vision_config");
        json.WriteNumber("image_size", preset.ImageSize);
        json.WriteNumber("patch_size", preset.PatchSize);
        Tower(json, preset.Vision);
        json.WriteEndObject();

        json.WriteStartObject("text_config");
        json.WriteNumber("max_position_embeddings", ClipPreset.ContextLength);
        json.WriteNumber("vocab_size", ClipPreset.VocabSize);
        json.WriteNumber("bos_token_id", 49406);
        json.WriteNumber("eos_token_id", 49407);
        Tower(json, preset.Text);
        json.WriteEndObject();

        json.WriteStartObject("shoebox_synthetic");
        json.WriteString("preset", preset.Name);
        json.WriteNumber("seed", seed);
        json.WriteEndObject();
    }

    private static void Tower(Utf8JsonWriter json, TowerShape shape)
    {
        json.WriteNumber("hidden_size", shape.Width);
        json.WriteNumber("intermediate_size", shape.MlpWidth);
        json.WriteNumber("num_attention_heads", shape.Heads);
        json.WriteNumber("num_hidden_layers", shape.Layers);
        json.WriteString("hidden_act", "quick_gelu");
    }

    private static void Preprocessor(Utf8JsonWriter json, ClipPreset preset)
    {
        json.WriteStartObject("crop_size");
        json.WriteNumber("height", preset.ImageSize);
        json.WriteNumber("width", preset.ImageSize);
        json.WriteEndObject();
        json.WriteBoolean("do_center_crop", true);
        json.WriteBoolean("do_convert_rgb", true);
        json.WriteBoolean("do_normalize", true);
        json.WriteBoolean("do_rescale", true);
        json.WriteBoolean("do_resize", true);
        WriteArray(json, "image_mean", [0.48145466, 0.4578275, 0.40821073]);
        json.WriteString("image_processor_type", "CLIPImageProcessor");
        WriteArray(json, "image_std", [0.26862954, 0.26130258, 0.27577711]);
        // 3 is PIL's BICUBIC.
        json.WriteNumber("resample", 3);
        json.WriteNumber("rescale_factor", 1 / 255.0);
        json.WriteStartObject("size");
        json.WriteNumber("shortest_edge", preset.ImageSize);
        json.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter json, string name, double[] values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteNumberValue(value);
        }
        json.WriteEndArray();
    }

    private static void WriteJson(string path, Action<Utf8JsonWriter> body)
    {
        using var file = File.Create(path);
        using var json = new Utf8JsonWriter(file, Indented);
        json.WriteStartObject();
        body(json);
        json.WriteEndObject();
        json.Flush();
        file.WriteByte((byte)'\n');
    }
}
