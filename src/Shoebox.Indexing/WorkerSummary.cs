using System.Text.Json;

namespace Shoebox.Indexing;

/// <summary>What one worker did. Scripts read these names; keep them.</summary>
public sealed record WorkerSummary(
    string Worker, int Batches, int Processed, int Failed, int LostToOthers, int Reconnects, bool Interrupted, double ElapsedSeconds)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
