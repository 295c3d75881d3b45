namespace Shoebox.Imaging;

/// <summary>LibRaw's error codes (LibRaw_errors in libraw_const.h) as reasons a user can act on.</summary>
internal static class LibRawErrors
{
    public const int UnsufficientMemory = -100007;

    /// <summary>The reason for <paramref name="code"/>; LibRaw's own text for the codes not named here.</summary>
    public static string Reason(int code, string libRawText) => code switch
    {
        -2 => "LibRaw does not read this file (not a raw format it knows, or a camera newer than the installed LibRaw)",
        -3 or -9 => "the raw file holds no image LibRaw can develop",
        -4 or -7 => $"LibRaw refused the file ({libRawText})",
        -8 => "LibRaw does not support this raw variant",
        UnsufficientMemory => "out of memory while developing the raw file",
        -100008 => "the raw data is damaged",
        -100009 => "the raw file ends early or cannot be read (truncated?)",
        -100011 => "the raw file's crop is outside the image",
        -100012 => "the raw image is too big for LibRaw",
        -100013 => "the raw file needs more memory blocks than LibRaw allows (damaged?)",
        > 0 => $"the raw file cannot be read: {new System.ComponentModel.Win32Exception(code).Message}",
        _ => $"LibRaw error {code}: {libRawText}",
    };
}
