using Shoebox.Web.Api;

namespace Shoebox.Web.Security;

/// <summary>
/// When the server listens on loopback only, a request naming another host came through a name that a web page
/// made resolve to 127.0.0.1 (DNS rebinding): refused, so no other site can read the library through the browser.
/// </summary>
internal static class LoopbackHostFilter
{
    public static IApplicationBuilder UseLoopbackHostsOnly(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var host = context.Request.Host;
        if (!host.HasValue || !LoopbackHosts.IsLoopback(host.Host))
        {
            return ApiError.WriteAsync(context, StatusCodes.Status421MisdirectedRequest,
                "This Shoebox server answers only to localhost, 127.0.0.1 and [::1].");
        }
        return next(context);
    });
}
