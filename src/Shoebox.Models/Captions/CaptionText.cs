using System.Text;

namespace Shoebox.Models.Captions;

/// <summary>Turns a model's answer into a caption: one line, no wrapping quotes, at most a given length.</summary>
public static class CaptionText
{
    public static string Clean(string answer, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var text = new StringBuilder(answer.Length);
        foreach (var word in answer.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            text.Append(text.Length == 0 ? "" : " ").Append(word);
        }
        var caption = text.ToString();
        // Some models wrap the whole answer in quotes.
        if (caption.Length >= 2 && caption[0] == '"' && caption[^1] == '"' && caption.IndexOf('"', 1) == caption.Length - 1)
        {
            caption = caption[1..^1].Trim();
        }
        if (caption.Length <= maxLength)
        {
            return caption;
        }
        var limit = Math.Max(1, maxLength - 1); // room for the ellipsis
        var cut = caption.LastIndexOf(' ', limit);
        return (cut > limit / 2 ? caption[..cut] : caption[..limit]).TrimEnd(',', ';', ':', ' ') + "…";
    }
}
