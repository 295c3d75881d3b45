using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Tests.Catalog;

public abstract class TextMatchTests(CatalogEngine engine) : CatalogEngineTests(engine)
{
    // A photo with these lines read in it, as OCR stores them (one text per line).
    private static async Task<long> AddPhotoAsync(PhotoCatalog catalog, int n, params string[] lines)
    {
        await using var batch = await catalog.BeginBatchAsync();
        var photo = (await catalog.Locations.LinkAsync($"/p/{n}.jpg", "/p", 10, 1, ContentHash.Of(BitConverter.GetBytes(n)), ImageFormat.Jpeg, DateTimeOffset.UtcNow)).PhotoId;
        await catalog.Texts.SaveOcrAsync(photo, "pp-ocrv4", [.. lines.Select(l => new RecognizedLine(l, 0.9, []))]);
        await batch.CommitAsync();
        return photo;
    }

    private static async Task<List<long>> MatchAsync(PhotoCatalog catalog, string words) =>
        [.. (await catalog.Texts.MatchAsync([.. words.Split(' ').Select(w => new TextTerm(w, false))], 10)).Select(m => m.PhotoId)];

    [Fact]
    public async Task MatchText_WordsReadOnTwoLines_FindsThePhoto()
    {
        await using var catalog = await Engine.OpenAsync();
        var meme = await AddPhotoAsync(catalog, 1, "ONE DOES NOT SIMPLY", "WALK INTO MORDOR");
        await AddPhotoAsync(catalog, 2, "WALK THE DOG");

        Assert.Equal([meme], await MatchAsync(catalog, "simply walk"));
    }

    [Fact]
    public async Task MatchText_LongLineWithAMisreadWord_StillFindsItAfterExactOnes()
    {
        await using var catalog = await Engine.OpenAsync();
        var misread = await AddPhotoAsync(catalog, 1, "WHEN THE B0SS SEES YOUR CODE");
        var exact = await AddPhotoAsync(catalog, 2, "when the boss sees your code");
        await AddPhotoAsync(catalog, 3, "your code");

        Assert.Equal([exact, misread], await MatchAsync(catalog, "when the boss sees your code"));
    }

    [Fact]
    public async Task MatchText_OneWordInFiveMissing_ScoresBetweenZeroAndOneBelowTheFullMatch()
    {
        await using var catalog = await Engine.OpenAsync();
        await AddPhotoAsync(catalog, 1, "WHEN THE B0SS SEES YOUR CODE");
        await AddPhotoAsync(catalog, 2, "when the boss sees your code");

        var matches = await catalog.Texts.MatchAsync([.. "when the boss sees your code".Split(' ').Select(w => new TextTerm(w, false))], 10);

        Assert.Equal(2, matches.Count);
        Assert.All(matches, m => Assert.InRange(m.Score, 0.01, 0.999));
        Assert.True(matches[0].Score > matches[1].Score);
    }

    [Fact]
    public async Task MatchText_TwoWords_NeedsBoth()
    {
        await using var catalog = await Engine.OpenAsync();
        await AddPhotoAsync(catalog, 1, "grumpy");
        var both = await AddPhotoAsync(catalog, 2, "grumpy cat");

        Assert.Equal([both], await MatchAsync(catalog, "grumpy cat"));
    }

    [Fact]
    public async Task MatchText_Any_FindsPhotosWithOneOfTheWords()
    {
        await using var catalog = await Engine.OpenAsync();
        var grumpy = await AddPhotoAsync(catalog, 1, "grumpy");
        var cat = await AddPhotoAsync(catalog, 2, "cat");
        await AddPhotoAsync(catalog, 3, "dog");

        var found = (await catalog.Texts.MatchAsync([new TextTerm("grumpy", false), new TextTerm("cat", false)], 10, any: true)).Select(m => m.PhotoId).Order();

        Assert.Equal([grumpy, cat], found);
    }
}

[Tier(Tier.Unit)]
public sealed class SqliteTextMatchTests() : TextMatchTests(new SqliteEngine());

[Tier(Tier.Database)]
public sealed class PostgresTextMatchTests() : TextMatchTests(new PostgresEngine());
