using Shoebox.Sources.GoogleTakeout;

namespace Shoebox.Tests.Sources.GoogleTakeout;

[Tier(Tier.Unit)]
public class SidecarMatcherTests
{
    private static string? SidecarOf(string image, params string[] sidecars) =>
        SidecarMatcher.Match([image], sidecars).GetValueOrDefault(image);

    [Theory]
    [InlineData("PXL_20211013_220651983.jpg", "PXL_20211013_220651983.jpg.json")]
    [InlineData("PXL_20231118_035751175.MP.jpg", "PXL_20231118_035751175.MP.jpg.json")]
    [InlineData("PXL_20210102_221126856.MP~2.jpg", "PXL_20210102_221126856.MP~2.jpg.json")]
    [InlineData("DSC_0101(1).JPG", "DSC_0101.JPG(1).json")]
    [InlineData("IMG_2710(1).HEIC", "IMG_2710.HEIC(1).json")]
    [InlineData("IMG(1).jpg", "IMG(1).jpg.json")]
    [InlineData("IMG.jpg", "IMG.json")]
    public void Match_OldStyleNames_FindsSidecar(string image, string sidecar) =>
        Assert.Equal(sidecar, SidecarOf(image, sidecar));

    [Theory]
    [InlineData("PXL_20230809_203449253.LONG_EXPOSURE-02.ORIGINA.jpg", "PXL_20230809_203449253.LONG_EXPOSURE-02.ORIGIN.json")]
    [InlineData("05yqt21kruxwwlhhgrwrdyb6chhwszi9bqmzu16w0 2.jpg", "05yqt21kruxwwlhhgrwrdyb6chhwszi9bqmzu16w0 2.jp.json")]
    [InlineData("13039_327707840323_537645323_9470255_27214_n(1).jpg", "13039_327707840323_537645323_9470255_27214_n.j(1).json")]
    [InlineData("Backyard_ceremony_wedding_photography_xxxxxxx_m(494).jpg", "Backyard_ceremony_wedding_photography_xxxxxxx_(494).json")]
    [InlineData("original_1d4caa6f-16c6-4c3d-901b-9387de10e528_P.jpg", "original_1d4caa6f-16c6-4c3d-901b-9387de10e528_.json")]
    [InlineData("😀😃😄😁😆😅😂🤣🥲☺️😊😇🙂🙃😉😌😍🥰😘😗😙😚😋😛.jpg", "😀😃😄😁😆😅😂🤣🥲☺️😊😇🙂🙃😉😌😍🥰😘😗😙😚😋.json")]
    public void Match_NameCutTo46Units_FindsSidecar(string image, string sidecar) =>
        Assert.Equal(sidecar, SidecarOf(image, sidecar));

    [Theory]
    [InlineData("IMG_1234.jpg", "IMG_1234.jpg.supplemental-metadata.json")]
    [InlineData("IMG_1234.jpg", "IMG_1234.jpg.supplemental-me.json")]
    [InlineData("IMG_1234.jpg", "IMG_1234.jpg.suppl.json")]
    [InlineData("IMG_1234.jpg", "IMG_1234.jpg.s.json")]
    [InlineData("IMG_1234.jpg", "IMG_1234.jpg..json")]
    [InlineData("IMG_1234(1).jpg", "IMG_1234.jpg.supplemental-metadata(1).json")]
    [InlineData("IMG_1234(2).jpg", "IMG_1234.jpg.supplemen(2).json")]
    [InlineData("Screenshot_20240101-120000_Messages.jpg", "Screenshot_20240101-120000_Messages.jpg.supple.json")]
    [InlineData("Screenshot_20240101-120000_Messages_Longer_Name.jpg", "Screenshot_20240101-120000_Messages_Longer_Nam.json")]
    public void Match_SupplementalMetadataCutAnywhere_FindsSidecar(string image, string sidecar) =>
        Assert.Equal(sidecar, SidecarOf(image, sidecar));

    [Theory]
    [InlineData("IMG_1234-edited.jpg")]
    [InlineData("IMG_1234-modifié.jpg")]
    [InlineData("IMG_1234-bearbeitet.jpg")]
    [InlineData("IMG_1234-modificato.jpg")]
    [InlineData("IMG_1234-edytowane.jpg")]
    [InlineData("IMG_1234-bewerkt.jpg")]
    [InlineData("IMG_1234-編集済み.jpg")]
    [InlineData("IMG_1234-ha editado.jpg")]
    [InlineData("IMG_1234-editado.jpg")]
    [InlineData("IMG_1234-redigeret.jpg")]
    [InlineData("IMG_1234-muokattu.jpg")]
    [InlineData("IMG_1234-EDITED.jpg")]
    public void Match_EditedCopy_UsesOriginalsSidecar(string image) =>
        Assert.Equal("IMG_1234.jpg.json", SidecarOf(image, "IMG_1234.jpg.json", "IMG_1235.jpg.json"));

    [Fact]
    public void Match_EditedCopyWithCounter_UsesCountedOriginalsSidecar()
    {
        Assert.Equal("IMG.jpg(1).json", SidecarOf("IMG-edited(1).jpg", "IMG.jpg.json", "IMG.jpg(1).json"));
        Assert.Equal("IMG.jpg(1).json", SidecarOf("IMG(1)-edited.jpg", "IMG.jpg.json", "IMG.jpg(1).json"));
    }

    [Fact]
    public void Match_PortraitEdit_UsesOriginalsSidecar() =>
        Assert.Equal(
            "PXL_20220405_090123740.PORTRAIT.jpg.json",
            SidecarOf("PXL_20220405_090123740.PORTRAIT-modifié.jpg", "PXL_20220405_090123740.PORTRAIT.jpg.json"));

