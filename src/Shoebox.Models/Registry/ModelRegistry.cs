namespace Shoebox.Models.Registry;

/// <summary>The models Shoebox knows by name. `--model DIR` runs any folder in the same layout too.</summary>
public static class ModelRegistry
{
    public const string DefaultId = "clip-vit-b32";

    // The Hugging Face ONNX exports (transformers.js layout) name their towers the same way.
    private static readonly Tower ClipVision = new("onnx/vision_model.onnx", "pixel_values", "image_embeds");
    private static readonly Tower ClipText = new("onnx/text_model.onnx", "input_ids", "text_embeds");

    public static IReadOnlyList<ModelDescriptor> All { get; } =
    [
        new()
        {
            Id = "clip-vit-b32",
            Version = "xenova-fp32-1",
            Description = "OpenAI CLIP ViT-B/32, full precision: the default; fast, good for memes and everyday photos",
            Dimensions = 512,
            Preprocessing = Preprocessing.Clip,
            Tokenizer = TokenizerKind.ClipBpe,
            Vision = ClipVision,
            Text = ClipText,
            Repository = "Xenova/clip-vit-base-patch32",
            Files = [new("onnx/vision_model.onnx"), new("onnx/text_model.onnx")],
            Licence = "MIT (OpenAI CLIP)",
            Source = "https://huggingface.co/Xenova/clip-vit-base-patch32",
        },
        new()
        {
            Id = "clip-vit-b32-quantized",
            Version = "xenova-q8-1",
            Description = "OpenAI CLIP ViT-B/32, 8-bit quantized: a quarter of the download, slightly less precise",
            Dimensions = 512,
            Preprocessing = Preprocessing.Clip,
            Tokenizer = TokenizerKind.ClipBpe,
            Vision = ClipVision with { File = "onnx/vision_model_quantized.onnx" },
            Text = ClipText with { File = "onnx/text_model_quantized.onnx" },
            Repository = "Xenova/clip-vit-base-patch32",
            Files = [new("onnx/vision_model_quantized.onnx", Size: 89_117_001), new("onnx/text_model_quantized.onnx")],
            Licence = "MIT (OpenAI CLIP)",
            Source = "https://huggingface.co/Xenova/clip-vit-base-patch32",
        },
        new()
        {
            Id = "clip-vit-l14",
            Version = "xenova-fp32-1",
            Description = "OpenAI CLIP ViT-L/14: better matches, about 10 times slower than ViT-B/32",
            Dimensions = 768,
            Preprocessing = Preprocessing.Clip,
            Tokenizer = TokenizerKind.ClipBpe,
            Vision = ClipVision,
            Text = ClipText,
            Repository = "Xenova/clip-vit-large-patch14",
            Files = [new("onnx/vision_model.onnx"), new("onnx/text_model.onnx")],
            Licence = "MIT (OpenAI CLIP)",
            Source = "https://huggingface.co/Xenova/clip-vit-large-patch14",
        },
        new()
        {
            Id = "siglip-base-224",
            Version = "xenova-fp32-1",
            Description = "Google SigLIP base patch16 224: better text matching than CLIP at a similar size",
            Dimensions = 768,
            Preprocessing = Preprocessing.Siglip,
            Tokenizer = TokenizerKind.SentencePiece,
            Vision = new("onnx/vision_model.onnx", "pixel_values", "pooler_output"),
            Text = new("onnx/text_model.onnx", "input_ids", "pooler_output"),
            Repository = "Xenova/siglip-base-patch16-224",
            Files = [new("onnx/vision_model.onnx"), new("onnx/text_model.onnx"), new("spiece.model")],
            Licence = "Apache-2.0",
            Source = "https://huggingface.co/google/siglip-base-patch16-224",
        },
        new()
        {
            Id = "siglip-base-256-multilingual",
            Version = "xenova-fp32-1",
            Description = "Google SigLIP base patch16 256, multilingual: search in many languages",
            Dimensions = 768,
            Preprocessing = Preprocessing.Siglip,
            ImageSize = 256,
            Tokenizer = TokenizerKind.SentencePiece,
            Vision = new("onnx/vision_model.onnx", "pixel_values", "pooler_output"),
            Text = new("onnx/text_model.onnx", "input_ids", "pooler_output"),
            Repository = "Xenova/siglip-base-patch16-256-multilingual",
            Files = [new("onnx/vision_model.onnx"), new("onnx/text_model.onnx"), new("spiece.model")],
            Licence = "Apache-2.0",
            Source = "https://huggingface.co/google/siglip-base-patch16-256-multilingual",
        },
        new()
        {
            Id = "resnet18-imagenet",
            // Centred (see Centre): "mlnet-0.23.1" was the same export uncentred; its vectors are made again by the next index.
            Version = "mlnet-0.23.1-centred-1",
            Description = "ResNet-18 (ImageNet) image features: works offline, finds similar images; no text search",
            Dimensions = 512,
            Preprocessing = Preprocessing.ImageNet,
            Tokenizer = TokenizerKind.None,
            // A CNTK export with a fixed batch of one; its output is [1, 512, 1, 1].
            Vision = new("ResNet18.onnx", "Input247", "Pooling395_Output_0"),
            Files = [new("ResNet18.onnx", Size: 63_653_533)],
            // Its features are all non-negative: raw, any two memes score 0.58 to 0.93 (p5 to p95) and "more like
            // this" keeps 99 of 100 candidates; centred, -0.28 to 0.66 and a median of 33 (bench centring).
            Centre = ModelCentres.Load("resnet18-imagenet-centre.txt"),
            Licence = "MIT (shipped in the Microsoft.ML.DnnImageFeaturizer.ResNet18 NuGet package)",
            Source = "https://www.nuget.org/packages/Microsoft.ML.DnnImageFeaturizer.ResNet18",
        },
    ];

    public static ModelDescriptor? Find(string id) =>
        All.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase));
}
