namespace Shoebox.Cli;

/// <summary>
/// Where `serve` takes its access token from: --token (which every user of the machine sees in `ps`), --token-file
/// FILE, or the SHOEBOX_TOKEN environment variable (neither of which shows). Its strength is checked with the other
/// options (<see cref="Web.WebServerOptions.Validate"/>).
/// </summary>
internal static class ServeToken
{
    public const string Variable = "SHOEBOX_TOKEN";

    /// <param name="Origin">How messages name where the token came from.</param>
    /// <param name="Warning">Something the user should change, said once at start.</param>
    public sealed record Choice(string? Token, string Origin, string? Warning);

    /// <summary>--token, else --token-file, else SHOEBOX_TOKEN; none of them: no token (one is made when remote).</summary>
    /// <exception cref="ArgumentException">Both options are given, or the file cannot be read or holds no token.</exception>
    public static Choice Resolve(string? option, string? file, string? environment)
    {
        if (option is not null && file is not null)
        {
            throw new ArgumentException("Give the access token once: --token or --token-file, not both.");
        }
        if (option is not null)
        {
            return new Choice(option, "--token",
                $"Warning: --token can be read by every user of this machine (in `ps`); put it in {Variable} or in a file for --token-file instead.");
        }
        if (file is not null)
        {
            return FromFile(file);
        }
        return string.IsNullOrWhiteSpace(environment) ? new Choice(null, "--token", null) : new Choice(environment.Trim(), Variable, null);
    }

    private static Choice FromFile(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--token-file {file}: cannot be read ({e.Message}).", e);
        }
        var token = text.Trim();
        if (token.Length == 0 || token.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException($"--token-file {file}: the file must hold the token alone, on one line.");
        }
        var origin = $"--token-file {file}";
        var others = UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        var warning = !OperatingSystem.IsWindows() && (File.GetUnixFileMode(file) & others) != 0
            ? $"Warning: {file} can be read by other users of this machine; make it yours alone with `chmod 600 {file}`."
            : null;
        return new Choice(token, origin, warning);
    }
}
