using System.Numerics.Tensors;
using Shoebox.Catalog.Stores;

namespace Shoebox.Indexing.Faces;

/// <summary>What grouping does, in order: a person started (a negative key until the catalog gives an id), a face placed, two people merged.</summary>
public abstract record GroupingStep;

public sealed record PersonStarted(long Key) : GroupingStep;

public sealed record FacePlaced(long FaceId, long Person) : GroupingStep;

public sealed record PeopleMerged(long From, long Into) : GroupingStep;

/// <summary>
/// Groups faces into people as photos arrive, never from scratch: each face not grouped yet joins the person whose
/// mean descriptor is nearest within <see cref="SamePerson"/>, or starts a new person; a face near two people whose
/// means are also that near each other merges them, unless the user keeps them apart or named both. The person kept
/// is the one the user named, else the one with more faces, else the older, so ids stay as they were.
/// </summary>
public sealed class PeopleGrouper(double samePerson = PeopleGrouper.SamePersonDistance)
{
    /// <summary>
    /// The Euclidean distance indexing groups with: tighter than dlib's 0.6 (<c>FaceDescriber.SamePersonDistance</c>,
    /// for pairs of dlib-aligned chips), because a face here joins a person's mean, which lets different people chain
    /// into one at 0.6, and the chips are framed from six keypoints. On the memes' stand-in set (`bench people-eval
    /// --memes-people`), 0.6 put different people together (pair precision 0.51); 0.55 down to 0.4 never did (1.00,
    /// recall 0.81); 0.5 keeps a margin below the nearest two different people seen (0.53).
    /// </summary>
    public const double SamePersonDistance = 0.5;

    public double SamePerson { get; } = samePerson;

    /// <summary>The steps that place every face of <paramref name="faces"/> without a person, given those with one.</summary>
    public List<GroupingStep> Group(IReadOnlyList<FaceDescriptor> faces, IReadOnlySet<(long, long)> apart, IReadOnlySet<long> namedByUser)
    {
        ArgumentNullException.ThrowIfNull(faces);
        var people = new Dictionary<long, Centroid>();
        foreach (var face in faces.Where(f => f.PersonId is not null))
        {
            Of(people, face.PersonId!.Value, face.Descriptor.Length).Add(face.Descriptor);
        }
        var kept = new HashSet<(long, long)>(apart);
        var steps = new List<GroupingStep>();
        var nextKey = -1L;
        foreach (var face in faces.Where(f => f.PersonId is null).OrderBy(f => f.FaceId))
        {
            var near = Near(people, face.Descriptor);
            if (near.Count == 0)
            {
                var key = nextKey--;
                steps.Add(new PersonStarted(key));
                Of(people, key, face.Descriptor.Length).Add(face.Descriptor);
                steps.Add(new FacePlaced(face.FaceId, key));
                continue;
            }
            var person = near[0].Id;
            people[person].Add(face.Descriptor);
            steps.Add(new FacePlaced(face.FaceId, person));
            foreach (var other in near.Skip(1).Select(n => n.Id))
            {
                if (!people.ContainsKey(other) || !people.ContainsKey(person) || !Mergeable(person, other, people, kept, namedByUser))
                {
                    continue;
                }
                var (from, into) = Keeper(person, other, people, namedByUser);
                people[into].Merge(people[from]);
                people.Remove(from);
                foreach (var pair in kept.Where(p => p.Item1 == from || p.Item2 == from).ToList())
                {
                    var third = pair.Item1 == from ? pair.Item2 : pair.Item1;
                    kept.Add((Math.Min(third, into), Math.Max(third, into)));
                }
                steps.Add(new PeopleMerged(from, into));
                person = into;
            }
        }
        return steps;
    }

    // A scan of every person's mean: about 5 ms per 10,000 people for 128-d descriptors on one core.
    private List<(long Id, double Distance)> Near(Dictionary<long, Centroid> people, float[] descriptor)
    {
        var near = new List<(long Id, double Distance)>();
        foreach (var (id, centroid) in people)
        {
            var distance = centroid.DistanceTo(descriptor);
            if (distance < SamePerson)
            {
                near.Add((id, distance));
            }
        }
        near.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Id.CompareTo(b.Id));
        return near;
    }

    private bool Mergeable(long one, long other, Dictionary<long, Centroid> people, HashSet<(long, long)> apart, IReadOnlySet<long> namedByUser) =>
        !apart.Contains((Math.Min(one, other), Math.Max(one, other)))
        && !(namedByUser.Contains(one) && namedByUser.Contains(other))
        && people[one].DistanceTo(people[other].Mean) < SamePerson;

    private static (long From, long Into) Keeper(long one, long other, Dictionary<long, Centroid> people, IReadOnlySet<long> namedByUser)
    {
        var oneFirst = namedByUser.Contains(one) != namedByUser.Contains(other)
            ? namedByUser.Contains(one)
            : people[one].Count != people[other].Count
                ? people[one].Count > people[other].Count
                : Older(one, other);
        return oneFirst ? (other, one) : (one, other);
    }

    // Ids the catalog gave are older than keys of people started in this run (negative), and smaller is older.
    private static bool Older(long one, long other) => (one > 0, other > 0) switch
    {
        (true, false) => true,
        (false, true) => false,
        (true, true) => one < other,
        _ => one > other,
    };

    private static Centroid Of(Dictionary<long, Centroid> people, long id, int dimensions)
    {
        if (!people.TryGetValue(id, out var centroid))
        {
            people[id] = centroid = new Centroid(dimensions);
        }
        return centroid;
    }

    /// <summary>A person's descriptors summed, and their mean kept up to date.</summary>
    private sealed class Centroid(int dimensions)
    {
        private readonly float[] _sum = new float[dimensions];

        public float[] Mean { get; } = new float[dimensions];

        public int Count { get; private set; }

        public void Add(float[] descriptor)
        {
            TensorPrimitives.Add(_sum, descriptor, _sum);
            Count++;
            TensorPrimitives.Divide(_sum, Count, Mean);
        }

        public void Merge(Centroid other)
        {
            TensorPrimitives.Add(_sum, other._sum, _sum);
            Count += other.Count;
            TensorPrimitives.Divide(_sum, Count, Mean);
        }

        public double DistanceTo(float[] descriptor) => descriptor.Length == Mean.Length ? TensorPrimitives.Distance(Mean, descriptor) : double.PositiveInfinity;
    }
}
