using System.Threading.Channels;
using Shoebox.Sources;
using Shoebox.Sources.FileSystem;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Sources;

[Tier(Tier.Unit)]
public class FolderWalkerTests
{
    private static async Task<(List<FoundFile> Files, IReadOnlyList<WalkProblem> Problems)> WalkAsync(string root, WalkOptions? options = null)
    {
        var channel = Channel.CreateUnbounded<FoundFile>();
        var problems = await new FolderWalker(options ?? new WalkOptions()).WalkAsync([root], channel.Writer, CancellationToken.None);
        var files = new List<FoundFile>();
        await foreach (var file in channel.Reader.ReadAllAsync())
        {
            files.Add(file);
        }
        return (files, problems);
    }

    private static List<string> Relative(string root, IEnumerable<FoundFile> files) =>
        files.Select(f => Path.GetRelativePath(root, f.Path)).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task Walk_HiddenAndSystemFolders_AreSkipped()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["a.jpg"], "x");
        temp.Folder("sub");
        File.WriteAllText(temp["sub/b.jpg"], "x");
        temp.Folder(".hidden");
        File.WriteAllText(temp[".hidden/c.jpg"], "x");
        File.WriteAllText(temp["._d.jpg"], "x");
        temp.Folder("@eaDir/a.jpg");
        File.WriteAllText(temp["@eaDir/a.jpg/SYNOPHOTO_THUMB_XL.jpg"], "x");
        temp.Folder("Private");
        File.WriteAllText(temp["Private/e.jpg"], "x");

        var (files, problems) = await WalkAsync(temp.Path, new WalkOptions { ExcludedNames = [.. WalkOptions.DefaultExcludedNames, "private"] });

        Assert.Equal(["a.jpg", Path.Combine("sub", "b.jpg")], Relative(temp.Path, files));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Walk_IncludeHidden_FindsHiddenFiles()
    {
        using var temp = new TempFolder();
        temp.Folder(".hidden");
        File.WriteAllText(temp[".hidden/c.jpg"], "x");

        var (files, _) = await WalkAsync(temp.Path, new WalkOptions { IncludeHidden = true });

        Assert.Equal([Path.Combine(".hidden", "c.jpg")], Relative(temp.Path, files));
    }

    [Fact]
    public async Task Walk_SymlinkLoop_EndsAndListsEachFileOnce()
    {
        using var temp = new TempFolder();
        var inner = temp.Folder("a/b");
        File.WriteAllText(Path.Combine(inner, "x.jpg"), "x");
        Directory.CreateSymbolicLink(Path.Combine(inner, "back-to-a"), temp["a"]);
        Directory.CreateSymbolicLink(temp["a/self"], temp["a"]);

        var (files, _) = await WalkAsync(temp["a"]);

        Assert.Single(files);
        Assert.Equal(Path.Combine(inner, "x.jpg"), files[0].Path);
    }

    [Fact]
    public async Task Walk_LinkedFolderAndFileOutsideRoot_AreFollowed()
    {
        using var temp = new TempFolder();
        var outside = temp.Folder("outside");
        File.WriteAllBytes(Path.Combine(outside, "far.jpg"), new byte[1234]);
        var root = temp.Folder("root");
        Directory.CreateSymbolicLink(Path.Combine(root, "linked"), outside);
        File.CreateSymbolicLink(Path.Combine(root, "alias.jpg"), Path.Combine(outside, "far.jpg"));

        var (files, _) = await WalkAsync(root);

        Assert.Equal(["alias.jpg", Path.Combine("linked", "far.jpg")], Relative(root, files));
        Assert.All(files, f => Assert.Equal(1234, f.Size)); // the target's size, not the link's
    }

    [Fact]
    public async Task Walk_FolderReachableByLinkAndByItsOwnPath_IsListedUnderItsOwnPath()
    {
        using var temp = new TempFolder();
        var root = temp.Folder("root");
        // "a-link" sorts before "z-real" and is listed first, yet the real path must win.
        var real = temp.Folder("root/z-real/inner");
        File.WriteAllText(Path.Combine(real, "x.jpg"), "x");
        Directory.CreateSymbolicLink(temp["root/a-link"], temp["root/z-real"]);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var (files, _) = await WalkAsync(root, new WalkOptions { Parallelism = 4 });

            Assert.Equal([Path.Combine("z-real", "inner", "x.jpg")], Relative(root, files));
        }
    }

    [Fact]
    public async Task Walk_BrokenLink_IsReportedAsProblem()
    {
        using var temp = new TempFolder();
        File.CreateSymbolicLink(temp["gone.jpg"], temp["does-not-exist.jpg"]);

        var (files, problems) = await WalkAsync(temp.Path);

        Assert.Empty(files);
        var problem = Assert.Single(problems);
        Assert.Contains("broken symbolic link", problem.Reason);
    }

    [Fact]
    public async Task Walk_UnicodeAndNewlineNames_AreListedAsTheyAre()
    {
        using var temp = new TempFolder();
        string[] names = ["café ☕.jpg", "日本語の写真.jpg", "line\nbreak.jpg", "tab\there.png"];
        foreach (var name in names)
        {
            File.WriteAllText(temp[name], "x");
        }

        var (files, _) = await WalkAsync(temp.Path);

        Assert.Equal(names.Order(StringComparer.Ordinal), Relative(temp.Path, files));
    }

    [Fact]
    public async Task Walk_ManyFolders_FindsEveryFile()
    {
        using var temp = new TempFolder();
        for (var i = 0; i < 40; i++)
        {
            var folder = temp.Folder($"d{i % 7}/e{i}");
            File.WriteAllText(Path.Combine(folder, $"{i}.jpg"), "x");
        }

        var (files, _) = await WalkAsync(temp.Path, new WalkOptions { Parallelism = 4 });

        Assert.Equal(40, files.Select(f => f.Path).Distinct().Count());
    }
}
