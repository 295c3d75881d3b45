using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Shoebox.Web.Api;

namespace Shoebox.Web.Security;

/// <summary>
/// When the server is reachable from other machines every request needs the access token: as
/// "Authorization: Bearer TOKEN", or once as ?token=TOKEN in a link, which trades it for an HttpOnly cookie.
/// A client that sends wrong tokens is logged and made to wait (<see cref="WrongTokens"/>).
/// </summary>
internal static partial class TokenGate
{
    public const string CookieName = "shoebox_token";

    public static IApplicationBuilder UseAccessToken(this IApplicationBuilder app, string token, WrongTokens wrong, ILogger logger) => app.Use((context, next) =>
    {
        var request = context.Request;
        var client = context.Connection.RemoteIpAddress;
        var header = request.Headers.Authorization.ToString();
        var bearer = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        var cookie = request.Cookies[CookieName];
        var link = request.Query.TryGetValue("token", out var query) ? query.ToString() : null;
        string[] presented = [.. new[] { bearer, cookie, link }.OfType<string>()];
        if (presented.Length == 0)
        {
            return Unauthorized(context);
        }
        // While a client waits, no token of its is looked at, right or wrong: waiting is what makes guessing slow.
        if (wrong.WaitOf(client) is var wait && wait > TimeSpan.Zero)
        {
            return TooMany(context, wait);
        }
        if (!presented.Any(p => AccessTokens.Matches(p, token)))
        {
            var shut = TimeSpan.Zero;
            foreach (var guess in presented)
            {
                var (count, waits, isNew) = wrong.Failed(client, guess);
                if (isNew)
                {
                    WrongToken(logger, WrongTokens.KeyOf(client), count, (int)Math.Ceiling(waits.TotalSeconds));
                }
                shut = waits > shut ? waits : shut;
            }
            if (cookie is not null)
            {
                // A token from before a restart: the browser stops sending it.
                context.Response.Cookies.Delete(CookieName);
            }
            return shut > TimeSpan.Zero ? TooMany(context, shut) : Unauthorized(context);
        }
        wrong.Succeeded(client);
        if (link is null || !AccessTokens.Matches(link, token))
        {
            return next(context);
        }
        context.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = request.IsHttps,
            Path = "/",
            MaxAge = TimeSpan.FromDays(30),
        });
        // The token leaves the address bar (and the history) at once. The path is made one of this server's: as
        // sent, //other.host/ would send the browser to another site.
        var rest = QueryHelpers.ParseQuery(request.QueryString.Value).Where(p => p.Key != "token");
        var local = "/" + (request.PathBase + request.Path).Value!.TrimStart('/', '\\');
        context.Response.Redirect(QueryHelpers.AddQueryString(local, rest));
        return Task.CompletedTask;
    });

    private static Task Unauthorized(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ApiError.WriteAsync(context, StatusCodes.Status401Unauthorized,
            "This Shoebox server needs its access token: open the link with ?token= that `shoebox serve` printed, or send Authorization: Bearer TOKEN.");
    }

    private static Task TooMany(HttpContext context, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return ApiError.WriteAsync(context, StatusCodes.Status429TooManyRequests,
            string.Create(CultureInfo.InvariantCulture, $"Too many wrong access tokens from your address: try again in {seconds} s."));
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Wrong access token from {Client} ({Count} in a row); it waits {Seconds} s before the next is looked at")]
    private static partial void WrongToken(ILogger logger, string client, int count, int seconds);
}
