using System.Formats.Tar;
using System.IO.Compression;
using Shoebox.Core;
using Shoebox.Sources;
using Shoebox.Sources.GoogleTakeout;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Sources.GoogleTakeout;

/// <summary>Archives made to attack the reader: names that leave the archive, links, entries claiming any size.</summary>
[Tier(Tier.Unit)]
public class HostileArchiveTests
{
    private const string Photos = "Takeout/Google Photos";

    [Theory]
    [InlineData("zip")]
    [InlineData("tgz")]
    public async Task List_EntryNamesThatLeaveTheArchive_AreSkippedAndReported(string kind)
    {
        using var temp = new TempFolder();
        var jpeg = TakeoutFiles.Jpeg(temp);
        var files = new TakeoutFiles()
            .Add($"{Photos}/Trip/kept.jpg", jpeg)
            .Add($"{Photos}/Trip/../../../../../../home/me/Pictures/wedding.jpg", TakeoutFiles.Jpeg(temp))
            .Add(@"Takeout\Google Photos\..\..\..\escape.jpg", TakeoutFiles.Jpeg(temp))
            .Add("/etc/absolute.jpg", TakeoutFiles.Jpeg(temp))
            .Add("C:/Users/me/drive.jpg", TakeoutFiles.Jpeg(temp))
            .Add($"{Photos}/Trip/../wedding.jpg.json", TakeoutFiles.Sidecar("wedding.jpg"));
        var archive = kind == "zip" ? files.WriteZip(temp["takeout-1.zip"]) : files.WriteTgz(temp["takeout-1.tgz"]);

        var (found, problems) = await TakeoutFiles.ListAsync(new TakeoutSource(archive));

        var kept = Assert.Single(found);
        Assert.Equal(new ArchiveEntry(archive, $"{Photos}/Trip/kept.jpg"), kept.Content);
        Assert.Equal(5, problems.Count);
        Assert.All(problems, p => Assert.StartsWith("skipped: its name", p.Reason, StringComparison.Ordinal));
        Assert.All(problems, p => Assert.False(p.IsFolder));
        Assert.Equal(3, problems.Count(p => p.Reason.Contains("(..)", StringComparison.Ordinal)));
        Assert.Equal(2, problems.Count(p => p.Reason.Contains("absolute path", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task List_TarLinks_AreSkippedAndReportedLikeOtherSkippedEntries()
    {
        using var temp = new TempFolder();
        var tgz = temp["takeout-1.tgz"];
        using (var file = File.Create(tgz))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"{Photos}/Trip/a.jpg") { DataStream = new MemoryStream(TakeoutFiles.Jpeg(temp)) });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, $"{Photos}/Trip/secret.jpg") { LinkName = "/home/me/.ssh/id_ed25519" });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, $"{Photos}/Album/a.jpg") { LinkName = $"{Photos}/Trip/a.jpg" });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, $"{Photos}/Trip/notes.txt") { LinkName = "/etc/passwd" });
        }

        var (found, problems) = await TakeoutFiles.ListAsync(new TakeoutSource(tgz));

        Assert.Equal("a.jpg", Path.GetFileName(Assert.Single(found).Path));
        Assert.Equal(2, problems.Count); // the link named like a text file is not a photo: not reported
        var symbolic = Assert.Single(problems, p => p.Path.EndsWith("secret.jpg", StringComparison.Ordinal));
        Assert.Equal("skipped: a symbolic link (to /home/me/.ssh/id_ed25519): links inside an archive are not followed", symbolic.Reason);
        var hard = Assert.Single(problems, p => p.Path.EndsWith("Album/a.jpg", StringComparison.Ordinal));
        Assert.StartsWith("skipped: a hard link", hard.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ZipSymbolicLink_IsSkippedAndReported()
    {
        using var temp = new TempFolder();
        var zip = temp["takeout-1.zip"];
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            var link = archive.CreateEntry($"{Photos}/Trip/secret.jpg");
            link.ExternalAttributes = unchecked((int)0xA1FF0000); // lrwxrwxrwx, as Info-ZIP stores a link
            using (var target = link.Open())
            {
                target.Write("/home/me/secret.jpg"u8);
            }
        }

        var (found, problems) = await TakeoutFiles.ListAsync(new TakeoutSource(zip));

        Assert.Empty(found);
        Assert.Contains("symbolic link", Assert.Single(problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_EntryClaimingMoreThanTheLimit_IsSkippedAndReported()
    {
        using var temp = new TempFolder();
        var zip = new TakeoutFiles()
            .Add($"{Photos}/Trip/a.jpg", TakeoutFiles.Jpeg(temp))
            .Add($"{Photos}/Trip/bomb.jpg", TakeoutFiles.Jpeg(temp))
            .WriteZip(temp["takeout-1.zip"]);
        ClaimLength(zip, "bomb.jpg", ArchiveReader.MaxEntryLength + 1);

        var (found, problems) = await TakeoutFiles.ListAsync(new TakeoutSource(zip));

        Assert.Equal("a.jpg", Path.GetFileName(Assert.Single(found).Path));
        var problem = Assert.Single(problems);
        Assert.EndsWith("bomb.jpg", problem.Path, StringComparison.Ordinal);
        Assert.Contains("1,073,741,825 bytes, more than the 1 GiB an entry may be", problem.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zip")]
    [InlineData("tgz")]
    public void OpenEntry_Seek_ReadsAnyRangeAndSeeksBack(string kind)
    {
        using var temp = new TempFolder();
        var content = new byte[300_000];
        new Random(5).NextBytes(content);
        var files = new TakeoutFiles().Add("a/first.bin", [1, 2, 3]).Add("a/photo.jpg", content).Add("a/last.bin", [4]);
        var archive = kind == "zip" ? files.WriteZip(temp["x.zip"]) : files.WriteTgz(temp["x.tgz"]);

        using var stream = ArchiveReader.OpenEntry(new ArchiveEntry(archive, "a/photo.jpg"));
        var middle = new byte[1000];
        stream.Position = 200_000;
        stream.ReadExactly(middle);
        var start = new byte[10];
        stream.Position = 5;
        stream.ReadExactly(start);
        stream.Position = content.Length - 3;
        var tail = new byte[10];
        var read = stream.ReadAtLeast(tail, tail.Length, throwOnEndOfStream: false);

        Assert.True(stream.CanSeek);
        Assert.Equal(content.Length, stream.Length);
        Assert.Equal(TakeoutFiles.EntryTime.Ticks, stream.ModifiedTicks);
        Assert.Equal(content[200_000..201_000], middle);
        Assert.Equal(content[5..15], start);
        Assert.Equal(content[^3..], tail[..read]);
    }

    [Fact]
    public void OpenEntry_RangeNearTheEndOfALargeEntry_NeverHoldsTheEntryInMemory()
    {
        using var temp = new TempFolder();
        const int Size = 64 << 20; // zeros: the zip stays small, the entry does not
        var zip = temp["x.zip"];
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        using (var entry = archive.CreateEntry("photo.jpg", CompressionLevel.Optimal).Open())
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < Size / zeros.Length; i++)
            {
                entry.Write(zeros);
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        using (var stream = ArchiveReader.OpenEntry(new ArchiveEntry(zip, "photo.jpg")))
        {
            stream.Position = Size - 100;
            stream.ReadExactly(new byte[100]);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(allocated, 0, 4 << 20);
    }

    [Fact]
    public void OpenEntry_EntryRefused_SaysWhyInsteadOfReadingIt()
    {
        using var temp = new TempFolder();
        var zip = new TakeoutFiles().Add("a/bomb.jpg", TakeoutFiles.Jpeg(temp)).WriteZip(temp["x.zip"]);
        ClaimLength(zip, "bomb.jpg", ArchiveReader.MaxEntryLength + 1);

        var error = Assert.Throws<InvalidDataException>(() => ArchiveReader.OpenEntry(new ArchiveEntry(zip, "a/bomb.jpg")));

        Assert.Contains("more than the 1 GiB", error.Message, StringComparison.Ordinal);
    }

    // Rewrites the uncompressed size an entry claims, in its local header and in the central directory.
    internal static void ClaimLength(string zip, string nameEnd, long length)
    {
        var bytes = File.ReadAllBytes(zip);
        var name = System.Text.Encoding.UTF8.GetBytes(nameEnd);
        var claimed = BitConverter.GetBytes((uint)length);
        for (var at = 0; at + 46 < bytes.Length; at++)
        {
            var local = bytes.AsSpan(at).StartsWith("PK\x03\x04"u8);
            var central = bytes.AsSpan(at).StartsWith("PK\x01\x02"u8);
            if (!local && !central)
            {
                continue;
            }
            var nameLength = BitConverter.ToUInt16(bytes, at + (local ? 26 : 28));
            var nameAt = at + (local ? 30 : 46);
            if (bytes.AsSpan(nameAt, nameLength).EndsWith(name))
            {
                claimed.CopyTo(bytes, at + (local ? 22 : 24));
            }
        }
        File.WriteAllBytes(zip, bytes);
    }
}
