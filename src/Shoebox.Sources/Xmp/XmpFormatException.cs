namespace Shoebox.Sources.Xmp;

/// <summary>A sidecar that is not XML, or not XMP; the message names the file and what is wrong with it.</summary>
public sealed class XmpFormatException : FormatException
{
    public XmpFormatException(string fileName, string reason, Exception? inner = null)
        : base($"{fileName}: {reason}", inner)
    {
        FileName = fileName;
        Reason = reason;
    }

    public XmpFormatException() { }

    public XmpFormatException(string message) : base(message) { }

    public XmpFormatException(string message, Exception inner) : base(message, inner) { }

    public string? FileName { get; }

    public string? Reason { get; }
}
