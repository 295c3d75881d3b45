using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Tests.Catalog;

public abstract class TextMatchTests(CatalogEngine engine) : CatalogEngineTests(engine)
{
    // A photo with these lines read in it, as OCR stores them (one text per line).
    private static long AddPhoto(PhotoCatalog catalog, int n, params string[] lines)
    {
        using var batch = catalog.BeginBatch();
        var photo = batch.LinkFile($"/p/{n}.jpg", "/p", 10, 1, ContentHash.Of(BitConverter.GetBytes(n)), ImageFormat.Jpeg, DateTimeOffset.UtcNow).PhotoId;
        batch.SaveOcr(photo, "pp-ocrv4", [.. lines.Select(l => new RecognizedLine(l, 0.9, []))]);
        batch.Commit();
        return photo;
    }

    private static List<long> Match(PhotoCatalog catalog, string words) =>
        [.. catalog.MatchText([.. words.Split(' ').Select(w => new TextTerm(w, false))], 10).Select(m => m.PhotoId)];

    [Fact]
    public void MatchText_WordsReadOnTwoLines_FindsThePhoto()
    {
        using var catalog = Engine.Open();
        var meme = AddPhoto(catalog, 1, "ONE DOES NOT SIMPLY", "WALK INTO MORDOR");
        AddPhoto(catalog, 2, "WALK THE DOG");

        Assert.Equal([meme], Match(catalog, "simply walk"));
    }

    [Fact]
    public void MatchText_LongLineWithAMisreadWord_StillFindsItAfterExactOnes()
    {
        using var catalog = Engine.Open();
        var misread = AddPhoto(catalog, 1, "WHEN THE B0SS SEES YOUR CODE");
        var exact = AddPhoto(catalog, 2, "when the boss sees your code");
        AddPhoto(catalog, 3, "your code");

        Assert.Equal([exact, misread], Match(catalog, "when the boss sees your code"));
    }

    [Fact]
    public void MatchText_TwoWords_NeedsBoth()
    {
        using var catalog = Engine.Open();
        AddPhoto(catalog, 1, "grumpy");
        var both = AddPhoto(catalog, 2, "grumpy cat");

        Assert.Equal([both], Match(catalog, "grumpy cat"));
    }

    [Fact]
    public void MatchText_Any_FindsPhotosWithOneOfTheWords()
    {
        using var catalog = Engine.Open();
        var grumpy = AddPhoto(catalog, 1, "grumpy");
        var cat = AddPhoto(catalog, 2, "cat");
        AddPhoto(catalog, 3, "dog");

        var found = catalog.MatchText([new TextTerm("grumpy", false), new TextTerm("cat", false)], 10, any: true).Select(m => m.PhotoId).Order();

        Assert.Equal([grumpy, cat], found);
    }
}

[Tier(Tier.Unit)]
public sealed class SqliteTextMatchTests() : TextMatchTests(new SqliteEngine());

[Tier(Tier.Database)]
public sealed class PostgresTextMatchTests() : TextMatchTests(new PostgresEngine());
