using System.Text.Json.Serialization;

namespace Shoebox.Indexing;

/// <summary>Where a run is: walking, making what search needs (thumbnails, vectors), then reading text.</summary>
/// <remarks>Named in JSON as the web page reads them ("processing"), not numbered.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<IndexPhase>))]
public enum IndexPhase
{
    [JsonStringEnumMemberName("scanning")]
    Scanning,

    [JsonStringEnumMemberName("processing")]
    Processing,

    [JsonStringEnumMemberName("reading")]
    Reading,

    [JsonStringEnumMemberName("finished")]
    Finished,
}

/// <summary>
/// A moment's view of a run, for progress bars. Processing counts photos given what search needs; reading counts
/// photos whose text is read, in a second pass so that a large first index is searchable long before it ends.
/// </summary>
public sealed record IndexProgress(
    IndexPhase Phase,
    int FilesFound,
    int FilesChecked,
    int PhotosToProcess,
    int PhotosProcessed,
    int Failed)
{
    public int PhotosToRead { get; init; }

    public int PhotosRead { get; init; }
}
