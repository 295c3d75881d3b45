using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace Shoebox.Catalog.Stores;

/// <summary>
/// Tags: texts of kind 'tag'. The user's own (source 'user') are never touched by indexing; each tagger's (a source of
/// its own) are replaced whole by its next run; a tag the user took off is remembered and never written again.
/// </summary>
public sealed class TagStore
{
    public const string Kind = "tag";
    public const string UserSource = "user";

    private readonly CatalogSession _session;
    private readonly TextStore _texts;

    internal TagStore(CatalogSession session, TextStore texts)
    {
        _session = session;
        _texts = texts;
    }

    /// <summary>The photo's tags, each name once (the user's first, then the surest), without the ones taken off.</summary>
    public async Task<List<PhotoTag>> OfPhotoAsync(long photoId)
    {
        var rows = await _session.ListAsync(
            $"""
            SELECT content, source, score FROM (
                SELECT id, content, source, {_session.Dialect.JsonNumber("details", "score")} AS score
                FROM texts WHERE photo_id = @photo AND kind = 'tag') tags
            ORDER BY source = 'user' DESC, score IS NULL, score DESC, id
            """,
            c => c.Bind("@photo", photoId),
            r => new PhotoTag(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetDouble(2)));
        return [.. rows.DistinctBy(t => t.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Every tag in the library with how many photos carry it, most used first.</summary>
    public Task<List<TagCount>> CountAsync() => _session.ListAsync(
        """
        SELECT min(content), count(DISTINCT CASE WHEN source = 'user' THEN photo_id END),
               count(DISTINCT CASE WHEN source <> 'user' THEN photo_id END)
        FROM texts WHERE kind = 'tag'
        GROUP BY lower(content)
        ORDER BY count(DISTINCT photo_id) DESC, lower(content)
        """,
        null,
        r => new TagCount(r.GetString(0), r.GetInt32(1), r.GetInt32(2)));

    /// <summary>Puts the user's tag on the photo (once; case does not make another tag) and forgets any earlier removal of it.</summary>
    public Task<bool> AddUserAsync(long photoId, string tag) => _session.AtomicAsync(async () =>
    {
        var name = Name(tag);
        await _session.ExecuteAsync("DELETE FROM tag_removals WHERE photo_id = @photo AND tag = @tag", c => Bind(c, photoId, name));
        var present = await _session.ScalarAsync(
            "SELECT 1 FROM texts WHERE photo_id = @photo AND kind = 'tag' AND source = 'user' AND content = @tag COLLATE NOCASE",
            c => Bind(c, photoId, name)) is not null;
        if (!present)
        {
            await _texts.AddAsync(photoId, Kind, UserSource, name, details: null, locationId: null);
        }
        return !present;
    });

    /// <summary>
    /// Takes the tag off the photo, whoever gave it, and remembers that: taggers skip it from now on. Keywords from a
    /// photo library or a sidecar are that library's and stay. Returns whether a tag was taken off.
    /// </summary>
    public Task<bool> RemoveAsync(long photoId, string tag, DateTimeOffset now) => _session.AtomicAsync(async () =>
    {
        var name = Name(tag);
        var removed = await _session.ExecuteAsync(
            "DELETE FROM texts WHERE photo_id = @photo AND kind = 'tag' AND content = @tag COLLATE NOCASE",
            c => Bind(c, photoId, name));
        await _session.ExecuteAsync(
            """
            INSERT INTO tag_removals (photo_id, tag, removed_at) VALUES (@photo, @tag, @at)
            ON CONFLICT (photo_id, tag) DO UPDATE SET tag = excluded.tag, removed_at = excluded.removed_at
            """,
            c =>
            {
                Bind(c, photoId, name);
                c.Bind("@at", now.ToUnixTimeMilliseconds());
            });
        return removed > 0;
    });

    /// <summary>Replaces what <paramref name="source"/> (a tagger) said of the photo with these tags, leaving out those the user took off.</summary>
    public Task SaveAutomaticAsync(long photoId, string source, IReadOnlyList<ScoredTag> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (source == UserSource)
        {
            throw new ArgumentException("Automatic tags need a source of their own, not the user's.", nameof(source));
        }
        return _session.AtomicAsync(async () =>
        {
            await _texts.RemovePhotoTextsAsync(photoId, Kind, source);
            foreach (var tag in tags)
            {
                var removed = await _session.ScalarAsync("SELECT 1 FROM tag_removals WHERE photo_id = @photo AND tag = @tag", c => Bind(c, photoId, tag.Name));
                if (removed is null)
                {
                    var details = JsonSerializer.Serialize(new { score = Math.Round(tag.Score, 3) });
                    await _texts.AddAsync(photoId, Kind, source, tag.Name, details, locationId: null);
                }
            }
        });
    }

    /// <summary>Tags are compared without case and stored trimmed; an empty one is an error the user sees.</summary>
    /// <exception cref="ArgumentException">The tag is empty or longer than 100 characters.</exception>
    public static string Name(string tag)
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

    private static void Bind(DbCommand command, long photoId, string tag)
    {
        command.Bind("@photo", photoId);
        command.Bind("@tag", tag);
    }
}
