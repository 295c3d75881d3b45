using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Shoebox.Sources.Xmp;

/// <summary>
/// Writes Shoebox's keywords and caption into the sidecars of an image, the way the tools that read them expect.
/// Existing sidecars ("IMG_1.CR2.xmp", and "IMG_1.xmp" when it belongs to the image) are updated in place. When
/// there is none, "IMG_1.CR2.xmp" is created, raw or not: darktable, digiKam and Immich read that name; it names
/// exactly one file, even where a camera saved IMG_1.CR2 and IMG_1.JPG side by side; and it leaves "IMG_1.xmp" to
/// Lightroom, which rewrites that file from its own catalog and would not read Shoebox's anyway until asked to.
/// </summary>
public static class XmpSidecarWriter
{
    /// <summary>The sidecars to write for <paramref name="imagePath"/>: those that exist, else the one to create.</summary>
    public static IReadOnlyList<string> SidecarsFor(string imagePath)
    {
        ArgumentNullException.ThrowIfNull(imagePath);
        string[] existing = [.. new[] { SidecarNames.FullName(imagePath), SidecarNames.StemName(imagePath) }.OfType<string>()];
        return existing.Length > 0 ? existing : [SidecarNames.ForNew(imagePath)];
    }

    /// <summary>
    /// Merges <paramref name="metadata"/> into the sidecar at <paramref name="sidecarPath"/> (creating it when there is
    /// something to write), through a temporary file, so the original stays whole if anything fails. A dry run
    /// reports the same changes and writes nothing. Throws <see cref="XmpFormatException"/> for a damaged sidecar,
    /// which is then left alone, and IOException or UnauthorizedAccessException when the file cannot be written.
    /// </summary>
    public static SidecarChange Write(string sidecarPath, XmpMetadata metadata, bool dryRun = false)
    {
        ArgumentNullException.ThrowIfNull(sidecarPath);
        ArgumentNullException.ThrowIfNull(metadata);
        var existing = File.Exists(sidecarPath);
        if (!existing && metadata.IsEmpty)
        {
            return SidecarChange.None(sidecarPath);
        }
        FileStamp? stamp = null;
        XmpDocument xmp;
        if (existing)
        {
            stamp = FileStamp.Of(sidecarPath);
            xmp = XmpDocument.Load(File.ReadAllBytes(XmpDocument.CheckedSize(sidecarPath)), Path.GetFileName(sidecarPath));
        }
        else
        {
            xmp = XmpDocument.CreateEmpty();
        }
        var (added, removed, caption) = XmpMerge.Apply(xmp, metadata);
        var change = new SidecarChange(sidecarPath, !existing, added, removed, caption);
        if (change.Changed && !dryRun)
        {
            Save(xmp, sidecarPath, stamp);
        }
        return change.Changed ? change : SidecarChange.None(sidecarPath);
    }

    private static void Save(XmpDocument xmp, string path, FileStamp? original)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                var settings = new XmlWriterSettings
                {
                    Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
                    OmitXmlDeclaration = xmp.Document.Declaration is null,
                    NewLineHandling = NewLineHandling.None,
                };
                using (var writer = XmlWriter.Create(file, settings))
                {
                    xmp.Document.Save(writer);
                }
                if (xmp.Document.LastNode is not XText)
                {
                    file.WriteByte((byte)'\n');
                }
                file.Flush(flushToDisk: true);
            }
            if (original is not null)
            {
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
                }
                // Another program (the user's editor) saved the sidecar while Shoebox merged: its version wins.
                if (FileStamp.Of(path) != original)
                {
                    throw new IOException($"{path} changed while Shoebox was updating it; run the command again.");
                }
                File.Move(temporary, path, overwrite: true);
            }
            else
            {
                File.Move(temporary, path, overwrite: false);
            }
        }
        catch
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The original is intact either way; a stray temporary file is the lesser harm.
            }
            throw;
        }
    }

    private sealed record FileStamp(long Length, DateTime Modified)
    {
        public static FileStamp Of(string path)
        {
            var info = new FileInfo(path);
            return new FileStamp(info.Length, info.LastWriteTimeUtc);
        }
    }
}
