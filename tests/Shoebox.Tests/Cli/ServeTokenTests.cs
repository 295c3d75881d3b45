using Shoebox.Cli;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Cli;

/// <summary>Where `serve` takes its access token from: an option everyone sees in `ps`, a file, or the environment.</summary>
[Tier(Tier.Unit)]
public sealed class ServeTokenTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Resolve_TokenFile_ReadsItsLineAndSaysWhereItCameFrom()
    {
        var file = _temp["token"];
        File.WriteAllText(file, "0123456789abcdef0123456789abcdef\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var choice = ServeToken.Resolve(null, file, "from-the-environment-not-used");

        Assert.Equal("0123456789abcdef0123456789abcdef", choice.Token);
        Assert.Equal($"--token-file {file}", choice.Origin);
        Assert.Null(choice.Warning);
    }

    [Fact]
    public void Resolve_TokenFileOthersCanRead_WarnsHowToMakeItPrivate()
    {
        var file = _temp["token"];
        File.WriteAllText(file, "0123456789abcdef0123456789abcdef");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var choice = ServeToken.Resolve(null, file, null);

        Assert.Contains($"chmod 600 {file}", choice.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Environment_IsUsedWithoutAnOption()
    {
        var choice = ServeToken.Resolve(null, null, " 0123456789abcdef0123456789abcdef ");

        Assert.Equal("0123456789abcdef0123456789abcdef", choice.Token);
        Assert.Equal("SHOEBOX_TOKEN", choice.Origin);
        Assert.Null(choice.Warning);
    }

    [Fact]
    public void Resolve_TokenOption_WarnsThatOthersSeeIt()
    {
        var choice = ServeToken.Resolve("0123456789abcdef0123456789abcdef", null, null);

        Assert.Equal("--token", choice.Origin);
        Assert.Contains("ps", choice.Warning, StringComparison.Ordinal);
        Assert.Contains("SHOEBOX_TOKEN", choice.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Nothing_LeavesTheTokenToBeMade()
    {
        Assert.Null(ServeToken.Resolve(null, null, "").Token);
    }

    [Theory]
    [InlineData(true, "")]
    [InlineData(false, "")]
    [InlineData(false, "one\ntwo")]
    public void Resolve_BothOptionsOrAFileWithoutOneToken_IsRefused(bool alsoOption, string content)
    {
        var file = _temp["token"];
        File.WriteAllText(file, content);

        var error = Assert.Throws<ArgumentException>(() => ServeToken.Resolve(alsoOption ? "0123456789abcdef0123456789abcdef" : null, file, null));

        Assert.Contains("--token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_MissingFile_SaysItCannotBeRead()
    {
        var error = Assert.Throws<ArgumentException>(() => ServeToken.Resolve(null, _temp["nowhere"], null));

        Assert.Contains("cannot be read", error.Message, StringComparison.Ordinal);
    }
}
