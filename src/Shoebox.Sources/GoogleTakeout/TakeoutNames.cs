using System.Globalization;
using Shoebox.Core;

namespace Shoebox.Sources.GoogleTakeout;

/// <summary>How Google names things in a Takeout: counters, edited copies, year folders, archive parts.</summary>
internal static class TakeoutNames
{
    /// <summary>Google cuts a sidecar's name before ".json" (and before any counter) to this many UTF-16 units.</summary>
    public const int SidecarStemLimit = 46;

    public const string Supplemental = ".supplemental-metadata";

    // Suffixes Google Photos gives to a saved edit, per interface language. The edit has no JSON of its own.
    // "-effects", "-smile" and "-mix" are its automatic creations from one original, treated the same way.
    private static readonly string[] EditedSuffixes =
    [
        "-edited", "-effects", "-smile", "-mix", // en
        "-modifié", // fr
        "-bearbeitet", // de
        "-modificato", // it
        "-edytowane", // pl
        "-bewerkt", // nl
        "-編集済み", // ja
        "-ha editado", "-editado", // es, pt
        "-editat", // ca
        "-redigeret", // da
        "-redigert", // nb
        "-redigerad", // sv
        "-muokattu", // fi
        "-upraveno", // cs
        "-szerkesztett", // hu
        "-отредактировано", // ru
        "-已编辑", // zh-CN
        "-已編輯", // zh-TW
        "-편집됨", // ko
        "-düzenlendi", // tr
        "-diedit", // id
        "-đã chỉnh sửa", // vi
        "-แก้ไขแล้ว", // th
        "-संपादित", // hi
        "-تم التعديل", // ar
    ];

    // "Photos from 2023" and its translations: the folders holding every photo of a year (not albums).
    private static readonly string[] YearFolderPrefixes =
    [
        "Photos from ", "Fotos von ", "Fotos aus ", "Photos de ", "Fotos de ", "Foto del ", "Foto dal ",
        "Foto's uit ", "Foto's van ", "Zdjęcia z ", "Fotky z ", "Fotografie z ", "Fotók - ", "Fényképek - ",
        "Foton från ", "Bilder fra ", "Billeder fra ", "Valokuvat ", "Fotoğraflar ", "Fotografii din ",
        "Foto dari ", "Фото за ", "Фотографии за ", "Фотографии из ", "Φωτογραφίες από ", "Ảnh từ ",
    ];

    private static readonly string[] YearFolderSuffixes = [" 年の写真", "年の写真", "년의 사진", "년 사진", "年的照片", "年的相片"];

    // Folders of a Takeout that are neither albums nor years: the containers and Google's own bins.
    private static readonly HashSet<string> NotAlbums = new(StringComparer.OrdinalIgnoreCase)
    {
        "Takeout", "Google Photos", "Google Fotos", "Google Foto", "Google Zdjęcia", "Archive", "Archiwum", "Trash",
        "Bin", "Kosz", "Papierkorb", "Corbeille", "Failed Videos",
    };

    private static readonly string[] ArchiveExtensions = [".zip", ".tgz", ".tar.gz", ".tar"];

    /// <summary>
    /// The name in NFC, so a name decomposed by macOS ("e" + U+0301) equals the one Google wrote ("é"); Google's
    /// 46-unit cut was made on the composed form.
    /// </summary>
    public static string Nfc(string name) => UnicodeNfc.Normalize(name);

    /// <summary>"IMG(2).jpg" -> ("IMG.jpg", 2); a name without a counter comes back whole, with null.</summary>
    public static (string Name, int? Counter) SplitImageCounter(string name)
    {
        var extension = Path.GetExtension(name);
        var (stem, counter) = SplitCounter(name[..^extension.Length]);
        return (stem + extension, counter);
    }

    /// <summary>"IMG.jpg(2)" -> ("IMG.jpg", 2): a counter closing the text.</summary>
    public static (string Text, int? Counter) SplitCounter(string text)
    {
        if (!text.EndsWith(')'))
        {
            return (text, null);
        }
        var open = text.LastIndexOf('(');
        var digits = open < 0 ? "" : text[(open + 1)..^1];
        if (digits.Length is 0 or > 5 || !digits.All(char.IsAsciiDigit))
        {
            return (text, null);
        }
        return (text[..open], int.Parse(digits, CultureInfo.InvariantCulture));
    }

    /// <summary>The original's name for a saved edit ("IMG-edited.jpg" -> "IMG.jpg", "IMG-edited(1).jpg" -> "IMG(1).jpg"), else null.</summary>
    public static string? OriginalOfEdited(string name)
    {
        var extension = Path.GetExtension(name);
        var (stem, counter) = SplitCounter(name[..^extension.Length]);
        var counterText = counter is { } c ? $"({c.ToString(CultureInfo.InvariantCulture)})" : "";
        foreach (var suffix in EditedSuffixes)
        {
            if (stem.Length > suffix.Length && stem.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return stem[..^suffix.Length] + counterText + extension;
            }
        }
        return null;
    }

    /// <summary>True for a text that is a non-empty prefix of ".supplemental-metadata" (Google cuts it to fit).</summary>
    public static bool IsSupplementalCut(ReadOnlySpan<char> text) =>
        !text.IsEmpty && Supplemental.AsSpan().StartsWith(text, StringComparison.Ordinal);

    public static bool IsYearFolder(string name)
    {
        foreach (var prefix in YearFolderPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && IsYear(name.AsSpan(prefix.Length)))
            {
                return true;
            }
        }
        foreach (var suffix in YearFolderSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && IsYear(name.AsSpan(0, name.Length - suffix.Length)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The album a folder stands for, by its name: null for year folders and Takeout's own containers.</summary>
    public static bool IsAlbumFolder(string name) =>
        name.Length > 0 && !IsYearFolder(name) && !NotAlbums.Contains(name);

    public static bool HasArchiveExtension(string path) =>
        ArchiveExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    public static bool IsJson(string name) => name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    private static bool IsYear(ReadOnlySpan<char> text) =>
        text.Length == 4 && text[0] is '1' or '2' && text[1..].ContainsOnlyDigits();

    private static bool ContainsOnlyDigits(this ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');
}
