using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Cli;

/// <summary>
/// A file name holding terminal control characters (ESC retitles the terminal, CR overwrites the line, BEL rings)
/// is printed escaped by every command that shows it, never raw.
/// </summary>
[Tier(Tier.EndToEnd)]
public class ControlCharacterTests(TinyModelFolder tiny) : IClassFixture<TinyModelFolder>
{
    private const string Hostile = "a\u001b]0;owned\u0007\rb";

    private async Task<(TempFolder Temp, string Photo)> LibraryAsync()
    {
        var temp = new TempFolder();
        var photo = TestImages.Png(temp[$"photos/{Hostile}.png"], 40, 30);
        File.Copy(photo, temp[$"photos/{Hostile} copy.png"]);
        var index = await Fixtures.Cli.RunAsync("index", temp["photos"], "--library", temp.Library, "--model", tiny.Path, "--no-ocr");
        Assert.Equal(0, index.ExitCode);
        return (temp, photo);
    }

    private static void AssertEscaped(string output)
    {
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\u0007', output);
        Assert.DoesNotContain('\r', output);
        Assert.Contains(@"a\x1b]0;owned\x07\x0db", output);
    }

    [Theory]
    [InlineData("search", "sort:newest")]
    [InlineData("random")]
    [InlineData("duplicates")]
    public async Task Command_FileNameWithControlCharacters_PrintsThemEscaped(params string[] args)
    {
        var (temp, _) = await LibraryAsync();
        using var _ = temp;

        var result = await Fixtures.Cli.RunAsync([.. args, "--library", temp.Library]);

        Assert.Equal(0, result.ExitCode);
        AssertEscaped(result.Out);
    }

    [Fact]
    public async Task TagsShow_FileNameWithControlCharacters_PrintsThemEscaped()
    {
        var (temp, photo) = await LibraryAsync();
        using var _ = temp;

        var result = await Fixtures.Cli.RunAsync("tags", "show", photo, "--library", temp.Library);
        var unknown = await Fixtures.Cli.RunAsync("tags", "show", photo + "\u001b", "--library", temp.Library);

        Assert.Equal(0, result.ExitCode);
        AssertEscaped(result.Out);
        AssertEscaped(unknown.Error);
    }

    [Fact]
    public async Task Search_Json_KeepsTheNameExactAndEscapedAsJsonDoes()
    {
        var (temp, photo) = await LibraryAsync();
        using var _ = temp;

        var result = await Fixtures.Cli.RunAsync("search", "sort:newest", "--library", temp.Library, "--json");

        Assert.DoesNotContain('\u001b', result.Out);
        Assert.Contains(photo, result.Json.GetProperty("results").EnumerateArray().SelectMany(r => r.GetProperty("paths").EnumerateArray()).Select(p => p.GetString()));
    }
}
