using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Shoebox.Core;

namespace Shoebox.Catalog.Stores;

/// <summary>
/// Faces found in photos, and the user's word on each. Indexing replaces what the detector said of a photo, but a face
/// found again (its box overlapping the old one) keeps its id, its person and the user's decision, and a face the user
/// decided on stays even when a later detection misses it: like user tags, the user's word outlasts every re-index.
/// </summary>
public sealed class FaceStore
{
    /// <summary>Boxes overlapping this much (intersection over union) are the same face found again.</summary>
    public const double SameFaceOverlap = 0.4;

    private const string Columns = "f.id, f.photo_id, f.x, f.y, f.w, f.h, f.score, f.model, f.person_id, p.name, f.decision";

    private readonly CatalogSession _session;
    private readonly PersonTexts _texts;

    internal FaceStore(CatalogSession session, PersonTexts texts)
    {
        _session = session;
        _texts = texts;
    }

    private SqlDialect Dialect => _session.Dialect;

    /// <summary>Stores the faces <paramref name="model"/> found in the photo, in place of what was found before (see the class).</summary>
    public Task SaveAsync(long photoId, string model, IReadOnlyList<FoundFace> faces)
    {
        ArgumentNullException.ThrowIfNull(faces);
        return _session.AtomicAsync(async () =>
        {
            var old = await _session.ListAsync(
                "SELECT id, x, y, w, h, decision FROM faces WHERE photo_id = @photo",
                c => c.Bind("@photo", photoId),
                r => (Id: r.GetInt64(0), Box: new FaceRegion(r.GetDouble(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4)), Decided: !r.IsDBNull(5)));
            var pairs = (from n in Enumerable.Range(0, faces.Count)
                         from o in old
                         let overlap = faces[n].Box.Overlap(o.Box)
                         where overlap >= SameFaceOverlap
                         orderby overlap descending, o.Id
                         select (New: n, Old: o.Id)).ToList();
            var matched = new Dictionary<int, long>();
            foreach (var (n, o) in pairs)
            {
                if (!matched.ContainsKey(n) && !matched.ContainsValue(o))
                {
                    matched[n] = o;
                }
            }
            foreach (var gone in old.Where(o => !o.Decided && !matched.ContainsValue(o.Id)))
            {
                await _session.ExecuteAsync("DELETE FROM faces WHERE id = @id", c => c.Bind("@id", gone.Id));
            }
            for (var n = 0; n < faces.Count; n++)
            {
                var found = matched.TryGetValue(n, out var id);
                var sql = found
                    ? "UPDATE faces SET x = @x, y = @y, w = @w, h = @h, keypoints = @points, score = @score, descriptor = @descriptor, model = @model WHERE id = @id"
                    : "INSERT INTO faces (photo_id, x, y, w, h, keypoints, score, descriptor, model) VALUES (@photo, @x, @y, @w, @h, @points, @score, @descriptor, @model)";
                var face = faces[n];
                await _session.ExecuteAsync(sql, c =>
                {
                    c.Bind(found ? "@id" : "@photo", found ? id : photoId);
                    c.Bind("@x", face.Box.X);
                    c.Bind("@y", face.Box.Y);
                    c.Bind("@w", face.Box.W);
                    c.Bind("@h", face.Box.H);
                    c.Bind("@points", Keypoints(face.Keypoints));
                    c.Bind("@score", face.Score);
                    c.Bind("@descriptor", face.Descriptor is null ? null : MemoryMarshal.AsBytes(face.Descriptor.AsSpan()).ToArray());
                    c.Bind("@model", model);
                });
            }
            await _texts.RefreshAsync([photoId]);
        });
    }

    /// <summary>The photo's faces, largest first, without those the user said are not faces.</summary>
    public Task<List<StoredFace>> OfPhotoAsync(long photoId) => _session.ListAsync(
        $"""
        SELECT {Columns} FROM faces f LEFT JOIN people p ON p.id = f.person_id
        WHERE f.photo_id = @photo AND (f.decision IS NULL OR f.decision <> 'not-face')
        ORDER BY f.w * f.h DESC, f.id
        """,
        c => c.Bind("@photo", photoId),
        Read);

