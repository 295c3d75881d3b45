using System.Text.Json;
using Microsoft.OpenApi;

namespace Shoebox.Web.Api;

/// <summary>
/// A JSON request body, read by hand and described by hand: a body ASP.NET cannot bind was a 400 with an empty
/// body, and Accepts&lt;T&gt; would also make routing send a body of another type to the 404 of /api/{**rest}.
/// </summary>
internal static class JsonBody
{
    /// <param name="example">The body's shape, for the messages ({"tag": "beach"}).</param>
    /// <exception cref="ApiException">415 for a body that is not JSON by its type, 400 for one that does not read as <typeparamref name="T"/>.</exception>
    public static async Task<T> ReadAsync<T>(HttpRequest request, string example)
    {
        if (!request.HasJsonContentType())
        {
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType, $"Send the body as JSON (Content-Type: application/json): {example}.");
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

    /// <summary>Says in the OpenAPI document that the endpoint takes a <typeparamref name="T"/> as JSON.</summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder endpoint) =>
        endpoint.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) => operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken) },
            },
        });
}
