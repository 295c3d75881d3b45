using Shoebox.Core;
using Shoebox.Search.Engine;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Search.Engine;

/// <summary>What search promises whichever engine holds the catalog: run on SQLite and on PostgreSQL alike.</summary>
public abstract class SearchEngineContract(SearchLibrary library)
{
    private static List<string> Names(SearchPage page) => [.. page.Results.Select(r => Path.GetFileName(r.Path))];

    private async Task<SearchPage> SearchAsync(string query, int limit = 50, int offset = 0, bool withModel = true)
    {
        await using var engine = await library.EngineAsync(withModel);
        return await engine.SearchAsync(new SearchRequest { Query = query, Limit = limit, Offset = offset });
    }

    [Fact]
    public async Task Search_FileNameWord_FindsItFirstAndFusesWithVectors()
    {
        var page = await SearchAsync("invoice");

        // Whatever the (random-weight) model thinks, the named photo is first and the list holds vector hits too.
        Assert.Equal("invoice_2019.png", Names(page)[0]);
        Assert.Contains("text", page.Results[0].MatchedBy);
        Assert.Contains(page.Results, r => r.MatchedBy.Contains("vector"));
        Assert.Equal("fused", page.ScoreKind);
    }

    [Fact]
    public async Task Search_WithoutTextModel_SearchesNamesAndCaptionsAndSaysSo()
    {
        var page = await SearchAsync("sunglasses", withModel: false);

        Assert.Equal(["dog.webp"], Names(page));
        Assert.Equal("text", page.ScoreKind);
        Assert.Contains(page.Notes, n => n.Contains("looked up in file and folder names, keywords, captions and the text read in the pictures instead", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_FolderNameWord_MatchesPhotosInThatFolder()
    {
        var page = await SearchAsync("memes", withModel: false);

        Assert.Equal(["cat.gif", "dog.webp"], Names(page).Order());
    }

    [Fact]
    public async Task Search_WordPrefix_MatchesLongerWords()
    {
        Assert.Equal(["invoice_2019.png"], Names(await SearchAsync("invo", withModel: false)));
    }

    [Fact]
    public async Task Search_ExcludedWord_RemovesPhotosNamedOrCaptionedWithIt()
    {
        var all = await SearchAsync("trips", withModel: false);
        var page = await SearchAsync("trips -sunset");

        Assert.Contains("sunset.jpg", Names(all));
        Assert.DoesNotContain("sunset.jpg", Names(page));
        Assert.Contains("beach.jpg", Names(page));
    }

    [Fact]
    public async Task Search_DateRange_IsHalfOpenOnTakenTime()
    {
        // after:2019 includes 2019; before:2020-06 excludes June 2020 (the sunset, 2020-06-01) but keeps May 31.
        var page = await SearchAsync("after:2019 before:2020-06");

        Assert.Equal(["receipt.jpg", "beach.jpg"], Names(page));
    }

    [Fact]
    public async Task Search_CameraAndFolder_FilterTogether()
    {
        Assert.Equal(["sunset.jpg", "beach.jpg"], Names(await SearchAsync("camera:iphone in:trips")));
        Assert.Equal(["beach.jpg"], Names(await SearchAsync("camera:iphone -in:\"Summer Holidays\"")));
    }

    [Fact]
    public async Task Search_AlbumName_MatchesIn()
    {
        Assert.Equal(["sunset.jpg"], Names(await SearchAsync("in:holidays")));
    }

    [Fact]
    public async Task Search_PlaceAndLocation_Filter()
    {
        Assert.Equal(["sunset.jpg"], Names(await SearchAsync("place:portugal")));
        Assert.DoesNotContain("sunset.jpg", Names(await SearchAsync("-place:lisbon")));
        Assert.Equal(["beach.jpg"], Names(await SearchAsync("has:location")));
    }

    [Fact]
    public async Task Search_TypeTagAndHasText_Filter()
    {
        Assert.Equal(["cat.gif"], Names(await SearchAsync("type:gif")));
        Assert.Equal(["dog.webp"], Names(await SearchAsync("tag:funny tag:animals")));
        Assert.Equal(["receipt.jpg"], Names(await SearchAsync("has:text")));
        Assert.DoesNotContain("receipt.jpg", Names(await SearchAsync("-has:text")));
    }

    [Fact]
    public async Task Search_FiltersWithWords_OnlyReturnPhotosPassingTheFilters()
    {
        var page = await SearchAsync("a photo type:png");

        Assert.NotEmpty(page.Results);
        Assert.All(page.Results, r => Assert.Equal("png", r.Format));
    }

    [Fact]
    public async Task Search_SortNewest_OrdersByTakenTimeWithUndatedLast()
    {
        var page = await SearchAsync("camera:canon sort:oldest");

        Assert.Equal(["invoice_2019.png", "receipt.jpg"], Names(page));
    }

    [Fact]
    public async Task Search_Pages_ConcatenateToTheWholeListWithoutRepeats()
    {
        var whole = await SearchAsync("photos", limit: 12);
        var pages = new List<string>();
        SearchPage page;
        var offset = 0;
        do
        {
            page = await SearchAsync("photos", limit: 4, offset: offset);
            pages.AddRange(page.Results.Select(r => r.Path));
            offset += page.Results.Count;
        }
        while (page.HasMore);

        Assert.Equal(whole.Results.Select(r => r.Path), pages);
        Assert.Equal(pages.Count, pages.Distinct().Count());
    }

    [Fact]
    public async Task Search_EmptyQuery_ListsEveryPhotoNewestFirst()
    {
        var page = await SearchAsync("", limit: 100);

        Assert.Equal(library.PhotoCount, page.Results.Count);
        Assert.Equal("sunset.jpg", Names(page)[0]);
        Assert.False(page.HasMore);
    }

    [Fact]
    public async Task Search_ResultForCopiedPhoto_ListsEveryLocation()
    {
        await using var engine = await library.EngineAsync();
        var page = await engine.SearchAsync(new SearchRequest { Query = "in:backup type:jpeg" });

        var result = Assert.Single(page.Results);
        Assert.Equal(result.Paths[0], result.Path);
        Assert.Equal([library.BeachBackup, library.Beach], result.Paths.Order());
    }

    [Fact]
    public async Task Search_UnparsableFilter_IsReportedNotThrown()
    {
        var page = await SearchAsync("beach after:someday");

        Assert.Contains(page.Problems, p => p.Contains("someday", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Similar_ToPhotoId_RanksItsPixelCopyFirstAndLeavesItselfOut()
    {
        await using var engine = await library.EngineAsync();
        var beach = library.IdOf(library.Beach);

        var page = await engine.SearchAsync(new SearchRequest { LikePhoto = beach });

        Assert.Equal(library.IdOf(library.BeachCopy), page.Results[0].Id);
        Assert.DoesNotContain(page.Results, r => r.Id == beach);
        Assert.Equal("similarity", page.ScoreKind);
        Assert.True(page.Results.Zip(page.Results.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }

    [Fact]
    public async Task Similar_ToImageFileOutsideLibrary_FindsTheSamePictureFirst()
    {
        await using var engine = await library.EngineAsync();
        var outside = Path.Combine(library.Scratch(nameof(Similar_ToImageFileOutsideLibrary_FindsTheSamePictureFirst)), "upload.jpg");
        using (var pixels = NetVips.Image.NewFromFile(library.Beach))
        {
            pixels.Jpegsave(outside, q: 70);
        }

        var page = await engine.SearchAsync(new SearchRequest { LikeVector = engine.EmbedImage(outside) });

        // The beach and its pixel copy have the very same vector: which comes first is a tie, so either may.
        long[] same = [library.IdOf(library.Beach), library.IdOf(library.BeachCopy)];
        Assert.Equal(same.Order(), page.Results.Take(2).Select(r => r.Id).Order());
        Assert.True(page.Results[0].Score > 0.99);
    }

    [Fact]
    public async Task Similar_WithFilter_KeepsOnlyPhotosPassingIt()
    {
        await using var engine = await library.EngineAsync();

        var page = await engine.SearchAsync(new SearchRequest { LikePhoto = library.IdOf(library.Beach), Query = "in:work" });

        Assert.Equal(["invoice_2019.png", "receipt.jpg"], Names(page).Order());
    }

    [Fact]
    public async Task Similar_UnknownPhoto_SaysThereIsNoSuchPhoto()
    {
        await using var engine = await library.EngineAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await engine.SearchAsync(new SearchRequest { LikePhoto = 99_999 }));

        Assert.Contains("no photo 99999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedImage_NotAnImage_ThrowsBadImage()
    {
        await using var engine = await library.EngineAsync();
        var text = Path.Combine(library.Scratch(nameof(EmbedImage_NotAnImage_ThrowsBadImage)), "notes.jpg");
        File.WriteAllText(text, "not a picture at all");

        Assert.Throws<BadImageException>(() => engine.EmbedImage(text));
    }

    [Fact]
    public async Task EmbedImage_WithoutModel_ExplainsWhy()
    {
        await using var engine = await library.EngineAsync(withModel: false);

        var error = Assert.Throws<InvalidOperationException>(() => engine.EmbedImage(library.Beach));

        Assert.Contains("not installed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Random_RespectsFiltersAndLimit()
    {
        await using var engine = await library.EngineAsync();

        var page = await engine.SearchAsync(new SearchRequest { Random = true, Query = "in:misc", Limit = 3 });

        Assert.Equal(3, page.Results.Count);
        Assert.All(page.Results, r => Assert.Contains("/misc/", r.Path, StringComparison.Ordinal));
        Assert.Equal(page.Results.Count, page.Results.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public async Task GetPhoto_ReturnsMetadataLocationsAndTexts()
    {
        await using var engine = await library.EngineAsync();

        var details = (await engine.GetPhotoAsync(library.IdOf(library.Dog)))!;

        Assert.Equal("webp", details.Photo.Format);
        Assert.True(details.HasVector);
        Assert.Equal(library.Dog, Assert.Single(details.Locations).Path);
        Assert.Contains(details.Texts, t => t is { Kind: "caption", Content: "a dog wearing sunglasses" });
        Assert.Null(await engine.GetPhotoAsync(99_999));
        Assert.Equal(library.Dog, (await engine.FindAsync(library.IdOf(library.Dog)))!.Path);
        Assert.Equal(details.Photo.Hash, (await engine.HashOfAsync(library.IdOf(library.Dog)))?.Hex);
        Assert.Null(await engine.HashOfAsync(99_999));
    }

    [Fact]
    public async Task Search_LimitOutOfRange_IsRejected()
    {
        await using var engine = await library.EngineAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await engine.SearchAsync(new SearchRequest { Limit = 0 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await engine.SearchAsync(new SearchRequest { Limit = SearchRequest.MaxLimit + 1 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await engine.SearchAsync(new SearchRequest { Offset = -1 }));
    }
}

[Tier(Tier.Unit)]
public sealed class SearchEngineTests(SearchLibrary library) : SearchEngineContract(library), IClassFixture<SearchLibrary>;

/// <summary>The catalog in PostgreSQL: vectors are searched by pgvector in the database, not loaded into the process.</summary>
[Tier(Tier.Database)]
public sealed class PostgresSearchEngineTests(PostgresSearchLibrary library) : SearchEngineContract(library), IClassFixture<PostgresSearchLibrary>;
