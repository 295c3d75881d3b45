using Npgsql;

namespace Shoebox.Catalog;

/// <summary>A catalog URL (postgres://user:password@host:port/database?sslmode=require) that cannot be read.</summary>
public sealed class CatalogAddressException(string message) : FormatException(message);

/// <summary>PostgreSQL URLs, as libpq and most tools write them, turned into what Npgsql connects with.</summary>
internal static class PostgresAddress
{
    public static bool IsPostgres(string? catalog) =>
        catalog is not null
        && (catalog.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || catalog.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase));

    /// <summary>The connection string, and the URL without its password: what messages show.</summary>
    public static (string ConnectionString, string Address) Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new CatalogAddressException($"The catalog URL {Redact(url)} cannot be read: expected postgres://user@host:port/database.");
        }
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } database ? database : "postgres",
        };
        var user = uri.UserInfo.Split(':', 2);
        if (user[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(user[0]);
        }
        if (user.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(user[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.Split('=', 2) is [var k, var v] ? (Uri.UnescapeDataString(k), Uri.UnescapeDataString(v)) : (pair, "");
            try
            {
                builder[key == "sslmode" ? "SSL Mode" : key] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                throw new CatalogAddressException($"The catalog URL {Redact(url)} has an option PostgreSQL connections do not take: {key}={value}.");
            }
        }
        return (builder.ConnectionString, Redact(url));
    }

    private static string Redact(string url)
    {
        var at = url.IndexOf('@', StringComparison.Ordinal);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var colon = scheme < 0 || at < 0 ? -1 : url.IndexOf(':', scheme + 3, at - scheme - 3);
        return colon < 0 ? url : url[..colon] + url[at..];
    }
}
