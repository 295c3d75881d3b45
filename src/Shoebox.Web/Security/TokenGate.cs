using Microsoft.AspNetCore.WebUtilities;
using Shoebox.Web.Api;

namespace Shoebox.Web.Security;

/// <summary>
/// When the server is reachable from other machines every request needs the access token: as
/// "Authorization: Bearer TOKEN", or once as ?token=TOKEN in a link, which trades it for an HttpOnly cookie.
/// </summary>
internal static class TokenGate
{
    public const string CookieName = "shoebox_token";

    public static IApplicationBuilder UseAccessToken(this IApplicationBuilder app, string token) => app.Use((context, next) =>
    {
        var request = context.Request;
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && AccessTokens.Matches(header[7..].Trim(), token))
        {
            return next(context);
        }
        if (request.Cookies.TryGetValue(CookieName, out var cookie) && AccessTokens.Matches(cookie, token))
        {
            return next(context);
        }
        if (request.Query.TryGetValue("token", out var query) && AccessTokens.Matches(query.ToString(), token))
        {
            context.Response.Cookies.Append(CookieName, token, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = request.IsHttps,
                Path = "/",
                MaxAge = TimeSpan.FromDays(30),
            });
            // The token leaves the address bar (and the history) at once.
            var rest = QueryHelpers.ParseQuery(request.QueryString.Value).Where(p => p.Key != "token");
            context.Response.Redirect(QueryHelpers.AddQueryString(request.PathBase + request.Path, rest));
            return Task.CompletedTask;
        }
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ApiError.WriteAsync(context, StatusCodes.Status401Unauthorized,
            "This Shoebox server needs its access token: open the link with ?token= that `shoebox serve` printed, or send Authorization: Bearer TOKEN.");
    });
}
