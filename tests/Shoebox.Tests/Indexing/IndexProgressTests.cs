using System.Text.Json;
using Shoebox.Indexing;

namespace Shoebox.Tests.Indexing;

[Tier(Tier.Unit)]
public sealed class IndexProgressTests
{
    [Fact]
    public void Serialize_AsTheWebApiDoes_PhaseIsNamedNotNumbered()
    {
        var progress = new IndexProgress(IndexPhase.Reading, 10, 10, 4, 4, 0) { PhotosToRead = 4, PhotosRead = 1 };

        var json = JsonSerializer.Serialize(progress, JsonSerializerOptions.Web);

        Assert.Contains("\"phase\":\"reading\"", json, StringComparison.Ordinal);
        Assert.Contains("\"photosToRead\":4", json, StringComparison.Ordinal);
    }
}
