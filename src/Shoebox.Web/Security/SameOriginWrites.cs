using Shoebox.Web.Api;

namespace Shoebox.Web.Security;

/// <summary>
/// Requests that are not reads (uploads) must come from the server's own pages: a browser says where a request
/// comes from in Sec-Fetch-Site and Origin, so another site cannot make it post to this one. Clients that are not
/// browsers (curl, scripts) send neither and are let through, as the token (when remote) already applies to them.
/// </summary>
internal static class SameOriginWrites
{
    public static IApplicationBuilder UseSameOriginWrites(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return next(context);
        }
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        var origin = request.Headers.Origin.ToString();
        var sameSite = site.Length == 0 || site is "same-origin" or "none";
        var sameOrigin = origin.Length == 0 || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
        if (!sameSite || !sameOrigin)
        {
            return ApiError.WriteAsync(context, StatusCodes.Status403Forbidden, "Only Shoebox's own pages may send this request.");
        }
        return next(context);
    });
}
