using Shoebox.Core;
using Shoebox.Search.Engine;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Search.Engine;

/// <summary>What search promises whichever engine holds the catalog: run on SQLite and on PostgreSQL alike.</summary>
public abstract class SearchEngineContract(SearchLibrary library)
{
    private static List<string> Names(SearchPage page) => [.. page.Results.Select(r => Path.GetFileName(r.Path))];

    private SearchPage Search(string query, int limit = 50, int offset = 0, bool withModel = true)
    {
        using var engine = library.Engine(withModel);
        return engine.Search(new SearchRequest { Query = query, Limit = limit, Offset = offset });
    }

    [Fact]
    public void Search_FileNameWord_FindsItFirstAndFusesWithVectors()
    {
        var page = Search("invoice");

        // Whatever the (random-weight) model thinks, the named photo is first and the list holds vector hits too.
        Assert.Equal("invoice_2019.png", Names(page)[0]);
        Assert.Contains("text", page.Results[0].MatchedBy);
        Assert.Contains(page.Results, r => r.MatchedBy.Contains("vector"));
        Assert.Equal("fused", page.ScoreKind);
    }

    [Fact]
    public void Search_WithoutTextModel_SearchesNamesAndCaptionsAndSaysSo()
    {
        var page = Search("sunglasses", withModel: false);

        Assert.Equal(["dog.webp"], Names(page));
        Assert.Equal("text", page.ScoreKind);
        Assert.Contains(page.Notes, n => n.Contains("looked up in file and folder names, keywords and captions instead", StringComparison.Ordinal));
    }

    [Fact]
    public void Search_FolderNameWord_MatchesPhotosInThatFolder()
    {
        var page = Search("memes", withModel: false);

        Assert.Equal(["cat.gif", "dog.webp"], Names(page).Order());
    }

    [Fact]
    public void Search_WordPrefix_MatchesLongerWords()
    {
        Assert.Equal(["invoice_2019.png"], Names(Search("invo", withModel: false)));
    }

    [Fact]
    public void Search_ExcludedWord_RemovesPhotosNamedOrCaptionedWithIt()
    {
        var all = Search("trips", withModel: false);
        var page = Search("trips -sunset");

        Assert.Contains("sunset.jpg", Names(all));
        Assert.DoesNotContain("sunset.jpg", Names(page));
        Assert.Contains("beach.jpg", Names(page));
    }

    [Fact]
    public void Search_DateRange_IsHalfOpenOnTakenTime()
    {
        // after:2019 includes 2019; before:2020-06 excludes June 2020 (the sunset, 2020-06-01) but keeps May 31.
        var page = Search("after:2019 before:2020-06");

        Assert.Equal(["receipt.jpg", "beach.jpg"], Names(page));
    }

    [Fact]
    public void Search_CameraAndFolder_FilterTogether()
    {
        Assert.Equal(["sunset.jpg", "beach.jpg"], Names(Search("camera:iphone in:trips")));
        Assert.Equal(["beach.jpg"], Names(Search("camera:iphone -in:\"Summer Holidays\"")));
    }

    [Fact]
    public void Search_AlbumName_MatchesIn()
    {
        Assert.Equal(["sunset.jpg"], Names(Search("in:holidays")));
    }

    [Fact]
    public void Search_PlaceAndLocation_Filter()
    {
        Assert.Equal(["sunset.jpg"], Names(Search("place:portugal")));
        Assert.DoesNotContain("sunset.jpg", Names(Search("-place:lisbon")));
        Assert.Equal(["beach.jpg"], Names(Search("has:location")));
    }

    [Fact]
    public void Search_TypeTagAndHasText_Filter()
    {
        Assert.Equal(["cat.gif"], Names(Search("type:gif")));
        Assert.Equal(["dog.webp"], Names(Search("tag:funny tag:animals")));
        Assert.Equal(["receipt.jpg"], Names(Search("has:text")));
        Assert.DoesNotContain("receipt.jpg", Names(Search("-has:text")));
    }

    [Fact]
    public void Search_FiltersWithWords_OnlyReturnPhotosPassingTheFilters()
    {
        var page = Search("a photo type:png");

        Assert.NotEmpty(page.Results);
        Assert.All(page.Results, r => Assert.Equal("png", r.Format));
    }

    [Fact]
    public void Search_SortNewest_OrdersByTakenTimeWithUndatedLast()
    {
        var page = Search("camera:canon sort:oldest");

        Assert.Equal(["invoice_2019.png", "receipt.jpg"], Names(page));
    }

    [Fact]
    public void Search_Pages_ConcatenateToTheWholeListWithoutRepeats()
    {
        var whole = Search("photos", limit: 12);
        var pages = new List<string>();
        SearchPage page;
        var offset = 0;
        do
        {
            page = Search("photos", limit: 4, offset: offset);
            pages.AddRange(page.Results.Select(r => r.Path));
            offset += page.Results.Count;
        }
        while (page.HasMore);

        Assert.Equal(whole.Results.Select(r => r.Path), pages);
        Assert.Equal(pages.Count, pages.Distinct().Count());
    }

    [Fact]
    public void Search_EmptyQuery_ListsEveryPhotoNewestFirst()
    {
        var page = Search("", limit: 100);

        Assert.Equal(library.PhotoCount, page.Results.Count);
        Assert.Equal("sunset.jpg", Names(page)[0]);
        Assert.False(page.HasMore);
    }

