using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Shoebox.Tests.Fixtures;
using Shoebox.Tests.Sources.CaptureOne;
using static Shoebox.Tests.Sources.CaptureOne.CaptureOneCatalogFixture;

namespace Shoebox.Tests.Cli;

/// <summary>Capture One catalogs and sessions from the command line: imported, searchable by what Capture One shows, never changed.</summary>
[Tier(Tier.EndToEnd)]
public class CaptureOneCommandTests(TinyModelFolder tiny) : IClassFixture<TinyModelFolder>
{
    private async Task<CliResult> RunAsync(TempFolder temp, params string[] args) =>
        await Fixtures.Cli.RunAsync([.. args, "--library", temp.Library, "--model", tiny.Path]);

    /// <summary>What a search finds, best first.</summary>
    private static async Task<JsonElement[]> FoundAsync(TempFolder temp, string query)
    {
        var search = await Fixtures.Cli.RunAsync("search", query, "--library", temp.Library, "--json");
        Assert.True(search.ExitCode == 0, search.Error);
        return [.. search.Json.GetProperty("results").EnumerateArray()];
    }

    private static string NameOf(JsonElement result) => Path.GetFileName(result.GetProperty("path").GetString()!);

    private static async Task<string[]> NamesAsync(TempFolder temp, string query) =>
        [.. (await FoundAsync(temp, query)).Select(NameOf).Order(StringComparer.Ordinal)];

    // Words are matched in the library's texts and by the model; the generated model's similarities are noise, so
    // what the words select is the best-ranked photo.
    private static async Task<string> TopAsync(TempFolder temp, string words) => NameOf((await FoundAsync(temp, words))[0]);