    [Theory]
    [InlineData("PXL_20211013_220651958.jpg", "PXL_20211013_220651983.jpg.json")]
    [InlineData("DSC_0102(1).JPG", "DSC_0102.JPG(2).json")]
    [InlineData("DSC_0103.JPG", "DSC_0103.JPG(1).json")]
    [InlineData("DSC_0104(1).JPG", "DSC_0104.JPG.json")]
    [InlineData("PXL_20220405_090123741.PORTRAIT-modifié.jpg", "PXL_20220405_090123740.PORTRAIT.jpg.json")]
    [InlineData("Backyard_ceremony_wedding_photography_xxxxxxx_m(185).jpg", "Backyard_ceremony_wedding_photography_xxxxxxx_(494).json")]
    [InlineData("IMG_1234.jpg", "IMG_1234.jpg.metadata.json")]
    [InlineData("short.jpg", "sho.json")]
    public void Match_DifferentPhoto_FindsNothing(string image, string sidecar) =>
        Assert.Null(SidecarOf(image, sidecar));

    [Fact]
    public void Match_CountedDuplicatesInOneFolder_EachGetsItsOwn()
    {
        // The layout of a real export: two uploads named DSC_0238.JPG and a third named DSC_0238_1.JPG.
        var matches = SidecarMatcher.Match(
            ["DSC_0238.JPG", "DSC_0238(1).JPG", "DSC_0238_1.JPG"],
            ["DSC_0238.JPG.json", "DSC_0238.JPG(1).json", "DSC_0238_1.JPG.json", "metadata.json"]);

        Assert.Equal("DSC_0238.JPG.json", matches["DSC_0238.JPG"]);
        Assert.Equal("DSC_0238.JPG(1).json", matches["DSC_0238(1).JPG"]);
        Assert.Equal("DSC_0238_1.JPG.json", matches["DSC_0238_1.JPG"]);
    }

    [Fact]
    public void Match_OriginalAndEdit_ShareOneSidecar()
    {
        var matches = SidecarMatcher.Match(["IMG.jpg", "IMG-edited.jpg"], ["IMG.jpg.json"]);

        Assert.Equal("IMG.jpg.json", matches["IMG.jpg"]);
        Assert.Equal("IMG.jpg.json", matches["IMG-edited.jpg"]);
    }

    [Fact]
    public void Match_DecomposedImageName_MatchesComposedSidecar()
    {
        // macOS writes "é" as "e" + U+0301; Google wrote it composed.
        Assert.Equal("Café.jpg.json", SidecarOf("Cafe\u0301.jpg", "Café.jpg.json"));
        Assert.Equal("Cafe\u0301.jpg.json", SidecarOf("Café.jpg", "Cafe\u0301.jpg.json"));
        Assert.Equal("Fête.jpg.json", SidecarOf("Fe\u0302te-modifie\u0301.jpg", "Fête.jpg.json"));
    }

    [Fact]
    public void Match_DecomposedLongName_CutCountsComposedCharacters()
    {
        // Google cut the composed name to 46 units; unpacked on macOS both names are decomposed, so each is longer.
        var composed = new string('é', 50) + ".jpg";
        var image = composed.Replace("é", "e\u0301", StringComparison.Ordinal);
        var sidecar = new string('é', 46).Replace("é", "e\u0301", StringComparison.Ordinal) + ".json";

        Assert.Equal(sidecar, SidecarOf(image, sidecar));
    }

    [Fact]
    public void Match_NoNameRule_FallsBackToUniqueTitle()
    {
        var titles = new Dictionary<string, string?> { ["0f3a9c.json"] = "holiday.jpg", ["77b2e1.json"] = "beach.jpg" };

        var matches = SidecarMatcher.Match(["holiday.jpg", "unknown.jpg"], titles.Keys, s => titles[s]);

        Assert.Equal("0f3a9c.json", matches["holiday.jpg"]);
        Assert.False(matches.ContainsKey("unknown.jpg"));
    }

    [Fact]
    public void Match_TitleOnTwoSidecars_GuessesNothing()
    {
        var titles = new Dictionary<string, string?> { ["a.json"] = "holiday.jpg", ["b.json"] = "holiday.jpg" };

        Assert.Empty(SidecarMatcher.Match(["holiday.jpg"], titles.Keys, s => titles[s]));
    }

    [Fact]
    public void Match_TitleOfSidecarClaimedByName_IsNotReused()
    {
        var titles = new Dictionary<string, string?> { ["IMG.jpg.json"] = "IMG.jpg" };

        var matches = SidecarMatcher.Match(["IMG.jpg", "IMG(3).jpg"], titles.Keys, s => titles[s]);

        Assert.Single(matches);
        Assert.Equal("IMG.jpg.json", matches["IMG.jpg"]);
    }

    [Fact]
    public void Match_PlainAndSupplementalBoth_PrefersPlain() =>
        Assert.Equal("IMG.jpg.json", SidecarOf("IMG.jpg", "IMG.jpg.supplemental-metadata.json", "IMG.jpg.json"));

    [Fact]
    public void Match_ThousandsOfFiles_StaysFast()
    {
        var images = Enumerable.Range(0, 20_000).Select(i => $"PXL_20231006_{i:D9}.jpg").ToList();
        var sidecars = images.Select(i => i + ".supplemental-metadata.json").ToList();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var matches = SidecarMatcher.Match(images, sidecars);

        Assert.Equal(images.Count, matches.Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }
}
