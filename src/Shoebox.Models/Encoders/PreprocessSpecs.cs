using Shoebox.Models.Preprocessing;
using Shoebox.Models.Registry;

namespace Shoebox.Models.Encoders;

internal static class PreprocessSpecs
{
    // torchvision's ImageNet normalisation, which the ResNet-18 export was trained with.
    private static readonly float[] ImageNetMean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] ImageNetStd = [0.229f, 0.224f, 0.225f];

    public static PreprocessSpec For(ModelDescriptor model) => model.Preprocessing switch
    {
        Registry.Preprocessing.Clip => Sized(PreprocessSpec.Clip, model.ImageSize),
        Registry.Preprocessing.Siglip => Sized(PreprocessSpec.Siglip, model.ImageSize),
        _ => new PreprocessSpec(model.ImageSize, ResizeMode.ShortestSideCenterCrop, Interpolation.Bilinear, ImageNetMean, ImageNetStd),
    };

    private static PreprocessSpec Sized(PreprocessSpec spec, int size) =>
        spec.Size == size ? spec : new PreprocessSpec(size, spec.Mode, spec.Interpolation, spec.Mean, spec.Std);
}
