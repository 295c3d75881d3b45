using Shoebox.Core;

namespace Shoebox.Imaging;

/// <summary>Size and orientation read without decoding pixels. Width and height are as displayed (upright).</summary>
public sealed record ImageHeader(int Width, int Height, int Orientation, ImageFormat Format);
