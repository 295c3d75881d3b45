using Microsoft.Data.Sqlite;
using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Indexing;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Indexing;

/// <summary>XMP sidecars beside walked images: read at every run, their words searchable, their loss noticed.</summary>
[Tier(Tier.Unit)]
public class SidecarIndexingTests
{
    private const string Sidecar = """
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
          <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
                xmlns:lr="http://ns.adobe.com/lightroom/1.0/" xmp:Rating="4">
              <dc:subject><rdf:Bag><rdf:li>harbour</rdf:li><rdf:li>Lisbon</rdf:li></rdf:Bag></dc:subject>
              <lr:hierarchicalSubject><rdf:Bag><rdf:li>Places|Portugal|Lisbon</rdf:li></rdf:Bag></lr:hierarchicalSubject>
              <dc:description><rdf:Alt><rdf:li xml:lang="x-default">Boats at dusk</rdf:li></rdf:Alt></dc:description>
            </rdf:Description>
          </rdf:RDF>
        </x:xmpmeta>
        """;

    private static Task<IndexSummary> IndexAsync(TempFolder temp) =>
        new Indexer(new IndexingPipeline(new Library(temp.Library))).RunAsync(new IndexTargets([temp["photos"]]), CancellationToken.None);

    private static List<string> Texts(TempFolder temp)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(temp.Library, PhotoCatalog.FileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind || ' ' || content FROM texts WHERE source = 'xmp' ORDER BY kind, content";
        using var reader = command.ExecuteReader();
        var texts = new List<string>();
        while (reader.Read())
        {
            texts.Add(reader.GetString(0));
        }
        return texts;
    }

    [Fact]
    public async Task Index_ImageWithSidecar_KeywordsCaptionAndRatingAreKept()
    {
        using var temp = new TempFolder();
        TestImages.Jpeg(temp["photos/IMG_1.jpg"]);
        File.WriteAllText(temp["photos/IMG_1.jpg.xmp"], Sidecar);

        var summary = await IndexAsync(temp);

        Assert.Equal((1, 0), (summary.New, summary.Failed));
        Assert.Equal(["description Boats at dusk", "keyword Lisbon", "keyword harbour"], Texts(temp));
        await using var catalog = await new Library(temp.Library).OpenAsync();
        Assert.Single(await catalog.Photos.ListAsync(new PhotoFilter { MinRating = 4 }, PhotoOrder.Newest, 0, 10));
    }

    [Fact]
    public async Task Index_SidecarEditedOrDeleted_CatalogFollowsWithoutReadingTheImageAgain()
    {
        using var temp = new TempFolder();
        TestImages.Jpeg(temp["photos/IMG_1.jpg"]);
        File.WriteAllText(temp["photos/IMG_1.jpg.xmp"], Sidecar);
        await IndexAsync(temp);

        File.WriteAllText(temp["photos/IMG_1.jpg.xmp"], Sidecar.Replace("harbour", "ferry", StringComparison.Ordinal));
        var edited = await IndexAsync(temp);
        var afterEdit = Texts(temp);
        File.Delete(temp["photos/IMG_1.jpg.xmp"]);
        await IndexAsync(temp);

        Assert.Equal((1, 0), (edited.Unchanged, edited.Hashed));
        Assert.Equal(["description Boats at dusk", "keyword Lisbon", "keyword ferry"], afterEdit);
        Assert.Empty(Texts(temp));
    }

    [Fact]
    public async Task Index_DamagedSidecar_IsReportedAndTheImageIndexedWithoutIt()
    {
        using var temp = new TempFolder();
        TestImages.Jpeg(temp["photos/IMG_1.jpg"]);
        File.WriteAllText(temp["photos/IMG_1.jpg.xmp"], "<x:xmpmeta><rdf:RDF");

        var summary = await IndexAsync(temp);

        Assert.Equal(1, summary.New);
        var failure = Assert.Single(summary.Failures);
        Assert.Equal(temp["photos/IMG_1.jpg.xmp"], failure.Path);
        Assert.StartsWith("sidecar ignored: ", failure.Reason, StringComparison.Ordinal);
        Assert.Empty(Texts(temp));
    }
}
