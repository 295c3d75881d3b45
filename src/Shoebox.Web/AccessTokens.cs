using System.Security.Cryptography;
using System.Text;

namespace Shoebox.Web;

internal static class AccessTokens
{
    public static string Generate() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    // Constant time, so the token cannot be guessed one character at a time from response times.
    public static bool Matches(string? presented, string expected) =>
        presented is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
