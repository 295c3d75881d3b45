using System.IO.Compression;
using System.Text.Json;
using NetVips;
using Shoebox.Core;
using Shoebox.Imaging;

namespace Shoebox.Bench;

/// <summary>A word painted into a photo; <paramref name="Height"/>: its capitals' height as a share of the photo's shorter side.</summary>
internal sealed record SceneWord(string Text, double Height)
{
    /// <summary>
    /// Readable without zooming: capitals at least 1% of the shorter side, about 9 screen pixels when the whole photo
    /// fills a phone's screen. Smaller words are fine print, scored apart.
    /// </summary>
    public bool Legible => Height >= 0.01;
}

internal sealed record ScenePhoto(string File, string Base, IReadOnlyList<SceneWord> Words, IReadOnlyList<SignBounds> Signs);

/// <summary>
/// Camera photos with text in the scene and the words as truth: the EXIF samples' photos of 3 MP and more, each with
/// signs painted in (panels plain, coloured or textured, or letters on the wall; capitals from 0.5% to 7% of the
/// shorter side; turned, slanted, arched, shaded). Made once into a folder (truth.json beside the JPEGs), from fixed
/// seeds, so every run scores the same photos.
/// </summary>
internal static class SceneTextSet
{
    private const string TruthFile = "truth.json";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly double[] Heights = [0.005, 0.007, 0.01, 0.014, 0.02, 0.03, 0.045, 0.07];
    private static readonly string[] Fonts =
    [
        "DejaVu Sans Bold", "Liberation Sans Bold", "Liberation Serif", "DejaVu Sans Condensed", "Liberation Sans Narrow Bold",
        "DejaVu Serif Bold", "Liberation Sans", "DejaVu Sans",
    ];

    public static List<ScenePhoto> Ensure(string folder, string samples, int variants)
    {
        var truth = Path.Combine(folder, TruthFile);
        if (File.Exists(truth))
        {
            return JsonSerializer.Deserialize<List<ScenePhoto>>(File.ReadAllText(truth))!;
        }
        Directory.CreateDirectory(folder);
        var decoder = new ImageDecoder(new DecodeOptions());
        var words = new Queue<string>(Vocabulary());
        var random = new Random(19);
        var photos = new List<ScenePhoto>();
        foreach (var path in Bases(decoder, samples))
        {
            var header = decoder.ReadHeader(path);
            var original = decoder.Decode(path, header, Math.Max(header.Width, header.Height), Fit.Within);
            for (var v = 0; v < variants; v++)
            {
                var pixels = (byte[])original.Pixels.Clone();
                var (width, height) = (original.Width, original.Height);
                var placed = new List<(double X0, double Y0, double X1, double Y1)>();
                var truthWords = new List<SceneWord>();
                var signBounds = new List<SignBounds>();
                // One size of lettering per photo, so that what the gate lets through can be told per size.
                var share = Heights[photos.Count % Heights.Length];
                var signs = random.Next(1, 4);
                // A sign that finds no room is tried again with fewer words (a photo needs one at least); its words are
                // not used.
                for (var s = 0; s < signs || (truthWords.Count == 0 && s < 20); s++)
                {
                    var cap = share * Math.Min(width, height);
                    var lines = Lines(random, words, share, cap, width, fewest: s >= signs);
                    var footprint = Footprint(lines, cap);
                    if (Place(random, placed, footprint, width, height) is not { } centre)
                    {
                        continue;
                    }
                    signBounds.Add(new SceneSign(lines, Fonts[random.Next(Fonts.Length)], cap, (SignStyle)random.Next(4), centre,
                        Angle: (random.NextDouble() - 0.5) * 0.42,
                        Slant: (random.Next(2) == 0 ? -1 : 1) * random.NextDouble() * (random.Next(2) == 0 ? 0.1 : 0.35),
                        Bend: random.NextDouble() < 0.3 ? (random.NextDouble() - 0.5) * 0.3 : 0,
                        Shade: random.NextDouble() < 0.4 ? 0.3 + (random.NextDouble() * 0.25) : 0,
                        Seed: random.Next()).PaintInto(pixels, width, height));
                    truthWords.AddRange(lines.SelectMany(l => l.Split(' ')).Select(w => new SceneWord(w.ToLowerInvariant(), share)));
                }
                var name = $"{Path.GetFileName(path).Replace('.', '-')}--{v}.jpg";
                using (var image = Image.NewFromMemory(pixels, width, height, 3, Enums.BandFormat.Uchar))
                {
                    image.Jpegsave(Path.Combine(folder, name), q: 90);
                }
                photos.Add(new ScenePhoto(name, Path.GetFileName(path), truthWords, signBounds));
            }
        }
        File.WriteAllText(truth, JsonSerializer.Serialize(photos, Indented));
        return photos;
    }

