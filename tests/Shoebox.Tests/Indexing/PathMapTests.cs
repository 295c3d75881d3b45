using Shoebox.Indexing;

namespace Shoebox.Tests.Indexing;

[Tier(Tier.Unit)]
public class PathMapTests
{
    [Fact]
    public void Apply_PathUnderAMappedFolder_IsReadFromTheLocalMount()
    {
        var map = PathMap.Parse(["/srv/photos/=/mnt/photos"]);

        Assert.Equal("/mnt/photos/2019/a.jpg", map.Apply("/srv/photos/2019/a.jpg"));
        Assert.Equal("/mnt/photos", map.Apply("/srv/photos"));
    }

    [Fact]
    public void Apply_FolderThatOnlySharesAPrefix_IsLeftAsItIs()
    {
        var map = PathMap.Parse(["/srv/photos=/mnt/photos"]);

        Assert.Equal("/srv/photos-old/a.jpg", map.Apply("/srv/photos-old/a.jpg"));
        Assert.Equal("/elsewhere/a.jpg", map.Apply("/elsewhere/a.jpg"));
    }

    [Fact]
    public void Apply_SeveralRules_TheLongestMatchingFolderWins()
    {
        var map = PathMap.Parse(["/srv=/mnt/all", "/srv/photos=/mnt/photos"]);

        Assert.Equal("/mnt/photos/a.jpg", map.Apply("/srv/photos/a.jpg"));
        Assert.Equal("/mnt/all/music/a.jpg", map.Apply("/srv/music/a.jpg"));
    }

    [Fact]
    public void Apply_LibraryCataloguedOnWindows_GetsThisMachinesSeparators()
    {
        var map = PathMap.Parse([@"D:\Photos=/mnt/photos"]);

        Assert.Equal("/mnt/photos/2019/a.jpg", map.Apply(@"D:\Photos\2019\a.jpg"));
    }

    [Theory]
    [InlineData("/srv/photos")]
    [InlineData("=/mnt/photos")]
    [InlineData("/srv/photos=")]
    public void Parse_RuleWithoutBothSides_SaysWhatIsExpected(string rule)
    {
        var error = Assert.Throws<FormatException>(() => PathMap.Parse([rule]));

        Assert.Contains("FROM=TO", error.Message, StringComparison.Ordinal);
    }
}
