using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Shoebox.Web.Api;

namespace Shoebox.Web.Security;

/// <summary>
/// Addresses longer than <see cref="MaxTarget"/> are refused with a message. Kestrel would refuse them itself, but
/// with a bare 414 and no body; it reads lines up to <see cref="MaxRequestLine"/> so that this check sees them first.
/// </summary>
internal static class AddressLength
{
    /// <summary>Kestrel's own default limit: a query of some 8,000 characters, far more than a search needs.</summary>
    public const int MaxTarget = 8 * 1024;

    /// <summary>Beyond this Kestrel still answers a bare 414: the line is not read at all, so there is nothing to answer with.</summary>
    public const int MaxRequestLine = 64 * 1024;

    public static IApplicationBuilder UseAddressLengthLimit(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        if (target.Length > MaxTarget)
        {
            throw new ApiException(StatusCodes.Status414UriTooLong, string.Create(CultureInfo.InvariantCulture,
                $"The address is {target.Length:N0} characters long; this server reads addresses up to {MaxTarget:N0} characters. Search with fewer words."));
        }
        return next(context);
    });
}
