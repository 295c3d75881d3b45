using System.Text.Json;

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
}
