namespace Shoebox.Search.Duplicates;

/// <summary>One photo of a group: <see cref="Reason"/> says why it belongs (the keeper's says why it is kept).</summary>
public sealed record DuplicateMember(
    long Id, string Hash, IReadOnlyList<string> Paths, int? Width, int? Height, string? TakenAt, int Texts, string Reason);

/// <summary>
/// Photos that show the same picture, the suggested keeper first. <see cref="Kind"/> is "copies" for one content
/// at several places (one member, several paths) and "near" for different files of the same picture.
/// </summary>
public sealed record DuplicateGroup(string Kind, IReadOnlyList<DuplicateMember> Members)
{
    public DuplicateMember Keeper => Members[0];

    public IEnumerable<DuplicateMember> Others => Members.Skip(1);
}
