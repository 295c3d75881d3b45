using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using NetVips;

namespace Shoebox.Tests.Sources.Lightroom;

/// <summary>A pyramid level to write: a real JPEG of the given stored size.</summary>
public sealed record FixtureLevel(int Width, int Height)
{
    public byte[] Jpeg { get; init; } = LightroomFixture.Jpeg(Width, Height);
}

/// <summary>
/// Builds Lightroom files from the documented format: .lrprev pyramids (AgHg sections), 13.3+ per-size files,
/// previews.db and a small .lrcat. Every JPEG in them is real.
/// </summary>
public static class LightroomFixture
{
    public const int HeaderLength = 32;

    private static int _seed;

    /// <summary>The usual three levels, small to keep tests fast: long edges 90, 180, 360.</summary>
    public static FixtureLevel[] ThreeLevels() => [new(90, 60), new(180, 120), new(360, 240)];

    /// <summary>A JPEG whose left half is red and right half blue (so a turn shows where the left side went).</summary>
    public static byte[] Jpeg(int width, int height)
    {
        var seed = Interlocked.Increment(ref _seed);
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = (y * width + x) * 3;
                var left = x < width / 2;
                pixels[i] = left ? (byte)230 : (byte)20;
                pixels[i + 1] = (byte)(seed % 40);
                pixels[i + 2] = left ? (byte)20 : (byte)230;
            }
        }
        using var image = Image.NewFromMemory(pixels, width, height, 3, Enums.BandFormat.Uchar);
        return image.JpegsaveBuffer(q: 90);
    }

    /// <summary>One AgHg section: header (magic, length, version, kind, data and padding lengths, name), data, padding to 16 bytes.</summary>
    public static byte[] Section(string name, byte[] data, byte kind = 1)
    {
        var padding = (16 - (HeaderLength + data.Length) % 16) % 16;
        var section = new byte[HeaderLength + data.Length + padding];
        "AgHg"u8.CopyTo(section);
        BinaryPrimitives.WriteUInt16BigEndian(section.AsSpan(4), HeaderLength);
        section[6] = 0;
        section[7] = kind;
        BinaryPrimitives.WriteUInt64BigEndian(section.AsSpan(8), (ulong)data.Length);
        BinaryPrimitives.WriteUInt64BigEndian(section.AsSpan(16), (ulong)padding);
        Encoding.ASCII.GetBytes(name).CopyTo(section, 24);
        data.CopyTo(section, HeaderLength);
        return section;
    }

    public static string HeaderText(string uuid, string digest, IReadOnlyList<FixtureLevel> levels)
    {
        var text = new StringBuilder();
        text.Append("pyramid = {\n\tcolorProfile = \"AdobeRGB\",\n");
        text.Append(CultureInfo.InvariantCulture, $"\tcroppedHeight = {levels[^1].Height * 10},\n\tcroppedWidth = {levels[^1].Width * 10},\n");
        text.Append(CultureInfo.InvariantCulture, $"\tdigest = \"{digest}\",\n\tfileTimeStamp = 736012345,\n\tformatVersion = 3,\n\tfromProxy = false,\n\tlevels = {{\n");
        foreach (var level in levels)
        {
            text.Append(CultureInfo.InvariantCulture, $"\t\t{{\n\t\t\theight = {level.Height},\n\t\t\twidth = {level.Width},\n\t\t}},\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"\t}},\n\tquality = \"standard\",\n\tuuid = \"{uuid}\",\n}}\n");
        return text.ToString();
    }

    /// <summary>The bytes of a whole .lrprev: the header section, then level_1 .. level_N.</summary>
    public static byte[] Lrprev(string uuid, string digest, IReadOnlyList<FixtureLevel> levels)
    {
        using var file = new MemoryStream();
        file.Write(Section("header", Encoding.UTF8.GetBytes(HeaderText(uuid, digest, levels)), kind: 0));
        for (var i = 0; i < levels.Count; i++)
        {
            file.Write(Section($"level_{i + 1}", levels[i].Jpeg));
        }
        return file.ToArray();
    }

    /// <summary>Where Lightroom keeps a pyramid's files: &lt;bundle&gt;/&lt;U&gt;/&lt;UUUU&gt;/.</summary>
    public static string FolderOf(string bundle, string uuid) =>
        Directory.CreateDirectory(Path.Combine(bundle, uuid[..1].ToUpperInvariant(), uuid[..4].ToUpperInvariant())).FullName;

    public static string WriteLrprev(string bundle, string uuid, string digest, byte[] bytes)
    {
        var path = Path.Combine(FolderOf(bundle, uuid), $"{uuid}-{digest}.lrprev");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Lightroom 13.3+: one extension-less JPEG per size, `&lt;uuid&gt;-&lt;digest&gt;_&lt;longDimension&gt;`.</summary>
    public static string WriteSizeFile(string bundle, string uuid, string digest, FixtureLevel level)
    {
        var path = Path.Combine(FolderOf(bundle, uuid), $"{uuid}-{digest}_{Math.Max(level.Width, level.Height)}");
        File.WriteAllBytes(path, level.Jpeg);
        return path;
    }

    /// <summary>previews.db with ImageCacheEntry, Pyramid and PyramidLevel rows.</summary>
    public static void PreviewsDb(string bundle, params (long ImageId, string Uuid, string Digest, string Orientation, FixtureLevel[] Levels, string? LevelDigest)[] images)
    {
        Directory.CreateDirectory(bundle);
        using var connection = Open(Path.Combine(bundle, "previews.db"));
        Execute(connection, """
            CREATE TABLE ImageCacheEntry (imageId INTEGER PRIMARY KEY, uuid TEXT, digest TEXT, orientation TEXT);
            CREATE TABLE Pyramid (uuid TEXT, digest TEXT, colorProfile TEXT, croppedWidth INTEGER, croppedHeight INTEGER, quality TEXT);
            CREATE TABLE PyramidLevel (uuid TEXT, level INTEGER, longDimension INTEGER, digest TEXT, width INTEGER, height INTEGER);
            """);
        foreach (var image in images)
        {
            Execute(connection, "INSERT INTO ImageCacheEntry VALUES ($1, $2, $3, $4)", image.ImageId, image.Uuid, image.Digest, image.Orientation);
            Execute(connection, "INSERT INTO Pyramid VALUES ($1, $2, 'AdobeRGB', $3, $4, 'standard')", image.Uuid, image.Digest, image.Levels[^1].Width, image.Levels[^1].Height);
            for (var i = 0; i < image.Levels.Length; i++)
            {
                var level = image.Levels[i];
                Execute(connection, "INSERT INTO PyramidLevel VALUES ($1, $2, $3, $4, $5, $6)",
                    image.Uuid, i + 1, Math.Max(level.Width, level.Height), image.LevelDigest, level.Width, level.Height);
            }
        }
    }

    public sealed record CatalogEntry(long Id, string Root, string Folder, string BaseName, string Extension)
    {
        public string? CaptureTime { get; init; }
        public string? Caption { get; init; }
        public string? Title { get; init; }
        public string[] Keywords { get; init; } = [];
    }

    /// <summary>A .lrcat (see <see cref="LightroomCatalogFixture"/>) with these images under the ids given; keywords as '|' paths.</summary>
    public static string Catalog(string path, params CatalogEntry[] images)
    {
        using var catalog = new LightroomCatalogFixture(path);
        var roots = new Dictionary<string, long>();
        var folders = new Dictionary<(long, string), long>();
        var keywords = new Dictionary<string, long>();
        foreach (var image in images)
        {
            if (!roots.TryGetValue(image.Root, out var root))
            {
                roots[image.Root] = root = catalog.Root(image.Root);
            }
            if (!folders.TryGetValue((root, image.Folder), out var folder))
            {
                folders[(root, image.Folder)] = folder = catalog.Folder(root, image.Folder);
            }
            // The previews name images by id, so each takes the id the test gave it.
            var made = catalog.Image(folder, image.BaseName, image.Extension, image.CaptureTime);
            catalog.Execute("UPDATE Adobe_images SET id_local = $id WHERE id_local = $made", ("$id", image.Id), ("$made", made));
            if (image.Caption is not null)
            {
                catalog.Caption(image.Id, image.Caption);
            }
            if (image.Title is not null)
            {
                catalog.Xmp(image.Id, $"""<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">{System.Security.SecurityElement.Escape(image.Title)}</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta>""");
            }
            foreach (var keyword in image.Keywords)
            {
                var parent = LightroomCatalogFixture.RootKeyword;
                var path2 = "";
                foreach (var part in keyword.Split('|'))
                {
                    path2 = path2.Length == 0 ? part : path2 + "|" + part;
                    if (!keywords.TryGetValue(path2, out var id))
                    {
                        keywords[path2] = id = catalog.Keyword(part, parent);
                    }
                    parent = id;
                }
                catalog.Tag(image.Id, parent);
            }
        }
        return path;
    }

    public static string NewUuid() => Guid.NewGuid().ToString().ToUpperInvariant();

    public static string NewDigest() => Guid.NewGuid().ToString("N");

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql, params object?[] values)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue($"${i + 1}", values[i] ?? DBNull.Value);
        }
        command.ExecuteNonQuery();
    }
}
