using Shoebox.Catalog.Stores;
using Shoebox.Indexing.Faces;

namespace Shoebox.Tests.Indexing.Faces;

[Tier(Tier.Unit)]
public sealed class PeopleGrouperTests
{
    private static readonly HashSet<(long, long)> NoneApart = [];
    private static readonly HashSet<long> NoneNamed = [];

    // A 128-d descriptor at `at` along the first axis, a little apart from its neighbours by `jitter` on another axis.
    private static float[] At(double at, double jitter = 0)
    {
        var descriptor = new float[128];
        descriptor[0] = (float)at;
        descriptor[64] = (float)jitter;
        return descriptor;
    }

    private static FaceDescriptor Face(long id, double at, long? person = null, double jitter = 0) => new(id, person, At(at, jitter));

    [Fact]
    public void Group_FaceNearAPerson_JoinsIt()
    {
        var steps = new PeopleGrouper().Group([Face(1, 0.0, person: 7), Face(2, 2.0, person: 8), Face(3, 0.2)], NoneApart, NoneNamed);

        Assert.Equal([new FacePlaced(3, 7)], steps);
    }

    [Fact]
    public void Group_FaceFarFromEveryone_StartsAPersonTheNextFacesJoin()
    {
        var steps = new PeopleGrouper().Group([Face(1, 0.0, person: 7), Face(2, 1.0), Face(3, 1.1), Face(4, 3.0)], NoneApart, NoneNamed);

        Assert.Equal(
            [new PersonStarted(-1), new FacePlaced(2, -1), new FacePlaced(3, -1), new PersonStarted(-2), new FacePlaced(4, -2)],
            steps);
    }

    [Fact]
    public void Group_FaceBetweenTwoNearPeople_MergesTheSmallerIntoTheLarger()
    {
        var faces = new[] { Face(1, 0.2, person: 5), Face(2, -0.2, person: 6, jitter: 0.01), Face(3, -0.2, person: 6, jitter: -0.01), Face(4, -0.03) };

        var steps = new PeopleGrouper().Group(faces, NoneApart, NoneNamed);

        Assert.Equal([new FacePlaced(4, 6), new PeopleMerged(5, 6)], steps);
    }

    [Fact]
    public void Group_PeopleTheUserKeepsApart_AreNotMerged()
    {
        var faces = new[] { Face(1, 0.2, person: 5), Face(2, -0.2, person: 6), Face(3, 0.03) };

        var steps = new PeopleGrouper().Group(faces, new HashSet<(long, long)> { (5, 6) }, NoneNamed);

        Assert.Equal([new FacePlaced(3, 5)], steps);
    }

    [Fact]
    public void Group_TwoPeopleBothNamedByTheUser_AreNotMerged()
    {
        var faces = new[] { Face(1, 0.2, person: 5), Face(2, -0.2, person: 6), Face(3, 0.03) };

        var steps = new PeopleGrouper().Group(faces, NoneApart, new HashSet<long> { 5, 6 });

        Assert.Equal([new FacePlaced(3, 5)], steps);
    }

    [Fact]
    public void Group_NamedPersonMeetsALargerOne_TheNamedOneIsKept()
    {
        var faces = new[] { Face(1, 0.2, person: 5), Face(2, -0.2, person: 6, jitter: 0.01), Face(3, -0.2, person: 6, jitter: -0.01), Face(4, -0.03) };

        var steps = new PeopleGrouper().Group(faces, NoneApart, new HashSet<long> { 5 });

        Assert.Equal([new FacePlaced(4, 6), new PeopleMerged(6, 5)], steps);
    }

    [Fact]
    public void Group_EveryFaceGrouped_DoesNothing()
    {
        Assert.Empty(new PeopleGrouper().Group([Face(1, 0.0, person: 7), Face(2, 0.1, person: 7)], NoneApart, NoneNamed));
    }
}
