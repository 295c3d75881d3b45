namespace Shoebox.Models.Ocr;

/// <summary>The text detector's work: how often it ran and how many input pixels it saw (its cost grows with them).</summary>
public readonly record struct OcrWork(long DetectorRuns, long DetectorPixels)
{
    public static OcrWork operator -(OcrWork after, OcrWork before) =>
        new(after.DetectorRuns - before.DetectorRuns, after.DetectorPixels - before.DetectorPixels);
}