    // Photos of 3 MP and more that decode: the camera-size part of the samples.
    private static IEnumerable<string> Bases(ImageDecoder decoder, string samples) =>
        Directory.EnumerateFiles(samples, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".jpg" or ".jpeg" or ".heic" or ".heif")
            .Order(StringComparer.Ordinal)
            .Where(f =>
            {
                try
                {
                    var header = decoder.ReadHeader(f);
                    return (long)header.Width * header.Height >= 3_000_000 && decoder.Decode(f, header, 64, Fit.Within).Width > 0;
                }
                catch (Exception e) when (e is BadImageException or IOException)
                {
                    return false;
                }
            });

    // Big lettering is a word or two (a shop's name); small print runs to a few lines (a label, a note, a menu).
    private static List<string> Lines(Random random, Queue<string> words, double share, double cap, int width, bool fewest)
    {
        var (count, perLine) = fewest ? (1, 1)
            : share >= 0.03 ? (1, random.Next(1, 3)) : share >= 0.01 ? (random.Next(1, 3), random.Next(1, 4)) : (random.Next(2, 4), random.Next(2, 4));
        var casing = random.Next(4);
        var lines = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var line = new List<string>();
            for (var j = 0; j < perLine; j++)
            {
                var word = words.Peek();
                var text = casing switch { 0 or 1 => word.ToUpperInvariant(), 2 => char.ToUpperInvariant(word[0]) + word[1..], _ => word };
                if (line.Count > 0 && (string.Join(' ', line).Length + 1 + text.Length) * 0.7 * cap > 0.8 * width)
                {
                    break;
                }
                line.Add(text);
                words.Dequeue();
            }
            lines.Add(string.Join(' ', line));
        }
        return lines;
    }

    private static (double Width, double Height) Footprint(List<string> lines, double cap) =>
        ((lines.Max(l => l.Length) * 0.75 * cap) + (1.6 * cap), (lines.Count * 1.9 * cap) + (1.6 * cap));

    private static (double X, double Y)? Place(Random random, List<(double X0, double Y0, double X1, double Y1)> placed, (double Width, double Height) size, int width, int height)
    {
        // Room for a turn of 12 degrees either way.
        var (w, h) = ((size.Width * 1.05) + (size.Height * 0.2), (size.Height * 1.05) + (size.Width * 0.2));
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (w > width * 0.95 || h > height * 0.95)
            {
                return null;
            }
            var (x, y) = ((w / 2) + (random.NextDouble() * (width - w)), (h / 2) + (random.NextDouble() * (height - h)));
            var box = (x - (w / 2), y - (h / 2), x + (w / 2), y + (h / 2));
            if (placed.All(p => box.Item3 < p.X0 || box.Item1 > p.X1 || box.Item4 < p.Y0 || box.Item2 > p.Y1))
            {
                placed.Add(box);
                return (x, y);
            }
        }
        return null;
    }

    // Ordinary English words of 4 to 9 letters from the list the OCR code ships, in a fixed random order: each used once.
    private static List<string> Vocabulary()
    {
        var path = SharedData.Find("src/Shoebox.Models/Ocr/Data/english-words.txt.gz")
            ?? throw new InvalidOperationException("run the bench from the checkout: it reads src/Shoebox.Models/Ocr/Data/english-words.txt.gz");
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length is >= 4 and <= 9 && line.All(char.IsAsciiLetterLower))
            {
                words.Add(line);
            }
        }
        new Random(3).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(words));
        return words;
    }
}
