using Shoebox.Catalog;
using Shoebox.Core;
using Shoebox.Search.Query;

namespace Shoebox.Tests.Search.Query;

[Tier(Tier.Unit)]
public class QueryParserTests
{
    [Fact]
    public void Parse_IssueExample_SplitsTextAndFilters()
    {
        var query = QueryParser.Parse("red car after:2019 before:2020-06 camera:iphone in:Vacation");

        Assert.Equal("red car", query.Text);
        Assert.Equal(new DateTime(2019, 1, 1), query.Filter.TakenFrom);
        Assert.Equal(new DateTime(2020, 6, 1), query.Filter.TakenBefore);
        Assert.Equal(["iphone"], query.Filter.Cameras);
        Assert.Equal(["Vacation"], query.Filter.Folders);
        Assert.Empty(query.Problems);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t \n ")]
    public void Parse_EmptyOrWhiteSpace_IsEmpty(string input)
    {
        var query = QueryParser.Parse(input);

        Assert.True(query.IsEmpty);
        Assert.Equal("", query.Text);
        Assert.Empty(query.Problems);
    }

    [Fact]
    public void Parse_ExtraWhiteSpace_Collapses() =>
        Assert.Equal("red car", QueryParser.Parse("  red \t  car\n").Text);

    [Fact]
    public void Parse_UnicodeWords_KeptAsText() =>
        Assert.Equal("café 猫 🐶 Straße", QueryParser.Parse("café 猫 🐶 Straße").Text);

    [Fact]
    public void Parse_QuotedPhrase_IsPhraseAndInText()
    {
        var query = QueryParser.Parse("dog \"a meme about  writing\" cat");

        Assert.Equal("dog a meme about writing cat", query.Text);
        Assert.Equal(["a meme about writing"], query.Phrases);
        Assert.Equal(
            [new QueryTerm("dog", false), new QueryTerm("a meme about writing", true), new QueryTerm("cat", false)],
            query.Terms);
    }

    [Fact]
    public void Parse_UnterminatedQuote_RunsToEnd() =>
        Assert.Equal(["red car"], QueryParser.Parse("photo \"red car").Phrases);

    [Fact]
    public void Parse_EmptyQuotes_Ignored() => Assert.True(QueryParser.Parse("\"\" \"  \"").IsEmpty);

    [Fact]
    public void Parse_QuoteInsideWord_StartsPhrase()
    {
        var query = QueryParser.Parse("tv 55\" screen\"");

        Assert.Equal([new QueryTerm("tv", false), new QueryTerm("55", false), new QueryTerm("screen", true)], query.Terms);
    }

    [Fact]
    public void Parse_NegativeWordsAndPhrases_GoToExcluded()
    {
        var query = QueryParser.Parse("beach -people -\"stop sign\"");

        Assert.Equal("beach", query.Text);
        Assert.Equal(["people", "stop sign"], query.Excluded);
    }

    [Theory]
    [InlineData("-")]
    [InlineData("--verbose")]
    [InlineData("-5")]
    [InlineData(":-)")]
    [InlineData("-_-")]
    public void Parse_MinusNotBeforeWord_StaysText(string input)
    {
        var query = QueryParser.Parse(input);

        Assert.Equal(input, query.Text);
        Assert.Empty(query.Excluded);
    }

    [Theory]
    [InlineData("10:30")]
    [InlineData("https://x.y")]
    [InlineData("foo:bar")]
    [InlineData("re:zero")]
    [InlineData("c:\\photos")]
    public void Parse_UnknownKey_StaysText(string input)
    {
        var query = QueryParser.Parse(input);

        Assert.Equal(input, query.Text);
        Assert.False(query.HasFilters);
        Assert.Empty(query.Problems);
    }

    [Fact]
    public void Parse_NegatedUnknownKey_ExcludesWord() => Assert.Equal(["foo:bar"], QueryParser.Parse("-foo:bar").Excluded);

    [Theory]
    [InlineData("CAMERA:iPhone")]
    [InlineData("Camera:iPhone")]
    [InlineData("camera:iPhone")]
    public void Parse_KeyCase_Ignored_ValueKept(string input) => Assert.Equal(["iPhone"], QueryParser.Parse(input).Filter.Cameras);

    [Fact]
    public void Parse_QuotedFilterValue_KeepsSpaces()
    {
        var query = QueryParser.Parse("in:\"Summer  2019\" beach");

        Assert.Equal(["Summer 2019"], query.Filter.Folders);
        Assert.Equal("beach", query.Text);
    }

    [Fact]
    public void Parse_RepeatedFilters_CollectDistinct()
    {
        var query = QueryParser.Parse("camera:canon camera:nikon camera:Canon in:a in:b");

        Assert.Equal(["canon", "nikon"], query.Filter.Cameras);
        Assert.Equal(["a", "b"], query.Filter.Folders);
    }

    [Fact]
    public void Parse_NegatedFilters_GoToExcludedLists()
    {
        var query = QueryParser.Parse("-camera:canon -in:Screenshots -type:gif -tag:work -has:text");

        Assert.Equal(["canon"], query.Filter.ExcludedCameras);
        Assert.Equal(["Screenshots"], query.Filter.ExcludedFolders);
        Assert.Equal([ImageFormat.Gif], query.Filter.ExcludedFormats);
        Assert.Equal(["work"], query.Filter.ExcludedKeywords);
        Assert.False(query.Filter.HasText);
        Assert.Empty(query.Filter.Cameras);
        Assert.Empty(query.Excluded);
    }

    [Theory]
    [InlineData("type:jpeg", ImageFormat.Jpeg)]
    [InlineData("type:JPG", ImageFormat.Jpeg)]
    [InlineData("type:png", ImageFormat.Png)]
    [InlineData("type:gif", ImageFormat.Gif)]
    [InlineData("type:webp", ImageFormat.WebP)]
    [InlineData("type:heic", ImageFormat.Heif)]
    [InlineData("type:heif", ImageFormat.Heif)]
    [InlineData("type:tif", ImageFormat.Tiff)]
    [InlineData("type:avif", ImageFormat.Avif)]
    [InlineData("type:CR3", ImageFormat.Cr3)]
    [InlineData("type:3fr", ImageFormat.Hasselblad3fr)]
    public void Parse_Type_MapsToFormat(string input, ImageFormat expected) => Assert.Equal([expected], QueryParser.Parse(input).Filter.Formats);

    [Fact]
    public void Parse_UnknownType_Reported()
    {
        var query = QueryParser.Parse("type:tga cat");

        Assert.Empty(query.Filter.Formats);
        Assert.Equal("cat", query.Text);
        Assert.Equal(["type:tga is not a known type (use one of jpeg, png, gif, webp, bmp, tiff, heic, avif, cr2, cr3, crw, nef, arw, dng, orf, rw2, pef, srw, raf, mrw, x3f, iiq, 3fr)"], query.Problems);
    }

    [Theory]
    [InlineData("tag:dog")]
    [InlineData("keyword:dog")]
    [InlineData("Keyword:dog")]
    public void Parse_TagOrKeyword_AddsKeyword(string input) => Assert.Equal(["dog"], QueryParser.Parse(input).Filter.Keywords);

    [Fact]
    public void Parse_PersonAndNotPerson_AddsPeopleToFind()
    {
        var query = QueryParser.Parse("beach person:\"Ada Lovelace\" -person:Bob");

        Assert.Equal(["Ada Lovelace"], query.Filter.People);
        Assert.Equal(["Bob"], query.Filter.ExcludedPeople);
        Assert.Equal("beach", query.Text);
        Assert.False(query.Filter.IsEmpty);
    }

    [Theory]
    [InlineData("has:text", true)]
    [InlineData("HAS:Text", true)]
    [InlineData("-has:text", false)]
    public void Parse_HasText_SetsFlag(string input, bool expected) => Assert.Equal(expected, QueryParser.Parse(input).Filter.HasText);

    [Fact]
    public void Parse_HasUnknown_Reported()
    {
        var query = QueryParser.Parse("has:faces");

        Assert.Null(query.Filter.HasText);
        Assert.Equal(["has:faces is not known (use has:text or has:location, or -has:...)"], query.Problems);
    }

    [Theory]
    [InlineData("has:location", true)]
    [InlineData("has:GPS", true)]
    [InlineData("-has:location", false)]
    public void Parse_HasLocation_SetsFlag(string input, bool expected) => Assert.Equal(expected, QueryParser.Parse(input).Filter.HasLocation);

    [Fact]
    public void Parse_MarksAndRating_FromPhotoLibraries()
    {
        var query = QueryParser.Parse("is:Favourite is:picked -is:rejected rating:4");

        Assert.Equal([PhotoMark.Favorite, PhotoMark.Picked], query.Filter.Flags);
        Assert.Equal([PhotoMark.Rejected], query.Filter.ExcludedFlags);
        Assert.Equal(4, query.Filter.MinRating);
        Assert.Empty(query.Problems);
    }

    [Fact]
    public void Parse_Labels_LowerCaseIncludedAndExcluded()
    {
        var query = QueryParser.Parse("label:Red label:green -label:\"To Print\"");

        Assert.Equal(["red", "green"], query.Filter.Labels);
        Assert.Equal(["to print"], query.Filter.ExcludedLabels);
        Assert.True(query.HasFilters);
        Assert.Empty(query.Problems);
    }

    [Theory]
    [InlineData("rating:6", "rating:6 is not a rating (use rating:1 to rating:5, meaning that many stars or more)")]
    [InlineData("rating:three", "rating:three is not a rating (use rating:1 to rating:5, meaning that many stars or more)")]
    [InlineData("is:blurry", "is:blurry is not known (use is:favorite, is:picked or is:rejected, or -is:...)")]
    public void Parse_UnknownMarkOrRating_Reported(string input, string problem)
    {
        var query = QueryParser.Parse(input);

        Assert.False(query.HasFilters);
        Assert.Equal([problem], query.Problems);
    }

    [Fact]
    public void Parse_Place_IncludesAndExcludes()
    {
        var query = QueryParser.Parse("place:Lisbon place:\"New York\" -place:Paris");

        Assert.Equal(["Lisbon", "New York"], query.Filter.Places);
        Assert.Equal(["Paris"], query.Filter.ExcludedPlaces);
        Assert.True(query.HasFilters);
    }

    [Theory]
    [InlineData("sort:date", SortOrder.Newest)]
    [InlineData("sort:newest", SortOrder.Newest)]
    [InlineData("sort:-date", SortOrder.Oldest)]
    [InlineData("sort:oldest", SortOrder.Oldest)]
    [InlineData("sort:relevance", SortOrder.Relevance)]
    [InlineData("sort:oldest sort:newest", SortOrder.Newest)]
    public void Parse_Sort_SetsOrder(string input, SortOrder expected) => Assert.Equal(expected, QueryParser.Parse(input).Sort);

    [Theory]
    [InlineData("sort:size")]
    [InlineData("-sort:date")]
    public void Parse_BadSort_ReportedAndDefaultKept(string input)
    {
        var query = QueryParser.Parse(input);

        Assert.Equal(SortOrder.Relevance, query.Sort);
        Assert.Single(query.Problems);
    }

    [Theory]
    [InlineData("camera:")]
    [InlineData("in:\"\"")]
    [InlineData("in:\"  ")]
    public void Parse_FilterWithoutValue_Reported(string input)
    {
        var query = QueryParser.Parse(input);

        Assert.False(query.HasFilters);
        Assert.Empty(query.Terms);
        Assert.EndsWith("has no value", Assert.Single(query.Problems));
    }

    [Fact]
    public void Parse_FilterValueWithColon_KeptWhole() => Assert.Equal(["a:b"], QueryParser.Parse("in:a:b").Filter.Folders);

    [Fact]
    public void Parse_TextBetweenFilters_KeptInOrder() =>
        Assert.Equal("red old car", QueryParser.Parse("red camera:x old in:y car").Text);
}
