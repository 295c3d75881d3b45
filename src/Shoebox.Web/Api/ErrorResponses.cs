using Microsoft.Extensions.Logging;

namespace Shoebox.Web.Api;

/// <summary>
/// Every error answers JSON in the <see cref="ApiError"/> shape and is logged. An exception becomes the 4xx it
/// stands for (<see cref="ApiException"/>, or Kestrel's reading of the body) or a 500; an error status answered with
/// no body (routing's 405, ...) gets a message. The log names the route's pattern and the status, never the path,
/// the query or a message, which may hold the user's words, tags or file names.
/// </summary>
internal static partial class ErrorResponses
{
    public static IApplicationBuilder UseErrorResponses(this IApplicationBuilder app, ILogger logger) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (context.RequestAborted.IsCancellationRequested && e is OperationCanceledException or IOException)
        {
            // The client went away: nobody is left to answer.
            return;
        }
        catch (Exception e)
        {
            var (status, message) = Describe(e);
            if (status >= 500)
            {
                var failed = RouteOf(context);
                RequestFailed(logger, context.Request.Method, failed, e.GetType().Name, e.StackTrace ?? "");
            }
            if (context.Response.HasStarted)
            {
                // Part of an answer has gone out; cutting the connection tells the client it is not whole.
                context.Abort();
                return;
            }
            context.Response.Clear();
            await ApiError.WriteAsync(context, status, message);
        }
        var answered = context.Response.StatusCode;
        if (answered < 400)
        {
            return;
        }
        if (!context.Response.HasStarted)
        {
            await ApiError.WriteAsync(context, answered, MessageFor(answered));
        }
        var route = RouteOf(context);
        if (answered is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status421MisdirectedRequest or StatusCodes.Status429TooManyRequests)
        {
            RequestRefused(logger, context.Request.Method, route, answered);
        }
        else if (answered < 500)
        {
            RequestNotServed(logger, context.Request.Method, route, answered);
        }
    });

    private static (int Status, string Message) Describe(Exception e) => e switch
    {
        ApiException api => (api.Status, api.Message),
        BadHttpRequestException bad => (bad.StatusCode, MessageFor(bad.StatusCode)),
        _ => (StatusCodes.Status500InternalServerError, MessageFor(StatusCodes.Status500InternalServerError)),
    };

    private static string MessageFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request could not be read; see /openapi/v1.json for what each endpoint takes.",
        StatusCodes.Status404NotFound => "There is nothing at this address.",
        StatusCodes.Status405MethodNotAllowed => "This address does not take that method; see /openapi/v1.json.",
        StatusCodes.Status408RequestTimeout => "The request arrived too slowly.",
        StatusCodes.Status413PayloadTooLarge => "The request is larger than this server accepts.",
        StatusCodes.Status415UnsupportedMediaType => "This address does not take a body of that type; see /openapi/v1.json.",
        >= 500 => "Something went wrong on the server; its log says what.",
        _ => $"The request was refused ({status}).",
    };

    // The pattern (/api/photos/{id:long}/tags/{**tag}), not the path: the path can carry a tag or a query.
    private static string RouteOf(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern } ? pattern : "(no route)";

    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "{Method} {Route} failed with {Exception} and answered 500\n{StackTrace}")]
    private static partial void RequestFailed(ILogger logger, string method, string route, string exception, string stackTrace);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "{Method} {Route} refused with {Status}")]
    private static partial void RequestRefused(ILogger logger, string method, string route, int status);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "{Method} {Route} answered {Status}")]
    private static partial void RequestNotServed(ILogger logger, string method, string route, int status);
}
