using System.Xml.Linq;

namespace Shoebox.Sources.Xmp;

/// <summary>Edits of single properties in a loaded sidecar, leaving everything around them as it was.</summary>
internal static class XmpProperties
{
    /// <summary>Adds an item to an array property, creating it (as <paramref name="containerName"/>) when missing.</summary>
    public static void AddItem(XmpDocument xmp, XName property, XName containerName, string value)
    {
        var element = GetOrCreate(xmp, property);
        var container = XmpDocument.Container(element);
        if (container is null)
        {
            // A tool wrote a plain value where XMP wants an array: keep that value as the first item.
            var plain = element.HasElements ? null : element.Value.Trim();
            element.RemoveNodes();
            container = XmlLayout.AppendContainer(element, containerName);
            if (!string.IsNullOrEmpty(plain))
            {
                XmlLayout.Append(container, new XElement(XmpNames.Li, plain));
            }
        }
        XmlLayout.Append(container, new XElement(XmpNames.Li, value));
    }

    /// <summary>Removes the items equal to <paramref name="value"/>; the property goes when none is left.</summary>
    public static bool RemoveItem(XmpDocument xmp, XName property, string value)
    {
        if (xmp.Element(property) is not { } element || XmpDocument.Container(element) is not { } container)
        {
            return false;
        }
        var matches = container.Elements(XmpNames.Li).Where(li => li.Value.Trim() == value).ToList();
        matches.ForEach(XmlLayout.Remove);
        if (!container.Elements(XmpNames.Li).Any())
        {
            XmlLayout.Remove(element);
        }
        return matches.Count > 0;
    }

    /// <summary>Sets a language alternative's default text, creating the property when missing.</summary>
    public static void SetDefaultText(XmpDocument xmp, XName property, string text)
    {
        if (xmp.Attribute(property) is { } attribute)
        {
            attribute.Value = text;
            return;
        }
        var element = GetOrCreate(xmp, property);
        if (XmpDocument.Container(element) is { } container)
        {
            var item = container.Elements(XmpNames.Li).FirstOrDefault(li => (string?)li.Attribute(XmpNames.Lang) == "x-default");
            if (item is null)
            {
                XmlLayout.Append(container, item = new XElement(XmpNames.Li, new XAttribute(XmpNames.Lang, "x-default")));
            }
            item.Value = text;
        }
        else if (!element.HasElements && element.Value.Length > 0)
        {
            element.Value = text;
        }
        else
        {
            element.RemoveNodes();
            var alternatives = XmlLayout.AppendContainer(element, XmpNames.Alt);
            XmlLayout.Append(alternatives, new XElement(XmpNames.Li, new XAttribute(XmpNames.Lang, "x-default"), text));
        }
    }

    /// <summary>Removes a language alternative's default text; the property goes when nothing is left in it.</summary>
    public static void RemoveDefaultText(XmpDocument xmp, XName property)
    {
        if (xmp.Attribute(property) is { } attribute)
        {
            attribute.Remove();
            return;
        }
        if (xmp.Element(property) is not { } element)
        {
            return;
        }
        if (XmpDocument.Container(element) is { } container && XmpDocument.DefaultItem(element) is { } item && item != element)
        {
            XmlLayout.Remove(item);
            if (container.Elements(XmpNames.Li).Any())
            {
                return;
            }
        }
        XmlLayout.Remove(element);
    }

    public static void SetSimple(XmpDocument xmp, XName property, string value)
    {
        if (xmp.Attribute(property) is { } attribute)
        {
            attribute.Value = value;
            return;
        }
        GetOrCreate(xmp, property).Value = value;
    }

    public static void Remove(XmpDocument xmp, XName property)
    {
        xmp.Attribute(property)?.Remove();
        if (xmp.Element(property) is { } element)
        {
            XmlLayout.Remove(element);
        }
    }

    /// <summary>Drops the declaration of a namespace that nothing uses any more.</summary>
    public static void ForgetUnusedNamespace(XmpDocument xmp, XNamespace ns)
    {
        var root = xmp.Document.Root!;
        var used = root.DescendantsAndSelf().Any(e => e.Name.Namespace == ns || e.Attributes().Any(a => !a.IsNamespaceDeclaration && a.Name.Namespace == ns));
        if (!used)
        {
            root.DescendantsAndSelf().SelectMany(e => e.Attributes())
                .Where(a => a.IsNamespaceDeclaration && a.Value == ns.NamespaceName)
                .ToList()
                .ForEach(a => a.Remove());
        }
    }

    private static XElement GetOrCreate(XmpDocument xmp, XName property)
    {
        if (xmp.Element(property) is { } existing)
        {
            return existing;
        }
        var description = xmp.Descriptions.FirstOrDefault();
        if (description is null)
        {
            description = new XElement(XmpNames.Description, new XAttribute(XmpNames.About, ""));
            XmlLayout.Append(xmp.Rdf, description);
        }
        Declare(description, property.Namespace);
        var element = new XElement(property);
        if (xmp.Attribute(property) is { } attribute)
        {
            // The attribute form cannot hold an array: the value moves into the element.
            element.Value = attribute.Value;
            attribute.Remove();
        }
        XmlLayout.Append(description, element);
        return element;
    }

    private static void Declare(XElement description, XNamespace ns)
    {
        if (description.GetPrefixOfNamespace(ns) is not null)
        {
            return;
        }
        var preferred = XmpNames.PreferredPrefix(ns);
        var prefix = preferred;
        for (var n = 1; description.GetNamespaceOfPrefix(prefix) is not null; n++)
        {
            prefix = preferred + n;
        }
        description.Add(new XAttribute(XNamespace.Xmlns + prefix, ns.NamespaceName));
    }
}
