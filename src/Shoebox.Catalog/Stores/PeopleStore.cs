using System.Globalization;

namespace Shoebox.Catalog.Stores;

/// <summary>
/// People: groups of faces with ids that never change. Grouping makes and merges them; the user names, merges and
/// forgets them, and keeps two apart. A name the user gave is never replaced by one carried over from a photo library.
/// </summary>
public sealed class PeopleStore
{
    private const string UserSource = "user";
    private const string ImportSource = "import";

    // Faces shown in a person: those grouping placed and those the user put there.
    private const string Shown = "(f.decision IS NULL OR f.decision = 'person')";

    private readonly CatalogSession _session;
    private readonly PersonTexts _texts;

    internal PeopleStore(CatalogSession session, PersonTexts texts)
    {
        _session = session;
        _texts = texts;
    }

    private SqlDialect Dialect => _session.Dialect;

    /// <summary>Every person with a face: named first (by name), then by how many photos they are in.</summary>
    public Task<List<PersonSummary>> ListAsync() => ListWhereAsync("", null);

    /// <summary>The person; null when there is none with that id (or nothing is left of them).</summary>
    public async Task<PersonSummary?> GetAsync(long id) => (await ListWhereAsync("WHERE p.id = @id", c => c.Bind("@id", id))).FirstOrDefault();

    private async Task<List<PersonSummary>> ListWhereAsync(string where, Action<System.Data.Common.DbCommand>? bind) => await WithCoverPhotosAsync(await _session.ListAsync(
        $"""
        SELECT p.id, p.name, p.name_source, count(f.id), count(DISTINCT f.photo_id),
               coalesce(p.cover_face, (SELECT c.id FROM faces c WHERE c.person_id = p.id AND {Shown.Replace("f.", "c.", StringComparison.Ordinal)}
                                       ORDER BY c.w * c.h * c.score DESC, c.id LIMIT 1)) AS cover
        FROM people p JOIN faces f ON f.person_id = p.id AND {Shown}
        {where}
        GROUP BY p.id, p.name, p.name_source, p.cover_face
        ORDER BY p.name IS NULL, p.name COLLATE NOCASE, count(DISTINCT f.photo_id) DESC, p.id
        """,
        bind,
        r => new PersonSummary(
            r.GetInt64(0),
            r.IsDBNull(1) ? null : r.GetString(1),
            !r.IsDBNull(2) && r.GetString(2) == UserSource,
            r.GetInt32(3),
            r.GetInt32(4),
            r.IsDBNull(5) ? null : r.GetInt64(5),
            null)));

    private async Task<List<PersonSummary>> WithCoverPhotosAsync(List<PersonSummary> people)
    {
        var covers = people.Where(p => p.CoverFaceId is not null).Select(p => p.CoverFaceId!.Value).ToList();
        if (covers.Count == 0)
        {
            return people;
        }
        var photos = (await _session.ListAsync(
            $"SELECT id, photo_id FROM faces WHERE {Dialect.InList("id", "@ids")}",
            c => c.Bind("@ids", Dialect.ListValue(covers)),
            r => (Face: r.GetInt64(0), Photo: r.GetInt64(1)))).ToDictionary(row => row.Face, row => row.Photo);
        return [.. people.Select(p => p with { CoverPhotoId = p.CoverFaceId is { } face ? photos.GetValueOrDefault(face) : null })];
    }

    /// <summary>The ids of the photos the person is in, newest taken first.</summary>
    public Task<List<long>> PhotosOfAsync(long id) => _session.ListAsync(
        $"""
        SELECT ph.id FROM photos ph
        WHERE ph.id IN (SELECT f.photo_id FROM faces f WHERE f.person_id = @id AND {Shown})
        ORDER BY ph.taken_at IS NULL, ph.taken_at DESC, ph.id
        """,
        c => c.Bind("@id", id),
        r => r.GetInt64(0));

    /// <summary>A new person, for grouping to put faces in.</summary>
    public async Task<long> CreateAsync(DateTimeOffset now) => Convert.ToInt64(
        await _session.ScalarAsync("INSERT INTO people (created_at) VALUES (@at) RETURNING id", c => c.Bind("@at", now.ToUnixTimeMilliseconds())),
        CultureInfo.InvariantCulture);

