using Shoebox.Core;
using Shoebox.Search.Query;

namespace Shoebox.Tests.Search.Query;

[Tier(Tier.Unit)]
public class SearchQueryTests
{
    [Theory]
    [InlineData("red car after:2019 before:2020-06 camera:iphone in:Vacation",
        "red car after:2019 before:2020-06 camera:iphone in:Vacation")]
    [InlineData("IN:\"Summer 2019\" Camera:Canon  dog", "dog camera:Canon in:\"Summer 2019\"")]
    [InlineData("after:2019-02 before:2019-03", "on:2019-02")]
    [InlineData("year:2019", "on:2019")]
    [InlineData("on:2019-02-03", "on:2019-02-03")]
    [InlineData("after:2019-01-01", "after:2019")]
    [InlineData("keyword:dog type:JPG sort:date", "type:jpeg tag:dog sort:newest")]
    [InlineData("-has:text -type:gif beach -people", "beach -people -type:gif -has:text")]
    [InlineData("after:2019-13 cat", "cat")]
    [InlineData("Label:Red rating:3 -label:\"To Print\" label:RED", "rating:3 label:red -label:\"to print\"")]
    public void ToString_WritesCanonicalForm(string input, string expected)
        => Assert.Equal(expected, QueryParser.Parse(input).ToString());

    [Theory]
    [InlineData("red car after:2019 before:2020-06 camera:iphone in:Vacation")]
    [InlineData("\"a meme about writing\" -\"stop sign\" -people")]
    [InlineData("in:\"Summer 2019\" -in:\"Old Phone\" -camera:canon type:heic -type:gif")]
    [InlineData("tag:dog -tag:\"work stuff\" has:text sort:oldest")]
    [InlineData("-has:text sort:newest on:2020-02-29")]
    [InlineData("beach place:\"New York\" -place:Paris has:location")]
    [InlineData("sunset is:favorite -is:rejected rating:4")]
    [InlineData("sunset rating:2 label:red -label:purple")]
    [InlineData("beach person:\"Ada Lovelace\" -person:Bob tag:dog")]
    [InlineData("10:30 https://x.y - -5 --x :-) \"in:x\" -\"in:x\" -\"5\"")]
    [InlineData("café 🐶 -猫 camera:\"Pixel 7\"")]
    [InlineData("after:2021 before:2020")]
    [InlineData("on:9999 after:0001-01-02")]
    [InlineData("tv 55\" screen")]
    [InlineData("")]
    public void ToString_ParsedBack_GivesEqualQuery(string input)
    {
        var query = QueryParser.Parse(input);

        var again = QueryParser.Parse(query.ToString());

        Assert.Equal(query, again);
        Assert.Equal(query.ToString(), again.ToString());
    }

    [Fact]
    public void ToString_ValuesThatWouldMisread_AreQuoted()
    {
        var query = new SearchQuery
        {
            Terms = [new QueryTerm("camera:x", false), new QueryTerm("two words", false)],
            Excluded = ["5", "-x"],
            Filter = new PhotoFilter { Folders = ["a b"] },
        };

        var again = QueryParser.Parse(query.ToString());

        Assert.Equal("\"camera:x\" \"two words\" -\"5\" -\"-x\" in:\"a b\"", query.ToString());
        Assert.Equal(["camera:x", "two words"], again.Phrases);
        Assert.Equal(query.Excluded, again.Excluded);
        Assert.Equal(query.Filter.Folders, again.Filter.Folders);
    }

    [Fact]
    public void Equals_SameContentDifferentLists_AreEqual()
    {
        var a = new SearchQuery { Filter = new PhotoFilter { Cameras = ["iphone"], Formats = [ImageFormat.Png] } };
        var b = new SearchQuery { Filter = new PhotoFilter { Cameras = new List<string> { "iphone" }, Formats = new List<ImageFormat> { ImageFormat.Png } } };

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Equals_ProblemsIgnored() =>
        Assert.Equal(QueryParser.Parse("cat"), QueryParser.Parse("cat after:nope"));

    [Theory]
    [InlineData("cat", "dog")]
    [InlineData("cat", "\"cat\"")]
    [InlineData("camera:a", "-camera:a")]
    [InlineData("after:2019", "before:2019")]
    [InlineData("has:text", "-has:text")]
    public void Equals_DifferentQueries_NotEqual(string left, string right) =>
        Assert.NotEqual(QueryParser.Parse(left), QueryParser.Parse(right));

    [Theory]
    [InlineData("cat", false)]
    [InlineData("-cat", false)]
    [InlineData("in:x", false)]
    [InlineData("has:text", false)]
    [InlineData("sort:newest", false)]
    [InlineData("sort:relevance", true)]
    [InlineData("after:nope", true)]
    public void IsEmpty_DependsOnTextFiltersAndSort(string input, bool expected) =>
        Assert.Equal(expected, QueryParser.Parse(input).IsEmpty);

    [Fact]
    public void HelpText_MentionsEveryKey()
    {
        foreach (var key in new[] { "after:", "before:", "on:", "year:", "camera:", "in:", "type:", "has:text", "tag:", "keyword:", "sort:" })
            Assert.Contains(key, QuerySyntax.HelpText, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpText_Example_ParsesCleanly()
    {
        var example = QuerySyntax.HelpText.Split('\n').Single(l => l.StartsWith("Example: ", StringComparison.Ordinal))["Example: ".Length..];

        Assert.Empty(QueryParser.Parse(example).Problems);
    }

    [Fact]
    public void Sections_EveryExample_ParsesCleanlyAsTheQueryThePageRuns()
    {
        var examples = QuerySyntax.Sections.SelectMany(s => s.Entries).SelectMany(e => e.Examples).Append(QuerySyntax.Example).ToList();

        Assert.True(examples.Count >= 15);
        Assert.All(examples, e => Assert.Empty(QueryParser.Parse(e).Problems));
    }

    [Fact]
    public void HelpText_EveryLineOfTheSections_IsInIt()
    {
        foreach (var entry in QuerySyntax.Sections.SelectMany(s => s.Entries))
        {
            Assert.Contains($"{string.Join("  ", entry.Examples),-24}{entry.Meaning}\n", QuerySyntax.HelpText, StringComparison.Ordinal);
        }
        Assert.All(QuerySyntax.Notes, n => Assert.Contains(n, QuerySyntax.HelpText, StringComparison.Ordinal));
    }
}
