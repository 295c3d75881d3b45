using Shoebox.Search.Query;

namespace Shoebox.Tests.Search.Query;

[Tier(Tier.Unit)]
public class QueryParserDateTests
{
    [Theory]
    [InlineData("after:2019", 2019, 1, 1)]
    [InlineData("after:2019-02", 2019, 2, 1)]
    [InlineData("after:2019-02-14", 2019, 2, 14)]
    [InlineData("AFTER:2019-12-31", 2019, 12, 31)]
    public void Parse_After_StartsAtBeginningOfPeriod(string input, int year, int month, int day)
    {
        var query = QueryParser.Parse(input);

        Assert.Equal(new DateTime(year, month, day), query.Filter.TakenFrom);
        Assert.Null(query.Filter.TakenBefore);
    }

    [Theory]
    [InlineData("before:2019", 2019, 1, 1)]
    [InlineData("before:2019-12", 2019, 12, 1)]
    [InlineData("before:2019-12-25", 2019, 12, 25)]
    public void Parse_Before_EndsAtBeginningOfPeriod(string input, int year, int month, int day)
    {
        var query = QueryParser.Parse(input);

        Assert.Null(query.Filter.TakenFrom);
        Assert.Equal(new DateTime(year, month, day), query.Filter.TakenBefore);
    }

    [Theory]
    [InlineData("on:2019", "2019-01-01", "2020-01-01")]
    [InlineData("year:2019", "2019-01-01", "2020-01-01")]
    [InlineData("on:2019-02", "2019-02-01", "2019-03-01")]
    [InlineData("on:2019-12", "2019-12-01", "2020-01-01")]
    [InlineData("on:2019-02-28", "2019-02-28", "2019-03-01")]
    [InlineData("on:2020-02", "2020-02-01", "2020-03-01")]
    [InlineData("on:2019-12-31", "2019-12-31", "2020-01-01")]
    public void Parse_On_CoversWholePeriod(string input, string after, string before)
    {
        var query = QueryParser.Parse(input);

        Assert.Equal(DateTime.Parse(after), query.Filter.TakenFrom);
        Assert.Equal(DateTime.Parse(before), query.Filter.TakenBefore);
    }

    [Fact]
    public void Parse_LeapDay_Accepted()
    {
        var query = QueryParser.Parse("on:2020-02-29");

        Assert.Empty(query.Problems);
        Assert.Equal(new DateTime(2020, 2, 29), query.Filter.TakenFrom);
        Assert.Equal(new DateTime(2020, 3, 1), query.Filter.TakenBefore);
    }

    [Theory]
    [InlineData("after:2019-13")]
    [InlineData("after:2019-00")]
    [InlineData("after:2019-02-29")]
    [InlineData("after:1900-02-29")]
    [InlineData("after:2019-04-31")]
    [InlineData("after:2019-1-5")]
    [InlineData("after:19")]
    [InlineData("after:0000")]
    [InlineData("after:2019/02")]
    [InlineData("after:yesterday")]
    [InlineData("after:２０１９")]
    public void Parse_InvalidDate_ReportedAndIgnored(string input)
    {
        var query = QueryParser.Parse(input + " cat");

        Assert.Null(query.Filter.TakenFrom);
        Assert.Equal("cat", query.Text);
        Assert.Equal([$"{input} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"], query.Problems);
    }

    [Fact]
    public void Parse_YearWithMonth_Reported()
    {
        var query = QueryParser.Parse("year:2019-02");

        Assert.Null(query.Filter.TakenFrom);
        Assert.Equal(["year:2019-02 is not a year (use YYYY)"], query.Problems);
    }

    [Fact]
    public void Parse_SeveralDateFilters_Intersect()
    {
        var query = QueryParser.Parse("year:2019 after:2019-03 before:2020 before:2019-10");

        Assert.Equal(new DateTime(2019, 3, 1), query.Filter.TakenFrom);
        Assert.Equal(new DateTime(2019, 10, 1), query.Filter.TakenBefore);
        Assert.Empty(query.Problems);
    }

    [Fact]
    public void Parse_EmptyRange_ReportedButKept()
    {
        var query = QueryParser.Parse("after:2021 before:2020");

        Assert.Equal(new DateTime(2021, 1, 1), query.Filter.TakenFrom);
        Assert.Equal(new DateTime(2020, 1, 1), query.Filter.TakenBefore);
        Assert.Equal(["after:2021 and before:2020 leave no dates to match"], query.Problems);
    }

    [Theory]
    [InlineData("-after:2019")]
    [InlineData("-on:2019-02")]
    public void Parse_NegatedDate_Reported(string input)
    {
        var query = QueryParser.Parse(input);

        Assert.Null(query.Filter.TakenFrom);
        Assert.Null(query.Filter.TakenBefore);
        Assert.Single(query.Problems);
    }

    [Fact]
    public void Parse_OnLastYearOfCalendar_HasNoUpperBound()
    {
        var query = QueryParser.Parse("on:9999-12");

        Assert.Equal(new DateTime(9999, 12, 1), query.Filter.TakenFrom);
        Assert.Null(query.Filter.TakenBefore);
    }
}
