using System.Text.Json;
using Microsoft.OpenApi;

namespace Shoebox.Web.Api;

/// <summary>
/// A request's JSON body, read by hand: a body ASP.NET cannot bind was a 400 with an empty body, where the API
/// answers what was wrong and how the body should look.
/// </summary>
internal static class JsonBody
{
    /// <param name="example">The body as it should be, shown in the errors.</param>
    public static async Task<T> ReadAsync<T>(HttpRequest request, string example)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType, $"Send JSON (Content-Type: application/json): {example}.");
        }
        try
        {
            return await request.ReadFromJsonAsync<T>(request.HttpContext.RequestAborted)
                ?? throw new ApiException(StatusCodes.Status400BadRequest, $"The body is null; send {example}.");
        }
        catch (JsonException)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, $"The body is not JSON of the form {example}.");
        }
    }

    /// <summary>
    /// Says in the OpenAPI document that the endpoint takes <typeparamref name="T"/> as JSON. Described by hand:
    /// Accepts&lt;T&gt; would also make routing send a body of another type to the 404 of /api/{**rest}.
    /// </summary>
    public static RouteHandlerBuilder WithJsonBody<T>(this RouteHandlerBuilder endpoint) =>
        endpoint.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) => operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken) },
            },
        });
}