    /// <summary>The user names the person (null or blank takes the name off). False when there is no such person.</summary>
    /// <exception cref="ArgumentException">The name is longer than 100 characters.</exception>
    public Task<bool> NameAsync(long id, string? name) => SetNameAsync(id, Name(name), UserSource, overUser: true);

    /// <summary>A name carried over from a photo library: given only to a person the user has not named.</summary>
    public Task<bool> NameFromImportAsync(long id, string name) => SetNameAsync(id, Name(name), ImportSource, overUser: false);

    private Task<bool> SetNameAsync(long id, string? name, string source, bool overUser) => _session.AtomicAsync(async () =>
    {
        var changed = await _session.ExecuteAsync(
            $"UPDATE people SET name = @name, name_source = @source WHERE id = @id{(overUser ? "" : " AND (name_source IS NULL OR name_source <> 'user') AND (name IS NULL OR name <> @name)")}",
            c =>
            {
                c.Bind("@id", id);
                c.Bind("@name", name);
                c.Bind("@source", name is null ? null : source);
            });
        if (changed > 0)
        {
            await _texts.RefreshAsync(await _texts.PhotosOfAsync(id));
        }
        return changed > 0;
    });

    /// <summary>
    /// Every face of <paramref name="from"/> goes to <paramref name="into"/>, which keeps its id (and takes the other's
    /// name when it has none); <paramref name="from"/> is gone. False when either is missing or they are the same.
    /// </summary>
    public Task<bool> MergeAsync(long from, long into) => _session.AtomicAsync(async () =>
    {
        var names = await _session.ListAsync(
            $"SELECT id, name, name_source FROM people WHERE {Dialect.InList("id", "@ids")}",
            c => c.Bind("@ids", Dialect.ListValue(new[] { from, into })),
            r => (Id: r.GetInt64(0), Name: r.IsDBNull(1) ? null : r.GetString(1), Source: r.IsDBNull(2) ? null : r.GetString(2)));
        if (from == into || names.Count != 2)
        {
            return false;
        }
        var kept = names.Single(n => n.Id == into);
        var gone = names.Single(n => n.Id == from);
        if (gone.Name is not null && (kept.Name is null || (kept.Source != UserSource && gone.Source == UserSource)))
        {
            await _session.ExecuteAsync(
                "UPDATE people SET name = @name, name_source = @source WHERE id = @id",
                c =>
                {
                    c.Bind("@id", into);
                    c.Bind("@name", gone.Name);
                    c.Bind("@source", gone.Source);
                });
        }
        await _session.ExecuteAsync("UPDATE faces SET person_id = @into WHERE person_id = @from", c =>
        {
            c.Bind("@from", from);
            c.Bind("@into", into);
        });
        // Whoever was kept apart from the one merged is kept apart from the merged person.
        var apart = await _session.ListAsync(
            "SELECT person_a, person_b FROM people_apart WHERE person_a = @from OR person_b = @from",
            c => c.Bind("@from", from),
            r => r.GetInt64(0) == from ? r.GetInt64(1) : r.GetInt64(0));
        foreach (var other in apart.Where(other => other != into))
        {
            await KeepApartAsync(_session, other, into, DateTimeOffset.UtcNow);
        }
        await _session.ExecuteAsync("DELETE FROM people WHERE id = @from", c => c.Bind("@from", from));
        await _texts.RefreshAsync(await _texts.PhotosOfAsync(into));
        return true;
    });

    /// <summary>
    /// The person goes, and their faces with them: each is left out of every person for good (strangers in the
    /// background), so a re-index does not bring the person back. False when there is no such person.
    /// </summary>
    public Task<bool> ForgetAsync(long id) => _session.AtomicAsync(async () =>
    {
        var photos = await _texts.PhotosOfAsync(id);
        await _session.ExecuteAsync("UPDATE faces SET person_id = NULL, decision = 'none' WHERE person_id = @id", c => c.Bind("@id", id));
        var removed = await _session.ExecuteAsync("DELETE FROM people WHERE id = @id", c => c.Bind("@id", id));
        await _texts.RefreshAsync(photos);
        return removed > 0;
    });

