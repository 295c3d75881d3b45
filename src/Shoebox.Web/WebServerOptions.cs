using Shoebox.Indexing;
using Shoebox.Models.Registry;
using Shoebox.Models.Store;

namespace Shoebox.Web;

/// <summary>How `shoebox serve` listens and keeps the library fresh; checked once by <see cref="Validate"/>.</summary>
public sealed record WebServerOptions
{
    public const string DefaultUrls = "http://127.0.0.1:8642";

    /// <summary>Where to listen, separated by ';' (port 0 picks a free port).</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>Listening on anything but loopback must be asked for, because it shows the library to the network.</summary>
    public bool AllowRemote { get; init; }

    /// <summary>The access token remote clients must present; generated when remote and none is given.</summary>
    public string? Token { get; init; }

    /// <summary>Where <see cref="Token"/> came from (--token, --token-file FILE, SHOEBOX_TOKEN), to name it in messages.</summary>
    public string TokenOrigin { get; init; } = "--token";

    /// <summary>The clock that times how long a client that sent wrong tokens waits.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Largest image accepted for search by image; larger uploads get 413.</summary>
    public long MaxUploadBytes { get; init; } = 25 * 1024 * 1024;

    /// <summary>
    /// What indexes new, changed and removed files in the background (from <see cref="IndexingFactory"/>, as for
    /// `index`); null turns background indexing off (--no-watch). The host owns it.
    /// </summary>
    public IndexingPipeline? Indexing { get; init; }

    /// <summary>Where models live and whether the Settings page may download them (--offline), as for the host's own model.</summary>
    public StoreOptions ModelStore { get; init; } = new();

    /// <summary>The models the Settings page offers to download and switch to: Shoebox's registry.</summary>
    public IReadOnlyList<ModelDescriptor> Models { get; init; } = ModelRegistry.All;

    /// <summary>
    /// The library's model when it is not installed yet and may be downloaded: the server starts without it, downloads
    /// it in the background (its progress in /api/status) and searches and indexes with it once it is there. Ignored
    /// when the store's downloads are off.
    /// </summary>
    public ModelDescriptor? ModelToFetch { get; init; }

    /// <summary>Serve's --no-ocr: background indexing reads no text this run, whatever the library's switch says.</summary>
    public bool NoText { get; init; }

    /// <summary>Serve's --no-faces: background indexing finds no faces this run, whatever the library's switch says.</summary>
    public bool NoFaces { get; init; }

    /// <summary>Serve's --no-tags: background indexing tags nothing this run, whatever the library's switch says.</summary>
    public bool NoTags { get; init; }

    /// <summary>How often the indexed folders are walked again, for changes file system events missed.</summary>
    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>File system events start a run only after this long without another, so a big copy is one run.</summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The first walk after start-up (changes made while nothing was serving), after the first searches.</summary>
    public TimeSpan FirstScanDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Names the home folder instead of the user's own (for tests, and for a server run as another user).</summary>
    public const string HomeVariable = "SHOEBOX_HOME";

    /// <summary>Where the folder browser starts and the usual places of photo libraries are looked for (~/Pictures, ~/Downloads).</summary>
    public string Home { get; init; } = Environment.GetEnvironmentVariable(HomeVariable) is { Length: > 0 } home
        ? home
        : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>Throws <see cref="ArgumentException"/> with a message for the user; returns the options as they will run.</summary>
    public ValidatedOptions Validate()
    {
        var urls = Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0)
        {
            throw new ArgumentException("--urls names no address.");
        }
        var remote = false;
        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"--urls: '{url}' is not an http:// or https:// address (such as {DefaultUrls}).");
            }
            remote |= !LoopbackHosts.IsLoopback(uri.Host);
        }
        if (remote && !AllowRemote)
        {
            throw new ArgumentException(
                $"--urls {Urls} would show your library to other machines. Add --allow-remote to do so on purpose (an access token is then required).");
        }
        if (Token is { Length: < 16 })
        {
            throw new ArgumentException($"{TokenOrigin}: the access token must be at least 16 characters long; {AccessTokens.HowToMakeOne}.");
        }
        if (Token is { } given && AccessTokens.Bits(given) < AccessTokens.MinimumBits)
        {
            throw new ArgumentException(
                $"{TokenOrigin}: the access token is too easy to guess (too few different characters for its length); {AccessTokens.HowToMakeOne}.");
        }
        if (Home.Length > 0 && !Path.IsPathFullyQualified(Home))
        {
            throw new ArgumentException($"{HomeVariable}: '{Home}' is not a full path.");
        }
        var token = remote ? Token ?? AccessTokens.Generate() : Token;
        return new ValidatedOptions(this, urls, remote, token);
    }
}

/// <summary>The options after validation: whether the server is reachable from other machines, and the token it requires (if any).</summary>
public sealed record ValidatedOptions(WebServerOptions Options, IReadOnlyList<string> Urls, bool Remote, string? Token);
