using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Catalog;

/// <summary>Catalog URLs, read without a server.</summary>
[Tier(Tier.Unit)]
public class PostgresAddressTests
{
    [Fact]
    public void Parse_FullUrl_KeepsEveryPartAndHidesThePassword()
    {
        var (connectionString, address) = PostgresAddress.Parse("postgresql://ann:s%40cret@db.example:6543/photos?sslmode=require");

        Assert.Equal("postgresql://ann@db.example:6543/photos?sslmode=require", address);
        Assert.Contains("Host=db.example", connectionString);
        Assert.Contains("Port=6543", connectionString);
        Assert.Contains("Database=photos", connectionString);
        Assert.Contains("Username=ann", connectionString);
        Assert.Contains("Password=s@cret", connectionString);
        Assert.Contains("SSL Mode=Require", connectionString);
    }

    [Theory]
    [InlineData("postgres://")]
    [InlineData("postgres://host/db?nonsense=1")]
    public void Parse_Unreadable_IsRefusedWithTheUrl(string url)
    {
        var error = Assert.Throws<CatalogAddressException>(() => PostgresAddress.Parse(url));

        Assert.Contains("catalog URL", error.Message);
    }

    [Fact]
    public async Task Open_ServerNotRunning_SaysItCannotBeReachedWithoutThePassword()
    {
        using var temp = new TempFolder();

        var error = await Assert.ThrowsAsync<LibraryUnavailableException>(() => new Library(temp.Library, "postgres://ann:secret@127.0.0.1:1/photos").OpenAsync());

        Assert.Contains("cannot be reached", error.Message);
        Assert.Contains("postgres://ann@127.0.0.1:1/photos", error.Message);
        Assert.DoesNotContain("secret", error.Message);
        Assert.False(File.Exists(Path.Combine(temp.Library, PhotoCatalog.FileName)));
    }
}