    /// <summary>The face, whatever was decided of it; null when there is no such face.</summary>
    public async Task<StoredFace?> GetAsync(long faceId) => (await _session.ListAsync(
        $"SELECT {Columns} FROM faces f LEFT JOIN people p ON p.id = f.person_id WHERE f.id = @id",
        c => c.Bind("@id", faceId),
        Read)).FirstOrDefault();

    /// <summary>
    /// The descriptors grouping needs: of faces in a person, and of faces not grouped yet (nothing decided of them),
    /// in id order.
    /// </summary>
    public Task<List<FaceDescriptor>> LoadDescriptorsAsync() => _session.ListAsync(
        """
        SELECT id, person_id, descriptor FROM faces
        WHERE descriptor IS NOT NULL AND (person_id IS NOT NULL OR decision IS NULL)
        ORDER BY id
        """,
        null,
        r => new FaceDescriptor(r.GetInt64(0), r.IsDBNull(1) ? null : r.GetInt64(1), MemoryMarshal.Cast<byte, float>((byte[])r[2]).ToArray()));

    /// <summary>
    /// The user's word: the face belongs to <paramref name="personId"/>, or (null) to nobody, for good. Moving a face from
    /// one person to another also keeps the two apart from then on. False when there is no such face or person.
    /// </summary>
    public Task<bool> MoveAsync(long faceId, long? personId, DateTimeOffset now) => _session.AtomicAsync(async () =>
    {
        if (await GetAsync(faceId) is not { } face)
        {
            return false;
        }
        if (personId is { } target && await _session.ScalarAsync("SELECT 1 FROM people WHERE id = @id", c => c.Bind("@id", target)) is null)
        {
            return false;
        }
        await _session.ExecuteAsync(
            "UPDATE faces SET person_id = @person, decision = @decision WHERE id = @id",
            c =>
            {
                c.Bind("@id", faceId);
                c.Bind("@person", personId);
                c.Bind("@decision", personId is null ? "none" : "person");
            });
        if (face.PersonId is { } from && personId is { } to && from != to)
        {
            await PeopleStore.KeepApartAsync(_session, from, to, now);
        }
        await AfterLeavingAsync(face);
        return true;
    });

    /// <summary>The user's word: it is not a face. It leaves its person and is never grouped or shown again.</summary>
    public Task<bool> NotAFaceAsync(long faceId) => _session.AtomicAsync(async () =>
    {
        if (await GetAsync(faceId) is not { } face)
        {
            return false;
        }
        await _session.ExecuteAsync("UPDATE faces SET person_id = NULL, decision = 'not-face' WHERE id = @id", c => c.Bind("@id", faceId));
        await AfterLeavingAsync(face);
        return true;
    });

    /// <summary>Grouping's placement of a face nothing was decided of.</summary>
    public Task AssignAsync(long faceId, long personId) => _session.ExecuteAsync(
        "UPDATE faces SET person_id = @person WHERE id = @id AND decision IS NULL",
        c =>
        {
            c.Bind("@id", faceId);
            c.Bind("@person", personId);
        });

    // The face's old person goes when nothing is left of it, and its photo's names follow.
    private async Task AfterLeavingAsync(StoredFace face)
    {
        if (face.PersonId is { } left)
        {
            await PeopleStore.DropIfEmptyAsync(_session, left);
        }
        await _texts.RefreshAsync([face.PhotoId]);
    }

    private static string Keypoints(IReadOnlyList<(double X, double Y)> points) =>
        JsonSerializer.Serialize(points.SelectMany(p => new[] { Math.Round(p.X, 5), Math.Round(p.Y, 5) }));

    private static StoredFace Read(DbDataReader r) => new(
        r.GetInt64(0),
        r.GetInt64(1),
        new FaceRegion(r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5)),
        r.GetDouble(6),
        r.GetString(7),
        r.IsDBNull(8) ? null : r.GetInt64(8),
        r.IsDBNull(9) ? null : r.GetString(9),
        r.IsDBNull(10) ? FaceDecision.None : r.GetString(10) switch
        {
            "person" => FaceDecision.Person,
            "none" => FaceDecision.NoPerson,
            "not-face" => FaceDecision.NotAFace,
            var other => throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Unknown face decision '{other}'.")),
        });
}
