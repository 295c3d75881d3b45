using System.Text.RegularExpressions;
using Shoebox.Cli;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Cli;

/// <summary>`shoebox worker` leaves a log a person can read: timestamped lines on the error stream, and in a --log file.</summary>
[Tier(Tier.Unit)]
public partial class WorkerLogTests(TinyModelFolder tiny) : IClassFixture<TinyModelFolder>
{
    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (info |warn |error) [A-Za-z]+: ")]
    private static partial Regex LogLine();

    private async Task<string> ScanAsync(TempFolder temp)
    {
        for (var i = 0; i < 3; i++)
        {
            TestImages.Jpeg(temp[$"photos/{i}.jpg"]);
        }
        var scan = await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library, "--scan-only", "--model", tiny.Path, "--no-ocr", "--no-faces", "--json");
        Assert.True(scan.ExitCode == 0, scan.Error);
        return temp.Library;
    }

    [Fact]
    public async Task Worker_LogFile_HoldsTimestampedLinesOfTheModelTheBatchesAndTheEnd()
    {
        using var temp = new TempFolder();
        var library = await ScanAsync(temp);
        File.WriteAllText(temp["worker.log"], "an earlier run's line\n");

        var result = await Fixtures.Cli.RunAsync("worker", "--library", library, "--model", tiny.Path, "--no-ocr", "--no-faces", "--offline", "--log", temp["worker.log"], "--json");
        var lines = File.ReadAllLines(temp["worker.log"]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("an earlier run's line", lines[0]);
        Assert.All(lines.Skip(1), line => Assert.Matches(LogLine(), line));
        Assert.Contains(lines, line => line.Contains(" ModelLoaded: Model synthetic-tiny", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains(" BatchDone: Batch 1: 3 of 3 photos done", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains(" WorkerFinished: ", StringComparison.Ordinal));
        Assert.Equal(lines.Skip(1), result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => LogLine().IsMatch(l)));
    }

    [Fact]
    public async Task Worker_LogFileCannotBeWritten_SaysSoAndDoesNoWork()
    {
        using var temp = new TempFolder();
        var library = await ScanAsync(temp);

        var result = await Fixtures.Cli.RunAsync("worker", "--library", library, "--model", tiny.Path, "--no-ocr", "--no-faces", "--log", temp["missing/worker.log"], "--json");
        var status = (await Fixtures.Cli.RunAsync("status", "--library", library, "--json")).Json;

        Assert.Equal(ExitCodes.CouldNotRun, result.ExitCode);
        Assert.Contains("cannot write the log to", result.Error, StringComparison.Ordinal);
        Assert.Equal(3, status.GetProperty("pending").GetProperty("thumbnails").GetInt32());
    }
}