    /// <summary>The pairs of people the user keeps apart, smaller id first.</summary>
    public async Task<HashSet<(long, long)>> LoadApartAsync() =>
        [.. await _session.ListAsync("SELECT person_a, person_b FROM people_apart", null, r => (r.GetInt64(0), r.GetInt64(1)))];

    /// <summary>The user keeps the two people apart: grouping never merges them.</summary>
    public Task KeepApartAsync(long one, long other, DateTimeOffset now) => KeepApartAsync(_session, one, other, now);

    /// <summary>The ids of the people named by the user.</summary>
    public async Task<HashSet<long>> NamedByUserAsync() =>
        [.. await _session.ListAsync($"SELECT id FROM people WHERE name IS NOT NULL AND name_source = '{UserSource}'", null, r => r.GetInt64(0))];

    /// <summary>Writes again the person texts (names as words) of the photos of these people.</summary>
    public async Task RefreshNamesAsync(IReadOnlyCollection<long> people)
    {
        if (people.Count > 0)
        {
            await _texts.RefreshAsync(await _texts.PhotosOfAsync([.. people]));
        }
    }

    /// <summary>
    /// For each person and each name a photo library gave (kind 'person' from another source), on how many of the
    /// person's photos it is: what carries a library's names over to the people found.
    /// </summary>
    public Task<List<ImportedName>> ImportedNamesAsync() => _session.ListAsync(
        $"""
        SELECT pp.person_id, min(t.content), count(DISTINCT t.photo_id), pp.photos
        FROM (SELECT f.person_id, count(DISTINCT f.photo_id) AS photos FROM faces f WHERE f.person_id IS NOT NULL AND {Shown} GROUP BY f.person_id) pp
        JOIN faces f ON f.person_id = pp.person_id AND {Shown}
        JOIN texts t ON t.photo_id = f.photo_id AND t.kind = '{PersonTexts.Kind}' AND t.source <> '{PersonTexts.Source}'
        GROUP BY pp.person_id, pp.photos, lower(t.content)
        ORDER BY pp.person_id, count(DISTINCT t.photo_id) DESC, min(t.content)
        """,
        null,
        r => new ImportedName(r.GetInt64(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3)));

    /// <summary>Removes the people no face is left in and whom the user has not named.</summary>
    public Task<int> DropEmptyAsync() => _session.ExecuteAsync(
        $"DELETE FROM people WHERE (name IS NULL OR name_source <> '{UserSource}') AND NOT EXISTS (SELECT 1 FROM faces f WHERE f.person_id = people.id)");

    internal static Task KeepApartAsync(CatalogSession session, long one, long other, DateTimeOffset now) => session.ExecuteAsync(
        """
        INSERT INTO people_apart (person_a, person_b, decided_at) VALUES (@a, @b, @at)
        ON CONFLICT (person_a, person_b) DO UPDATE SET decided_at = excluded.decided_at
        """,
        c =>
        {
            c.Bind("@a", Math.Min(one, other));
            c.Bind("@b", Math.Max(one, other));
            c.Bind("@at", now.ToUnixTimeMilliseconds());
        });

    internal static Task DropIfEmptyAsync(CatalogSession session, long id) => session.ExecuteAsync(
        $"DELETE FROM people WHERE id = @id AND (name IS NULL OR name_source <> '{UserSource}') AND NOT EXISTS (SELECT 1 FROM faces f WHERE f.person_id = people.id)",
        c => c.Bind("@id", id));

    /// <summary>A person's name as stored: trimmed, spaces made one; null for none.</summary>
    /// <exception cref="ArgumentException">The name is longer than 100 characters.</exception>
    public static string? Name(string? name)
    {
        var trimmed = string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (trimmed.Length > 100)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"A name is at most 100 characters (this one has {trimmed.Length})."));
        }
        return trimmed.Length == 0 ? null : trimmed;
    }
}
