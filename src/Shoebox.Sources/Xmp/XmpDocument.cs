using System.Xml;
using System.Xml.Linq;

namespace Shoebox.Sources.Xmp;

/// <summary>
/// A sidecar parsed as untrusted input (no DTD, no external resolution, a size cap), and the property access that
/// reading and writing share. Properties may sit in any of several rdf:Description elements, as child elements or
/// as attributes.
/// </summary>
internal sealed class XmpDocument
{
    // darktable's edit history makes the biggest sidecars seen, a few hundred KB; anything near this is not a sidecar.
    private const long MaxCharacters = 64L * 1024 * 1024;

    private XmpDocument(XDocument document, XElement rdf)
    {
        Document = document;
        Rdf = rdf;
    }

    public XDocument Document { get; }

    public XElement Rdf { get; }

    public IEnumerable<XElement> Descriptions => Rdf.Elements(XmpNames.Description);

    public static XmpDocument Load(Stream stream, string fileName)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxCharacters,
            MaxCharactersFromEntities = 0,
            CloseInput = false,
        };
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            document = XDocument.Load(reader, LoadOptions.PreserveWhitespace);
        }
        catch (Exception e) when (e is XmlException or System.Text.DecoderFallbackException)
        {
            throw new XmpFormatException(fileName, $"not a valid XMP sidecar (not well-formed XML: {e.Message})", e);
        }
        var root = document.Root!;
        var rdf = root.Name == XmpNames.RdfRoot ? root : root.Name == XmpNames.XmpMeta ? root.Element(XmpNames.RdfRoot) : null;
        if (rdf is null)
        {
            throw new XmpFormatException(fileName, $"not an XMP sidecar (the document is <{root.Name.LocalName}>, not x:xmpmeta holding rdf:RDF)");
        }
        return new XmpDocument(document, rdf);
    }

    public static XmpDocument Load(string path) => Load(File.ReadAllBytes(CheckedSize(path)), Path.GetFileName(path));

    public static XmpDocument Load(byte[] bytes, string fileName)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return Load(stream, fileName);
    }

    /// <summary>Refuses, before reading it, a file far bigger than any sidecar.</summary>
    public static string CheckedSize(string path)
    {
        var length = new FileInfo(path).Length;
        if (length > MaxCharacters)
        {
            throw new XmpFormatException(Path.GetFileName(path), $"too large to be an XMP sidecar ({length / (1024 * 1024):N0} MB)");
        }
        return path;
    }

    /// <summary>The empty sidecar a new file starts from.</summary>
    public static XmpDocument CreateEmpty()
    {
        var description = new XElement(XmpNames.Description, new XAttribute(XmpNames.About, ""));
        var rdf = new XElement(XmpNames.RdfRoot,
            new XAttribute(XNamespace.Xmlns + "rdf", XmpNames.Rdf.NamespaceName),
            new XText("\n  "), description, new XText("\n "));
        var meta = new XElement(XmpNames.XmpMeta,
            new XAttribute(XNamespace.Xmlns + "x", XmpNames.Meta.NamespaceName),
            new XAttribute(XmpNames.Meta + "xmptk", "Shoebox"),
            new XText("\n "), rdf, new XText("\n"));
        var document = new XDocument(new XDeclaration("1.0", "UTF-8", null), new XText("\n"), meta);
        description.Add(new XText("\n  "));
        return new XmpDocument(document, rdf);
    }

    /// <summary>The property as an element, if some description holds it so.</summary>
    public XElement? Element(XName name) => Descriptions.Select(d => d.Element(name)).FirstOrDefault(e => e is not null);

    /// <summary>The property as an attribute (the short form XMP allows for simple values).</summary>
    public XAttribute? Attribute(XName name) => Descriptions.Select(d => d.Attribute(name)).FirstOrDefault(a => a is not null);

    /// <summary>A simple value, whichever form it is in.</summary>
    public string? Simple(XName name)
    {
        if (Attribute(name) is { } attribute)
        {
            return attribute.Value;
        }
        return Element(name) is { } element && !element.HasElements ? element.Value : null;
    }

    /// <summary>The items of an array property (Bag, Seq or Alt), or its text when a tool wrote a plain value.</summary>
    public IReadOnlyList<string> Items(XName name)
    {
        if (Element(name) is { } element)
        {
            return ItemsOf(element);
        }
        return Attribute(name) is { } attribute && attribute.Value.Length > 0 ? [attribute.Value] : [];
    }

    public static IReadOnlyList<string> ItemsOf(XElement property)
    {
        var container = Container(property);
        if (container is null)
        {
            return property.HasElements || string.IsNullOrWhiteSpace(property.Value) ? [] : [property.Value.Trim()];
        }
        return [.. container.Elements(XmpNames.Li).Select(li => li.Value.Trim()).Where(v => v.Length > 0)];
    }

    public static XElement? Container(XElement property) =>
        property.Elements().FirstOrDefault(e => e.Name == XmpNames.Bag || e.Name == XmpNames.Seq || e.Name == XmpNames.Alt);

    /// <summary>A language alternative's default: the x-default item, else the first.</summary>
    public string? LanguageDefault(XName name)
    {
        if (Element(name) is { } element)
        {
            return DefaultItem(element)?.Value.Trim() is { Length: > 0 } text ? text : null;
        }
        return Attribute(name)?.Value.Trim() is { Length: > 0 } value ? value : null;
    }

    /// <summary>The node holding a language alternative's default text: the x-default li, the first li, or the property itself.</summary>
    public static XElement? DefaultItem(XElement property)
    {
        if (Container(property) is not { } container)
        {
            return property.HasElements ? null : property;
        }
        var items = container.Elements(XmpNames.Li).ToList();
        return items.FirstOrDefault(li => (string?)li.Attribute(XmpNames.Lang) == "x-default") ?? items.FirstOrDefault();
    }
}
