using System.Globalization;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Tiff;
using Shoebox.Core;
using Shoebox.Imaging.Raw;
using Directory = MetadataExtractor.Directory;

namespace Shoebox.Imaging;

/// <summary>Reads what the camera wrote (time, camera, lens, place) from EXIF, without decoding pixels.</summary>
public static class ExifReader
{
    // Not named by MetadataExtractor: EXIF 2.31 OffsetTimeOriginal and OffsetTime ("+02:00").
    private const int TagOffsetTimeOriginal = 0x9011;
    private const int TagOffsetTime = 0x9010;

    /// <summary>
    /// The most metadata handed to the reader from a PNG (the twin of the decoder's pixel limit): EXIF fits in 64 KB
    /// in a JPEG, and a PNG's eXIf chunk holds the same. Memory for metadata stays within a few times this.
    /// </summary>
    public const int MaxMetadataBytes = 4 << 20;

    /// <summary>The EXIF facts found in <paramref name="path"/>; a file with damaged or no EXIF yields what could be read.</summary>
    public static PhotoMetadata Read(string path, PhotoMetadata basis)
    {
        ArgumentNullException.ThrowIfNull(basis);
        IReadOnlyList<Directory> directories;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            if (basis.Format == ImageFormat.Mrw)
            {
                // MetadataExtractor does not know MRW; its TTW block is a plain TIFF with the camera's EXIF.
                using var tiff = new MemoryStream(MrwTiff(path));
                directories = TiffMetadataReader.ReadMetadata(tiff);
            }
            else if (basis.Format == ImageFormat.Png)
            {
                using var essential = PngMetadataChunks.Essential(file, MaxMetadataBytes);
                directories = ImageMetadataReader.ReadMetadata(essential);
            }
            else
            {
                directories = ImageMetadataReader.ReadMetadata(file);
            }
        }
        catch (Exception e) when (e is ImageProcessingException or IOException or MetadataException or ArgumentException or IndexOutOfRangeException or BadImageException)
        {
            return basis;
        }
        var ifd0 = directories.OfType<ExifIfd0Directory>().FirstOrDefault();
        // Raws (NEF, DNG) name their preview and sensor IFDs as SubIFDs too: the EXIF IFD is the one with the dates.
        var exifs = directories.OfType<ExifSubIfdDirectory>().ToList();
        var exif = exifs.FirstOrDefault(d => d.ContainsTag(ExifDirectoryBase.TagDateTimeOriginal)) ?? exifs.FirstOrDefault();
        var gps = directories.OfType<GpsDirectory>().FirstOrDefault();
        var location = SafeGeoLocation(gps);
        return basis with
        {
            TakenAt = TakenAt(exif, ifd0),
            TakenOffset = Offset(exif?.GetString(TagOffsetTimeOriginal)) ?? Offset(exif?.GetString(TagOffsetTime)),
            CameraMake = Text(ifd0, ExifDirectoryBase.TagMake),
            CameraModel = Text(ifd0, ExifDirectoryBase.TagModel),
            Lens = Text(exif, ExifDirectoryBase.TagLensModel),
            Latitude = location?.Latitude,
            Longitude = location?.Longitude,
            Altitude = Altitude(gps),
            Orientation = ifd0 is not null && ifd0.TryGetInt32(ExifDirectoryBase.TagOrientation, out var o) && o is >= 1 and <= 8
                ? o
                : basis.Orientation,
        };
    }

    private static byte[] MrwTiff(string path)
    {
        using var file = new RawFile(path);
        var (offset, end) = MrwBlocks.Tiff(file) ?? throw new ImageProcessingException("the MRW has no TTW block");
        return end - offset > MaxMetadataBytes ? throw new ImageProcessingException("the MRW's TTW block is too large") : file.Read(offset, (int)(end - offset), "TTW block");
    }

    private static DateTime? TakenAt(ExifSubIfdDirectory? exif, ExifIfd0Directory? ifd0)
    {
        foreach (var (directory, tag) in new (Directory?, int)[]
                 {
                     (exif, ExifDirectoryBase.TagDateTimeOriginal),
                     (exif, ExifDirectoryBase.TagDateTimeDigitized),
                     (ifd0, ExifDirectoryBase.TagDateTime),
                 })
        {
            var text = directory?.GetString(tag)?.Trim().TrimEnd('\0');
            // EXIF writes "yyyy:MM:dd HH:mm:ss"; cameras without a set clock write zeros or blanks.
            if (text is not null && DateTime.TryParseExact(
                    text, ["yyyy:MM:dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy:MM:dd HH:mm"], CultureInfo.InvariantCulture,
                    DateTimeStyles.None, out var value) && value.Year > 1900)
            {
                return value;
            }
        }
        return null;
    }

    private static TimeSpan? Offset(string? text)
    {
        text = text?.Trim().TrimEnd('\0');
        if (string.IsNullOrEmpty(text) || text.Length != 6 || (text[0] != '+' && text[0] != '-'))
        {
            return null;
        }
        return TimeSpan.TryParseExact(text[1..], @"hh\:mm", CultureInfo.InvariantCulture, out var offset) && offset <= TimeSpan.FromHours(14)
            ? (text[0] == '-' ? -offset : offset)
            : null;
    }

    private static string? Text(Directory? directory, int tag)
    {
        var text = directory?.GetString(tag)?.Trim().TrimEnd('\0').Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static GeoLocation? SafeGeoLocation(GpsDirectory? gps)
    {
        try
        {
            var location = gps?.GetGeoLocation();
            // 0/0 is what cameras write when they had no fix.
            return location is { IsZero: false } ? location : null;
        }
        catch (MetadataException)
        {
            return null;
        }
    }

    private static double? Altitude(GpsDirectory? gps)
    {
        if (gps is null || !gps.TryGetRational(GpsDirectory.TagAltitude, out var altitude) || altitude.Denominator == 0)
        {
            return null;
        }
        var belowSeaLevel = gps.TryGetInt32(GpsDirectory.TagAltitudeRef, out var reference) && reference == 1;
        return belowSeaLevel ? -altitude.ToDouble() : altitude.ToDouble();
    }
}
