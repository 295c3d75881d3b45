using System.Security.Cryptography;
using System.Text;

namespace Shoebox.Web;

internal static class AccessTokens
{
    /// <summary>Said wherever a token is refused as too weak.</summary>
    public const string HowToMakeOne = "make one with `openssl rand -hex 24` (or leave it out, and serve makes one)";

    /// <summary>
    /// What a token must be worth, estimated as its length times log2 of the number of different characters in it: a
    /// 16-digit number (53) or a word repeated falls short; 24 random hex digits (about 90) or a five-word phrase pass.
    /// </summary>
    public const double MinimumBits = 64;

    public static string Generate() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    // Constant time, so the token cannot be guessed one character at a time from response times.
    public static bool Matches(string? presented, string expected) =>
        presented is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));

    public static double Bits(string token) => token.Length * Math.Log2(Math.Max(1, token.Distinct().Count()));
}
