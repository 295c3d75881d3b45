using Shoebox.Models.Synth;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Shoebox.Models.Faces;

/// <summary>
/// dlib's face recognition ResNet as an ONNX graph, with the weights of the TensorFlow.js port in @vladmandic/face-api.
/// chips [N,3,150,150] (RGB, mean taken off and divided by 255: see <see cref="FaceDescriber"/>) -> descriptors [N,128].
/// A 7x7 stride-2 stem and a 3x3 max pool, then 14 residual blocks of two 3x3 convolutions at 32, 64, 128 and 256
/// channels (the first of each width, and a last one, halving the size), an average over the remaining cells and one
/// fully connected layer. Each convolution of the original is followed by a per-channel scale and shift (dlib's
/// affine layer in place of batch norm); those are folded into the convolution's weights here.
/// </summary>
internal static class DescriptorNetwork
{
    public const string Input = "chips";
    public const string Output = "descriptors";

    private static readonly (string Name, int Channels, bool Down)[] Blocks =
    [
        ("conv32_1", 32, false), ("conv32_2", 32, false), ("conv32_3", 32, false),
        ("conv64_down", 64, true), ("conv64_1", 64, false), ("conv64_2", 64, false), ("conv64_3", 64, false),
        ("conv128_down", 128, true), ("conv128_1", 128, false), ("conv128_2", 128, false),
        ("conv256_down", 256, true), ("conv256_1", 256, false), ("conv256_2", 256, false),
        ("conv256_down_out", 256, true),
    ];

    public static void Write(TfjsWeights weights, string path)
    {
        var graph = new GraphBuilder("dlib_face_recognition_resnet");
        var builder = new Builder(graph, weights);
        var x = graph.Input(Input, DataType.Float, "batch_size", 3, FaceDescriber.ChipSize, FaceDescriber.ChipSize);

        graph.Scope = "conv32_down";
        var side = (FaceDescriber.ChipSize - 7) / 2 + 1;
        x = builder.Conv(x, "conv32_down", 3, 32, kernel: 7, down: true, relu: true);
        x = graph.Node("MaxPool", [x], OnnxAttributes.Ints("kernel_shape", 3, 3), OnnxAttributes.Ints("strides", 2, 2));
        side = (side - 3) / 2 + 1;

        var channels = 32;
        foreach (var (name, width, down) in Blocks)
        {
            graph.Scope = name;
            (x, side) = down ? builder.ResidualDown(x, name, channels, width, side) : (builder.Residual(x, name, width), side);
            channels = width;
        }

        graph.Scope = "fc";
        var pooled = graph.Node("GlobalAveragePool", [x]);
        var flat = graph.Node("Flatten", [pooled], OnnxAttributes.Int("axis", 1));
        var fc = graph.Given("fc", [256, FaceDescriber.Length], weights.Get("fc", 256, FaceDescriber.Length));
        var descriptors = graph.Node("MatMul", [flat, fc]);
        graph.Output(descriptors, Output, DataType.Float, "batch_size", FaceDescriber.Length);
        StreamingModelWriter.Write(path, graph, seed: 0, producer: "shoebox-faces");
    }

    private sealed class Builder(GraphBuilder graph, TfjsWeights weights)
    {
        public string Residual(string x, string name, int channels)
        {
            var y = Conv(x, name + "/conv1", channels, channels, kernel: 3, down: false, relu: true);
            y = Conv(y, name + "/conv2", channels, channels, kernel: 3, down: false, relu: false);
            return graph.Node("Relu", [graph.Node("Add", [y, x])]);
        }

        /// <summary>
        /// Halves the size: the convolutions' path shrinks by a stride-2 "valid" convolution, the shortcut by a 2x2
        /// average pool, widened with zero channels. Where the two disagree by a cell (odd sizes), the original pads
        /// the convolutions' path with zeros at the bottom and right; so does this.
        /// </summary>
        public (string Output, int Side) ResidualDown(string x, string name, int inChannels, int channels, int side)
        {
            var y = Conv(x, name + "/conv1", inChannels, channels, kernel: 3, down: true, relu: true);
            y = Conv(y, name + "/conv2", channels, channels, kernel: 3, down: false, relu: false);
            var convSide = (side - 3) / 2 + 1;
            var poolSide = side / 2;
            if (convSide != poolSide)
            {
                y = graph.Node("Pad", [y, graph.Int64s(name + "/pad_cells", 0, 0, 0, 0, 0, 0, poolSide - convSide, poolSide - convSide)]);
            }
            var shortcut = graph.Node("AveragePool", [x], OnnxAttributes.Ints("kernel_shape", 2, 2), OnnxAttributes.Ints("strides", 2, 2));
            if (channels != inChannels)
            {
                shortcut = graph.Node("Pad", [shortcut, graph.Int64s(name + "/pad_channels", 0, 0, 0, 0, 0, channels - inChannels, 0, 0)]);
            }
            return (graph.Node("Relu", [graph.Node("Add", [shortcut, y])]), poolSide);
        }

        /// <summary>
        /// conv + bias, then scale and shift per channel, as one convolution: (conv(x, W) + b) * s + t equals
        /// conv(x, W * s) + (b * s + t). TensorFlow's [kh, kw, in, out] filters become ONNX's [out, in, kh, kw].
        /// 3x3 stride-1 convolutions keep the size ("same": one cell of zeros around); stride 2 ones pad nothing.
        /// </summary>
        public string Conv(string x, string name, int inChannels, int outChannels, int kernel, bool down, bool relu)
        {
            var filters = weights.Get(name + "/conv/filters", kernel, kernel, inChannels, outChannels);
            var bias = weights.Get(name + "/conv/bias", outChannels);
            var scale = weights.Get(name + "/scale/weights", outChannels);
            var shift = weights.Get(name + "/scale/biases", outChannels);
            var folded = new float[filters.Length];
            for (var o = 0; o < outChannels; o++)
            {
                for (var i = 0; i < inChannels; i++)
                {
                    for (var h = 0; h < kernel; h++)
                    {
                        for (var w = 0; w < kernel; w++)
                        {
                            folded[(((o * inChannels) + i) * kernel + h) * kernel + w] = filters[((h * kernel + w) * inChannels + i) * outChannels + o] * scale[o];
                        }
                    }
                }
            }
            var foldedBias = new float[outChannels];
            for (var o = 0; o < outChannels; o++)
            {
                foldedBias[o] = (bias[o] * scale[o]) + shift[o];
            }
            var pad = down ? 0 : kernel / 2;
            var y = graph.Node("Conv",
                [x, graph.Given(name + "/weight", [outChannels, inChannels, kernel, kernel], folded), graph.Given(name + "/bias", [outChannels], foldedBias)],
                OnnxAttributes.Ints("kernel_shape", kernel, kernel),
                OnnxAttributes.Ints("strides", down ? 2 : 1, down ? 2 : 1),
                OnnxAttributes.Ints("pads", pad, pad, pad, pad));
            return relu ? graph.Node("Relu", [y]) : y;
        }
    }
}