    [Fact]
    public void Search_ResultForCopiedPhoto_ListsEveryLocation()
    {
        using var engine = library.Engine();
        var page = engine.Search(new SearchRequest { Query = "in:backup type:jpeg" });

        var result = Assert.Single(page.Results);
        Assert.Equal(result.Paths[0], result.Path);
        Assert.Equal([library.BeachBackup, library.Beach], result.Paths.Order());
    }

    [Fact]
    public void Search_UnparsableFilter_IsReportedNotThrown()
    {
        var page = Search("beach after:someday");

        Assert.Contains(page.Problems, p => p.Contains("someday", StringComparison.Ordinal));
    }

    [Fact]
    public void Similar_ToPhotoId_RanksItsPixelCopyFirstAndLeavesItselfOut()
    {
        using var engine = library.Engine();
        var beach = library.IdOf(library.Beach);

        var page = engine.Search(new SearchRequest { LikePhoto = beach });

        Assert.Equal(library.IdOf(library.BeachCopy), page.Results[0].Id);
        Assert.DoesNotContain(page.Results, r => r.Id == beach);
        Assert.Equal("similarity", page.ScoreKind);
        Assert.True(page.Results.Zip(page.Results.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }

    [Fact]
    public void Similar_ToImageFileOutsideLibrary_FindsTheSamePictureFirst()
    {
        using var engine = library.Engine();
        var outside = Path.Combine(library.Scratch(nameof(Similar_ToImageFileOutsideLibrary_FindsTheSamePictureFirst)), "upload.jpg");
        using (var pixels = NetVips.Image.NewFromFile(library.Beach))
        {
            pixels.Jpegsave(outside, q: 70);
        }

        var page = engine.Search(new SearchRequest { LikeVector = engine.EmbedImage(outside) });

        Assert.Equal(library.IdOf(library.Beach), page.Results[0].Id);
        Assert.True(page.Results[0].Score > 0.99);
    }

    [Fact]
    public void Similar_WithFilter_KeepsOnlyPhotosPassingIt()
    {
        using var engine = library.Engine();

        var page = engine.Search(new SearchRequest { LikePhoto = library.IdOf(library.Beach), Query = "in:work" });

        Assert.Equal(["invoice_2019.png", "receipt.jpg"], Names(page).Order());
    }

    [Fact]
    public void Similar_UnknownPhoto_SaysThereIsNoSuchPhoto()
    {
        using var engine = library.Engine();

        var error = Assert.Throws<ArgumentException>(() => engine.Search(new SearchRequest { LikePhoto = 99_999 }));

        Assert.Contains("no photo 99999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmbedImage_NotAnImage_ThrowsBadImage()
    {
        using var engine = library.Engine();
        var text = Path.Combine(library.Scratch(nameof(EmbedImage_NotAnImage_ThrowsBadImage)), "notes.jpg");
        File.WriteAllText(text, "not a picture at all");

        Assert.Throws<BadImageException>(() => engine.EmbedImage(text));
    }

    [Fact]
    public void EmbedImage_WithoutModel_ExplainsWhy()
    {
        using var engine = library.Engine(withModel: false);

        var error = Assert.Throws<InvalidOperationException>(() => engine.EmbedImage(library.Beach));

        Assert.Contains("not installed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_RespectsFiltersAndLimit()
    {
        using var engine = library.Engine();

        var page = engine.Search(new SearchRequest { Random = true, Query = "in:misc", Limit = 3 });

        Assert.Equal(3, page.Results.Count);
        Assert.All(page.Results, r => Assert.Contains("/misc/", r.Path, StringComparison.Ordinal));
        Assert.Equal(page.Results.Count, page.Results.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public void GetPhoto_ReturnsMetadataLocationsAndTexts()
    {
        using var engine = library.Engine();

        var details = engine.GetPhoto(library.IdOf(library.Dog))!;

        Assert.Equal("webp", details.Photo.Format);
        Assert.True(details.HasVector);
        Assert.Equal(library.Dog, Assert.Single(details.Locations).Path);
        Assert.Contains(details.Texts, t => t is { Kind: "caption", Content: "a dog wearing sunglasses" });
        Assert.Null(engine.GetPhoto(99_999));
        Assert.Equal(library.Dog, engine.Find(library.IdOf(library.Dog))!.Path);
        Assert.Equal(details.Photo.Hash, engine.HashOf(library.IdOf(library.Dog)));
        Assert.Null(engine.HashOf(99_999));
    }

    [Fact]
    public void Search_LimitOutOfRange_IsRejected()
    {
        using var engine = library.Engine();

        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Search(new SearchRequest { Limit = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Search(new SearchRequest { Limit = SearchRequest.MaxLimit + 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Search(new SearchRequest { Offset = -1 }));
    }
}

[Tier(Tier.Unit)]
public sealed class SearchEngineTests(SearchLibrary library) : SearchEngineContract(library), IClassFixture<SearchLibrary>;

/// <summary>The catalog in PostgreSQL: vectors are searched by pgvector in the database, not loaded into the process.</summary>
[Tier(Tier.Database)]
public sealed class PostgresSearchEngineTests(PostgresSearchLibrary library) : SearchEngineContract(library), IClassFixture<PostgresSearchLibrary>;
