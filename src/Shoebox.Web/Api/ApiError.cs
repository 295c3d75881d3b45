namespace Shoebox.Web.Api;

/// <summary>Every error the API answers has this shape, so the UI and scripts can show the message as it is.</summary>
public sealed record ApiError(string Error)
{
    public static IResult Result(int status, string message) => Results.Json(new ApiError(message), statusCode: status);

    public static IResult NoSuchPhoto(long id) => Result(StatusCodes.Status404NotFound, $"There is no photo {id} in this library.");

    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ApiError(message));
    }
}
