using Shoebox.Cli;
using Shoebox.Cli.Views;
using Shoebox.Indexing;
using Shoebox.Search.Engine;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Cli;

/// <summary>What the commands say, read as a person reads it.</summary>
[Tier(Tier.Unit)]
public class MessageTests
{
    private static SearchResult Result(int id, params string[] paths) => new()
    {
        Id = id,
        Hash = "00",
        Path = paths[0],
        Paths = paths,
        Score = 0.5,
        MatchedBy = ["text"],
        Format = "jpeg",
    };

    [Fact]
    public void ResultsWrite_OneOtherCopy_SaysCopyInTheSingular()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var page = new SearchPage
        {
            Results = [Result(1, "/p/a.jpg", "/p/b.jpg"), Result(2, "/p/c.jpg", "/p/d.jpg", "/p/e.jpg"), Result(3, "/p/f.jpg")],
            Offset = 0,
            HasMore = false,
            Query = "a",
            ScoreKind = "text",
        };

        ResultsView.Write(new CliConsole(output, error, Interactive: false), page, "");

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith("/p/a.jpg  (+1 copy)", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("/p/c.jpg  (+2 copies)", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("/p/f.jpg", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Counted_FirstLineOfAPass_MeasuresBeforeGivingARate()
    {
        var first = ProgressView.Counted(10, 100, seconds: 0.000009, since: 0);
        var later = ProgressView.Counted(30, 100, seconds: 2, since: 20);

        Assert.Equal("10 of 100 photos, measuring the rate", first);
        Assert.Equal("30 of 100 photos, 10.0/s, about 00:00:07 left", later);
    }

    [Fact]
    public async Task Similar_UnknownPhotoId_SaysSoWithoutTheParameterName()
    {
        using var temp = new TempFolder();
        TestImages.Jpeg(temp["photos/a.jpg"]);
        using var tiny = new TinyModelFolder();
        await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library, "--model", tiny.Path, "--no-ocr", "--offline");

        var result = await Fixtures.Cli.RunAsync("similar", "99999", "--library", temp.Library, "--offline");

        Assert.Equal(ExitCodes.CouldNotRun, result.ExitCode);
        Assert.Contains("There is no photo 99999.", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_ModelMissingAsBefore_SaysItInFullOnceThenInALine()
    {
        using var temp = new TempFolder();
        TestImages.Jpeg(temp["photos/a.jpg"]);

        var index = await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library, "--no-ocr", "--offline");
        var first = await Fixtures.Cli.RunAsync("search", "cat", "--library", temp.Library, "--offline");
        var second = await Fixtures.Cli.RunAsync("search", "cat", "--library", temp.Library, "--offline");

        Assert.Contains("download these files", index.Error, StringComparison.Ordinal);
        foreach (var later in new[] { first, second })
        {
            Assert.Equal(0, later.ExitCode);
            Assert.DoesNotContain("download these files", later.Error, StringComparison.Ordinal);
            Assert.Contains("clip-vit-b32 is not installed and downloads are turned off", later.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("still works", later.Error, StringComparison.Ordinal);
            Assert.Contains("text read in the pictures", later.Error, StringComparison.Ordinal);
            Assert.True(later.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 3, later.Error);
        }
    }

    [Fact]
    public async Task Status_FileFailingEveryStage_IsListedOnceAndLongStageNamesStayInColumns()
    {
        using var temp = new TempFolder();
        TestImages.Jpeg(temp["photos/fine.jpg"]);
        TestImages.TruncatedJpeg(temp["photos/truncated.jpg"]);
        using var tiny = new TinyModelFolder();
        await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library, "--model", tiny.Path, "--no-ocr", "--offline");

        var status = await Fixtures.Cli.RunAsync("status", "--library", temp.Library);

        Assert.Equal(0, status.ExitCode);
        var lines = status.Out.Split('\n');
        Assert.Single(lines, l => l.Contains("truncated.jpg", StringComparison.Ordinal));
        // Every row of the stage table ends its last column at the same place, the embedding stage's long name included.
        var table = lines.SkipWhile(l => !l.TrimStart().StartsWith("stage", StringComparison.Ordinal)).TakeWhile(l => l.Length > 0).ToList();
        Assert.Contains(table, l => l.Contains("embed:synthetic-tiny@", StringComparison.Ordinal));
        Assert.Single(table.Select(l => l.TrimEnd().Length).Distinct());
    }
}
