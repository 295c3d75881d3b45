using Shoebox.Cli;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Cli;

/// <summary>Numbers on the command line that are not numbers, too large or not finite: usage errors, never a crash.</summary>
[Tier(Tier.Unit)]
public class NumberOptionTests
{
    [Theory]
    [InlineData("search", "x", "--limit", "abc")]
    [InlineData("search", "x", "--limit", "0")]
    [InlineData("search", "x", "--offset", "99999999999")]
    [InlineData("search", "x", "--offset", "-1")]
    [InlineData("random", "--limit", "1e3")]
    [InlineData("similar", "1", "--offset", "abc")]
    [InlineData("serve", "--rescan-minutes", "1e12")]
    [InlineData("serve", "--rescan-minutes", "NaN")]
    [InlineData("serve", "--rescan-minutes", "abc")]
    [InlineData("index", ".", "--max-megapixels", "1e400")]
    [InlineData("index", ".", "--max-megapixels", "NaN")]
    [InlineData("index", ".", "--max-megapixels", "-Infinity")]
    [InlineData("index", ".", "--max-megapixels", "0")]
    [InlineData("worker", "--batch", "abc")]
    [InlineData("worker", "--lease", "NaN")]
    [InlineData("worker", "--lease", "1e12")]
    [InlineData("caption", "--concurrency", "99999999999")]
    [InlineData("caption", "--timeout", "Infinity")]
    [InlineData("caption", "--retries", "-1")]
    [InlineData("caption", "--limit", "abc")]
    public async Task Run_InvalidNumber_IsAUsageErrorNamingTheOption(params string[] args)
    {
        using var temp = new TempFolder();

        var result = await Fixtures.Cli.RunAsync([.. args, "--library", temp.Library]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(args[^2], result.Error);
        Assert.Contains(args[^1], result.Error);
        Assert.DoesNotContain("   at ", result.Error); // no stack trace
        Assert.False(Directory.Exists(temp.Library)); // nothing ran
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("99999999999999999999")]
    public async Task Similar_NeitherAFileNorAPhotoId_IsAUsageError(string target)
    {
        using var temp = new TempFolder();

        var result = await Fixtures.Cli.RunAsync("similar", target, "--library", temp.Library);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"'{target}' is neither", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Theory]
    [InlineData("search", "x", "--limit", "500", "--offset", "1000000")]
    [InlineData("serve", "--rescan-minutes", "0.5")]
    [InlineData("index", "no-such-folder", "--max-megapixels", "0.5")]
    public async Task Run_NumbersWithinRange_AreAccepted(params string[] args)
    {
        using var temp = new TempFolder();

        var result = await Fixtures.Cli.RunAsync([.. args, "--library", temp.Library]);

        // Past the parser: the command ran, and found no library (or no folder) to work on.
        Assert.Equal(ExitCodes.CouldNotRun, result.ExitCode);
    }
}