    /// <summary>Every file under <paramref name="folder"/> with its size and SHA-256: the same before and after means nothing was written, added or removed.</summary>
    private static string[] Listing(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetRelativePath(folder, f)} {new FileInfo(f).Length} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}")];

    /// <summary>
    /// A catalog bundle with an original inside it, two on a drive (one of them offline), and one in the trash; the
    /// drive under a macOS root in 16, under a Windows root (read through --map) in 12.
    /// </summary>
    private static (string Bundle, string[] Map) Catalog(TempFolder temp, string version)
    {
        var bundle = temp["Trips.cocatalog"];
        var drive = temp.Folder("drive");
        TestImages.Jpeg(Path.Combine(bundle, "Originals", "2019", "harbour.jpg"), 80, 60);
        TestImages.Jpeg(temp["drive/Norway/fjord.jpg"], 70, 50);
        TestImages.Jpeg(temp["drive/Norway/trashed.jpg"], 60, 40);
        using var c1 = new CaptureOneCatalogFixture(Path.Combine(bundle, "Trips.cocatalogdb"), version);
        var inside = c1.Location(@"Originals\2019", relative: true);
        var referenced = version == Version16 ? c1.Location("Norway", macRoot: drive) : c1.Location("Norway", windowsRoot: @"D:\Pictures");
        var portfolio = c1.Collection("Portfolio", "GroupCollection");
        var norway = c1.Collection("Norway", "AlbumCollection", portfolio);
        var project = c1.Collection("Client Work", "ProjectCollection");
        c1.Collection("Best", "SmartAlbumCollection", portfolio, "<Rules/>");
        var (_, harbour) = c1.Image("harbour.jpg", inside,
            new CaptureOneMeta(5, 1, "harbour||0,ferry||1", "The morning ferry leaving Bergen", City: "Bergen"),
            taken: new DateTime(2019, 5, 17, 10, 0, 0), latitude: 60.3913, longitude: 5.3221, insideCatalog: true);
        var (fjord, _) = c1.Image("fjord.jpg", referenced, new CaptureOneMeta(2, 5, Title: "Geirangerfjord from the road"), taken: new DateTime(2021, 8, 1, 16, 45, 0));
        c1.Image("offline.jpg", referenced, new CaptureOneMeta(Keywords: "unplugged||0"));
        c1.Image("trashed.jpg", referenced, new CaptureOneMeta(Keywords: "rubbish||0"), trashed: true);
        c1.AddVariant(norway, harbour);
        c1.AddImage(project, fjord);
        return (bundle, version == Version16 ? [] : ["--map", @"D:\Pictures=" + drive]);
    }

    [Theory]
    [InlineData(Version12)]
    [InlineData(Version16)]
    public async Task ImportCaptureOne_GeneratedCatalog_WhatCaptureOneShowsIsSearchable(string version)
    {
        using var temp = new TempFolder();
        var (bundle, map) = Catalog(temp, version);
        var before = Listing(bundle);

        var import = await RunAsync(temp, ["import", "capture-one", bundle, "--json", .. map]);

        Assert.True(import.ExitCode == 0, import.Error);
        Assert.Equal(2, import.Json.GetProperty("new").GetInt32());
        Assert.Equal(["harbour.jpg"], await NamesAsync(temp, "tag:harbour"));
        Assert.Equal("harbour.jpg", await TopAsync(temp, "\"morning ferry\""));
        Assert.Equal("fjord.jpg", await TopAsync(temp, "Geirangerfjord"));
        Assert.Equal(["harbour.jpg"], await NamesAsync(temp, "in:Portfolio"));
        Assert.Equal(["harbour.jpg"], await NamesAsync(temp, "in:\"Portfolio/Norway\""));
        Assert.Equal(["fjord.jpg"], await NamesAsync(temp, "in:\"Client Work\""));
        Assert.Empty(await NamesAsync(temp, "in:Best"));
        Assert.Equal(["harbour.jpg"], await NamesAsync(temp, "rating:5"));
        Assert.Equal(["fjord.jpg", "harbour.jpg"], await NamesAsync(temp, "rating:2"));
        Assert.Equal(["harbour.jpg"], await NamesAsync(temp, "label:red"));
        Assert.Equal(["fjord.jpg"], await NamesAsync(temp, "label:Blue"));
        Assert.Equal(["fjord.jpg"], await NamesAsync(temp, "rating:1 -label:red"));
        Assert.Equal(["harbour.jpg"], await NamesAsync(temp, "has:location"));
        Assert.Equal(["harbour.jpg"], await NamesAsync(temp, "place:Bergen"));
        Assert.Equal(["fjord.jpg"], await NamesAsync(temp, "on:2021-08-01"));
        var harbour = Assert.Single(await FoundAsync(temp, "on:2019-05-17"));
        Assert.Equal("2019-05-17T10:00:00", harbour.GetProperty("takenAt").GetString());
        Assert.Empty(await NamesAsync(temp, "tag:rubbish"));
        Assert.Equal(before, Listing(bundle));
    }

    [Theory]
    [InlineData(Version12)]
    [InlineData(Version16)]
    public async Task ImportCaptureOne_OfflineOriginal_NamedInTheSummaryAndItsJson(string version)
    {
        using var temp = new TempFolder();
        var (bundle, map) = Catalog(temp, version);

        var json = await RunAsync(temp, ["import", "capture-one", bundle, "--json", .. map]);
        var text = await RunAsync(temp, ["import", "capture-one", bundle, .. map]);

        var offline = temp["drive/Norway/offline.jpg"];
        var failure = Assert.Single(json.Json.GetProperty("failures").EnumerateArray());
        Assert.Equal(offline, failure.GetProperty("path").GetString());
        Assert.Contains("original not found", failure.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("offline.jpg", text.Out + text.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndexSession_HeldOpenWithAnUncommittedEdit_ReadsWhatIsCommittedAndWritesNothing()
    {
        using var temp = new TempFolder();
        var session = temp["Shoot"];
        var database = Path.Combine(session, "Shoot.cosessiondb");
        TestImages.Jpeg(Path.Combine(session, "Capture", "IMG_0001.jpg"));
        using (var c1 = new CaptureOneCatalogFixture(database, Version16))
        {
            c1.Image("IMG_0001.jpg", c1.Location("Capture", relative: true), new CaptureOneMeta(Keywords: "committed||0"));
        }
        // Capture One keeps its database open and writing: a transaction in progress, its journal beside the file.
        using var held = new SqliteConnection($"Data Source={database};Pooling=False");
        held.Open();
        using var transaction = held.BeginTransaction();
        using (var edit = held.CreateCommand())
        {
            edit.CommandText = "UPDATE ZVARIANTMETADATA SET ZCONTENT_KEYWORDS = 'uncommitted||0'";
            edit.ExecuteNonQuery();
        }
        var before = Listing(session);
        Assert.Contains(before, line => line.StartsWith("Shoot.cosessiondb-journal ", StringComparison.Ordinal));

        var index = await RunAsync(temp, "index", session, "--json");

        Assert.True(index.ExitCode == 0, index.Error);
        Assert.Contains("as a Capture One catalog", index.Error, StringComparison.Ordinal);
        Assert.Equal(["IMG_0001.jpg"], await NamesAsync(temp, "tag:committed"));
        Assert.Empty(await NamesAsync(temp, "tag:uncommitted"));
        Assert.Equal(before, Listing(session));
        transaction.Rollback();
    }

    [Fact]
    public async Task ImportCaptureOne_RawOriginalWithExif_DecodedAsRawAndCaptureOnesDateAndCameraWin()
    {
        using var temp = new TempFolder();
        var session = temp["Shoot"];
        TestRaws.BayerDng(Path.Combine(temp.Folder("Shoot/Capture"), "IMG_0001.DNG"), 256, 192, taken: "2024:05:06 07:08:09");
        using (var c1 = new CaptureOneCatalogFixture(Path.Combine(session, "Shoot.cosessiondb"), Version12))
        {
            c1.Image("IMG_0001.DNG", c1.Location("Capture", relative: true), new CaptureOneMeta(Keywords: "studio||0"),
                taken: new DateTime(2024, 5, 7, 18, 0, 0), camera: "Studio Body", lens: "Macro 100");
        }

        var import = await RunAsync(temp, "import", "capture-one", Path.Combine(session, "Shoot.cosessiondb"), "--json");

        Assert.True(import.ExitCode == 0, import.Error);
        var raw = Assert.Single(await FoundAsync(temp, "tag:studio type:dng"));
        Assert.Equal("2024-05-07T18:00:00", raw.GetProperty("takenAt").GetString());
        Assert.Equal("Studio Body", raw.GetProperty("cameraModel").GetString());
        Assert.Equal((256, 192), (raw.GetProperty("width").GetInt32(), raw.GetProperty("height").GetInt32()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("SQLite format 3\0 but the rest is gone")]
    public async Task ImportCaptureOne_EmptyOrDamagedDatabase_SaysSoExitsTwoAndWritesNothing(string content)
    {
        using var temp = new TempFolder();
        var bundle = temp.Folder("Broken.cocatalog");
        File.WriteAllText(Path.Combine(bundle, "Broken.cocatalogdb"), content);
        var before = Listing(bundle);

        var import = await RunAsync(temp, "import", "capture-one", bundle);

        Assert.Equal(2, import.ExitCode);
        Assert.Contains("is not a Capture One catalog", import.Error, StringComparison.Ordinal);
        Assert.Equal(before, Listing(bundle));
        Assert.Equal([Path.Combine(bundle, "Broken.cocatalogdb")], Directory.EnumerateFileSystemEntries(bundle));
    }

    [Fact]
    public async Task ImportCaptureOne_OriginalOfflineThenBack_MissingMeanwhileThenFoundWithWhatTheCatalogSays()
    {
        using var temp = new TempFolder();
        var (bundle, _) = Catalog(temp, Version16);
        await RunAsync(temp, "import", "capture-one", bundle);
        File.Move(temp["drive/Norway/fjord.jpg"], temp["fjord-elsewhere.jpg"]);

        var offline = await RunAsync(temp, "import", "capture-one", bundle, "--json");
        var inProject = await NamesAsync(temp, "in:\"Client Work\"");
        File.Move(temp["fjord-elsewhere.jpg"], temp["drive/Norway/fjord.jpg"]);
        var back = await RunAsync(temp, "import", "capture-one", bundle, "--json");

        Assert.Equal(1, offline.Json.GetProperty("missing").GetInt32());
        Assert.Contains(offline.Json.GetProperty("failures").EnumerateArray(), f => f.GetProperty("path").GetString() == temp["drive/Norway/fjord.jpg"]);
        Assert.Empty(inProject);
        Assert.Equal(0, back.ExitCode);
        Assert.Equal(["fjord.jpg"], await NamesAsync(temp, "in:\"Client Work\" label:blue"));
    }

    [Fact]
    public async Task ImportCaptureOne_ImageNoLongerInTheCatalog_MarkedMissingOnTheNextImport()
    {
        using var temp = new TempFolder();
        var (bundle, map) = Catalog(temp, Version16);
        await RunAsync(temp, "import", "capture-one", bundle);
        using (var c1 = new SqliteConnection($"Data Source={Path.Combine(bundle, "Trips.cocatalogdb")};Pooling=False"))
        {
            c1.Open();
            using var remove = c1.CreateCommand();
            remove.CommandText = "UPDATE ZIMAGE SET ZISTRASHED = 1 WHERE ZIMAGEFILENAME = 'fjord.jpg'";
            remove.ExecuteNonQuery();
        }

        var again = await RunAsync(temp, "import", "capture-one", bundle, "--json");

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(1, again.Json.GetProperty("missing").GetInt32());
        Assert.Empty(await NamesAsync(temp, "in:\"Client Work\""));
        Assert.Equal(["harbour.jpg"], await NamesAsync(temp, "rating:2"));
        Assert.Empty(map);
    }
}
