using System.Text.Json;

namespace Shoebox.Catalog;

/// <summary>One line of text read in a photo: its corners (clockwise from top-left, in the photo's upright pixels) and confidence 0..1.</summary>
public sealed record RecognizedLine(string Text, double Confidence, IReadOnlyList<(double X, double Y)> Corners);

public sealed partial class CatalogBatch
{
    public const string OcrKind = "ocr";

    /// <summary>Replaces the lines read in the photo by <paramref name="source"/> (e.g. "pp-ocrv4") with these; none leaves it without text.</summary>
    public void SaveOcr(long photoId, string source, IReadOnlyList<RecognizedLine> lines) => Guard(() =>
    {
        ArgumentNullException.ThrowIfNull(lines);
        RemovePhotoTexts(photoId, OcrKind, source: null);
        foreach (var line in lines)
        {
            var details = JsonSerializer.Serialize(new
            {
                confidence = Math.Round(line.Confidence, 4),
                box = line.Corners.Select(p => new[] { Math.Round(p.X, 1), Math.Round(p.Y, 1) }),
            });
            AddText(photoId, OcrKind, source, line.Text, details, locationId: null);
        }
    });
}
