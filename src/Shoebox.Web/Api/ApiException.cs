namespace Shoebox.Web.Api;

/// <summary>
/// A request the API cannot answer as asked, thrown where the reason is found (a number that is not one, a body that
/// is not JSON) and answered by <see cref="ErrorResponses"/> as <see cref="ApiError"/> JSON with this status.
/// </summary>
internal sealed class ApiException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
