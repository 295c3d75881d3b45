using System.Xml.Linq;

namespace Shoebox.Sources.Xmp;

/// <summary>
/// Adds and removes elements in a document loaded with its whitespace, indenting new elements like their
/// neighbours, so that a rewritten sidecar differs from the original only where Shoebox changed something.
/// </summary>
internal static class XmlLayout
{
    private const string Step = " ";

    public static void Append(XElement parent, XElement child)
    {
        if (parent.Elements().LastOrDefault() is { } last)
        {
            if (WhitespaceBefore(last) is { } separator)
            {
                last.AddAfterSelf(new XText(separator), child);
            }
            else
            {
                last.AddAfterSelf(child);
            }
            return;
        }
        if (parent.Nodes().Any(n => n is not XText text || !string.IsNullOrWhiteSpace(text.Value)))
        {
            parent.Add(child);
            return;
        }
        var indent = IndentOf(parent);
        parent.ReplaceNodes(new XText("\n" + indent + Step), child, new XText("\n" + indent));
    }

    /// <summary>Removes an element with the line break and indentation before it.</summary>
    public static void Remove(XElement element)
    {
        if (element.PreviousNode is XText text && string.IsNullOrWhiteSpace(text.Value))
        {
            text.Remove();
        }
        element.Remove();
    }

    /// <summary>Adds the elements of a new array property (the property itself must already be in place).</summary>
    public static XElement AppendContainer(XElement property, XName containerName)
    {
        var container = new XElement(containerName);
        Append(property, container);
        return container;
    }

    private static string? WhitespaceBefore(XElement element) =>
        element.PreviousNode is XText text && string.IsNullOrWhiteSpace(text.Value) ? text.Value : null;

    private static string IndentOf(XElement element)
    {
        var before = WhitespaceBefore(element);
        return before is null ? "" : before[(before.LastIndexOf('\n') + 1)..];
    }
}
