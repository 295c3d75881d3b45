namespace Shoebox.Search.Duplicates;

/// <summary>
/// One photo of a group. <see cref="Reason"/> says in words why the keeper is kept, or how another photo differs
/// from it; <see cref="Differences"/> says the same in short words ("smaller", "cropped", "lower quality", "PNG",
/// "newer", "same"; empty for the keeper). <see cref="Quality"/> is a JPEG's estimated quality (1-100), 101 for a
/// lossless file, null when unknown.
/// </summary>
public sealed record DuplicateMember(
    long Id, string Hash, IReadOnlyList<string> Paths, int? Width, int? Height, string? TakenAt, int Texts, string Reason)
{
    public string Format { get; init; } = "";

    public long Size { get; init; }

    public int? Quality { get; init; }

    public IReadOnlyList<string> Differences { get; init; } = [];
}

/// <summary>
/// Photos that show the same picture, the keeper first. <see cref="Kind"/> is "copies" for one content at several
/// places (one member, several paths) and "near" for different files of the same picture. <see cref="KeeperChosen"/>
/// when the user chose the keeper rather than the rules.
/// </summary>
public sealed record DuplicateGroup(string Kind, IReadOnlyList<DuplicateMember> Members)
{
    public DuplicateMember Keeper => Members[0];

    public IEnumerable<DuplicateMember> Others => Members.Skip(1);

    public bool KeeperChosen { get; init; }
}
