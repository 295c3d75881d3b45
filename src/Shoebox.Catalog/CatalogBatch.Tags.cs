using System.Globalization;
using System.Text.Json;

namespace Shoebox.Catalog;

/// <summary>A tag from a rule or a model, with how sure it was (0..1).</summary>
public readonly record struct ScoredTag(string Name, double Score);

/// <summary>
/// Tags: texts of kind 'tag'. The user's own (source 'user') are never touched by indexing; each tagger's (a source of
/// its own) are replaced whole by its next run; a tag the user took off is remembered and never written again.
/// </summary>
public sealed partial class CatalogBatch
{
    public const string TagKind = "tag";
    public const string UserSource = "user";

    /// <summary>Puts the user's tag on the photo (once; case does not make another tag) and forgets any earlier removal of it.</summary>
    public bool AddUserTag(long photoId, string tag) => Guard(() =>
    {
        var name = TagName(tag);
        Run("DELETE FROM tag_removals WHERE photo_id = @photo AND tag = @tag", c => BindTag(c, photoId, name));
        var present = Run(
            "SELECT 1 FROM texts WHERE photo_id = @photo AND kind = 'tag' AND source = 'user' AND content = @tag COLLATE NOCASE",
            c => BindTag(c, photoId, name), scalar: true) is not null;
        if (!present)
        {
            AddText(photoId, TagKind, UserSource, name, details: null, locationId: null);
        }
        return !present;
    });

    /// <summary>
    /// Takes the tag off the photo, whoever gave it, and remembers that: taggers skip it from now on. Keywords from a
    /// photo library or a sidecar are that library's and stay. Returns whether a tag was taken off.
    /// </summary>
    public bool RemoveTag(long photoId, string tag, DateTimeOffset now) => Guard(() =>
    {
        var name = TagName(tag);
        var removed = (int)Run(
            "DELETE FROM texts WHERE photo_id = @photo AND kind = 'tag' AND content = @tag COLLATE NOCASE",
            c => BindTag(c, photoId, name))!;
        Run("""
            INSERT INTO tag_removals (photo_id, tag, removed_at) VALUES (@photo, @tag, @at)
            ON CONFLICT (photo_id, tag) DO UPDATE SET tag = excluded.tag, removed_at = excluded.removed_at
            """, c =>
        {
            BindTag(c, photoId, name);
            c.Bind("@at", now.ToUnixTimeMilliseconds());
        });
        return removed > 0;
    });

    /// <summary>Replaces what <paramref name="source"/> (a tagger) said of the photo with these tags, leaving out those the user took off.</summary>
    public void SaveAutoTags(long photoId, string source, IReadOnlyList<ScoredTag> tags) => Guard(() =>
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (source == UserSource)
        {
            throw new ArgumentException("Automatic tags need a source of their own, not the user's.", nameof(source));
        }
        RemovePhotoTexts(photoId, TagKind, source);
        foreach (var tag in tags)
        {
            var removed = Run("SELECT 1 FROM tag_removals WHERE photo_id = @photo AND tag = @tag", c => BindTag(c, photoId, tag.Name), scalar: true);
            if (removed is null)
            {
                var details = JsonSerializer.Serialize(new { score = Math.Round(tag.Score, 3) });
                AddText(photoId, TagKind, source, tag.Name, details, locationId: null);
            }
        }
    });

    /// <summary>Tags are compared without case and stored trimmed; an empty one is an error the user sees.</summary>
    public static string TagName(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var name = string.Join(' ', tag.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (name.Length == 0)
        {
            throw new ArgumentException("A tag needs at least one letter or digit.");
        }
        if (name.Length > 100)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"A tag is at most 100 characters (this one has {name.Length})."));
        }
        return name;
    }

    private static void BindTag(System.Data.Common.DbCommand command, long photoId, string tag)
    {
        command.Bind("@photo", photoId);
        command.Bind("@tag", tag);
    }
}
