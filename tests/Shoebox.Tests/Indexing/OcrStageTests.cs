using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Indexing;
using Shoebox.Models.Ocr;
using Shoebox.Tests.Fixtures;
using Shoebox.Tests.Models.Ocr;

namespace Shoebox.Tests.Indexing;

[Tier(Tier.Ocr)]
public sealed class OcrStageTests(OcrModelsFixture models) : IClassFixture<OcrModelsFixture>
{
    private static Task<IndexSummary> IndexAsync(TempFolder temp, string root, OcrEngine? reader, bool readText = true) =>
        new Indexer(new IndexingPipeline(new Library(temp.Library), new IndexSettings { ReadText = readText }, new IndexingServices { TextReader = reader }))
            .RunAsync(new IndexTargets([root]), CancellationToken.None);

    private static string MakePhotos(TempFolder temp)
    {
        var root = temp.Folder("photos");
        TextPictures.SaveJpeg(TextPictures.Meme("DejaVu Sans Condensed Bold 64", "ONE DOES NOT SIMPLY", "WALK INTO MORDOR", 1600, 1200), temp["photos/meme.jpg"]);
        TextPictures.SaveJpeg(TextPictures.Blank(1600, 1200), temp["photos/beach.jpg"]);
        return root;
    }

    [Fact]
    public async Task Index_PhotoWithText_LinesStoredSearchableAndBoxesInPhotoPixels()
    {
        using var temp = new TempFolder();
        var root = MakePhotos(temp);

        await IndexAsync(temp, root, models.Engine);
        await using var catalog = await new Library(temp.Library).OpenAsync();

        var hits = await catalog.Texts.MatchAsync([new TextTerm("mordor", false)], 10);
        Assert.Single(hits);
        Assert.Single(await catalog.Photos.FilterAsync(new PhotoFilter { HasText = true }));
        Assert.Equal(new StageCounts(0, 2, 0), (await catalog.GetStatusAsync()).Stages[Stages.Ocr]);
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(temp.Library, PhotoCatalog.FileName)};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT source, details FROM texts WHERE kind = 'ocr' ORDER BY id DESC LIMIT 1";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("pp-ocrv4", reader.GetString(0));
        using var details = System.Text.Json.JsonDocument.Parse(reader.GetString(1));
        Assert.InRange(details.RootElement.GetProperty("confidence").GetDouble(), 0.5, 1);
        var bottomY = details.RootElement.GetProperty("box")[2][1].GetDouble();
        Assert.InRange(bottomY, 1100, 1200); // the bottom line, in the 1600 x 1200 photo's pixels (not the 1280 px preview's)
    }

    [Fact]
    public async Task Index_OcrModelsUnavailable_StagePendingUntilARunHasThem()
    {
        using var temp = new TempFolder();
        var root = MakePhotos(temp);

        await IndexAsync(temp, root, reader: null);
        StageCounts pending;
        await using (var catalog = await new Library(temp.Library).OpenAsync())
        {
            pending = (await catalog.GetStatusAsync()).Stages[Stages.Ocr];
        }
        var later = await IndexAsync(temp, root, models.Engine);
        await using var after = await new Library(temp.Library).OpenAsync();

        Assert.Equal(new StageCounts(2, 0, 0), pending);
        Assert.Equal(2, later.Processed);
        Assert.Equal(new StageCounts(0, 2, 0), (await after.GetStatusAsync()).Stages[Stages.Ocr]);
    }

    [Fact]
    public async Task Index_ReadTextOff_NoOcrStage()
    {
        using var temp = new TempFolder();
        var root = MakePhotos(temp);

        await IndexAsync(temp, root, models.Engine, readText: false);
        await using var catalog = await new Library(temp.Library).OpenAsync();

        Assert.False((await catalog.GetStatusAsync()).Stages.ContainsKey(Stages.Ocr));
        Assert.Empty(await catalog.Photos.FilterAsync(new PhotoFilter { HasText = true }));
    }
}
