using System.Net;
using Shoebox.Web.Api;

namespace Shoebox.Web.Security;

/// <summary>
/// What shows the machine's own folders (the folder browser, the libraries found in the home folder) answers a
/// client on this machine, and a client elsewhere only when the server was started for remote access with its token
/// (which <see cref="TokenGate"/> has checked by then). Anyone else gets 403, however the request reached the server.
/// </summary>
internal static class MachineFilesAccess
{
    public const string Refusal =
        "Only a browser on the machine Shoebox runs on may look through its folders (or a remote one, when serve was started with --allow-remote and its token).";

    public static TBuilder OnlyForTrustedClients<TBuilder>(this TBuilder endpoint, ValidatedOptions options)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.AddEndpointFilter((context, next) => Allows(context.HttpContext.Connection.RemoteIpAddress, options)
            ? next(context)
            : ValueTask.FromResult<object?>(ApiError.Result(StatusCodes.Status403Forbidden, Refusal)));

    public static bool Allows(IPAddress? client, ValidatedOptions options) =>
        (client is not null && IPAddress.IsLoopback(client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client))
        || (options.Remote && options.Token is not null);
}
