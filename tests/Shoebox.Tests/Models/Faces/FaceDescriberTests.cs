using Shoebox.Core;
using Shoebox.Models.Faces;

namespace Shoebox.Tests.Models.Faces;

[Tier(Tier.Faces)]
public sealed class FaceDescriberTests(FaceDescriberFixture models) : IClassFixture<FaceDescriberFixture>
{
    [Fact]
    public void DescribePixels_DemoFaces_EqualThePackagesOwnDescriptors()
    {
        var faces = ReferenceFaces.All;
        var chips = faces.SelectMany(f => ReferenceFaces.Chip(models.Photo(f.Photo), f.X, f.Y, f.Side)).ToArray();

        var descriptors = models.Describer.DescribePixels(chips);

        Assert.Equal(faces.Count, descriptors.Length);
        for (var i = 0; i < faces.Count; i++)
        {
            AssertEqual(faces[i], descriptors[i]);
        }
    }

    [Fact]
    public void Describe_ChipsAsBytesInOneBatch_EqualThePackagesOwnDescriptorsInOrder()
    {
        var faces = ReferenceFaces.All.Where(f => f.Photo == "sample5.jpg").ToList();
        var chips = faces.Select(f => ReferenceFaces.Rounded(ReferenceFaces.Chip(models.Photo(f.Photo), f.X, f.Y, f.Side))).ToList();

        var descriptors = models.Describer.Describe(chips);

        Assert.Equal(faces.Count, descriptors.Length);
        Assert.All(descriptors, d => Assert.Equal(FaceDescriber.Length, d.Length));
        for (var i = 0; i < faces.Count; i++)
        {
            AssertEqual(faces[i], descriptors[i]);
        }
    }

    [Fact]
    public void Describe_OneChip_SameAsInABatch()
    {
        var face = ReferenceFaces.All[0];
        var chip = ReferenceFaces.Rounded(ReferenceFaces.Chip(models.Photo(face.Photo), face.X, face.Y, face.Side));

        var alone = models.Describer.Describe(chip);
        var batched = models.Describer.Describe([chip, chip]);

        Assert.True(FaceDescriber.Distance(alone, batched[1]) < 1e-4f);
    }

    // The demo photos are group shots of different people: the same face cut again with a box a tenth larger and
    // shifted must still be nearer to itself than to anyone else in its photo, and within dlib's threshold.
    [Fact]
    public void Describe_SameFaceCutWithALargerBox_NearerThanEveryoneElseInThePhoto()
    {
        foreach (var face in ReferenceFaces.All)
        {
            var photo = models.Photo(face.Photo);
            var grow = face.Side / 10;
            var descriptors = models.Describer.DescribePixels([
                .. ReferenceFaces.Chip(photo, face.X, face.Y, face.Side),
                .. ReferenceFaces.Chip(photo, face.X - (grow / 2) + (face.Side / 25), face.Y - (grow / 2), face.Side + grow)]);

            var again = FaceDescriber.Distance(descriptors[0], descriptors[1]);
            var nearestOther = ReferenceFaces.All.Where(o => o.Photo == face.Photo && o != face).Min(o => FaceDescriber.Distance(descriptors[0], o.Descriptor));
            Assert.True(again < FaceDescriber.SamePersonDistance, $"{face.Photo} ({face.X}, {face.Y}): {again:0.000} from itself cut again");
            Assert.True(again < nearestOther, $"{face.Photo} ({face.X}, {face.Y}): {again:0.000} from itself cut again, {nearestOther:0.000} from someone else");
        }
    }

    [Fact]
    public void Describe_ChipOfAnotherSize_RefusedNamingTheSize()
    {
        var chip = new RgbImage(160, 150, new byte[160 * 150 * 3]);

        var error = Assert.Throws<ArgumentException>(() => models.Describer.Describe(chip));

        Assert.Contains("150 x 150", error.Message, StringComparison.Ordinal);
        Assert.Contains("160 x 150", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DescribePixels_NotWholeChips_Refused()
    {
        Assert.Throws<ArgumentException>(() => models.Describer.DescribePixels(new float[(150 * 150 * 3) + 1]));
    }

    [Fact]
    public void Describe_NoChips_NoDescriptors()
    {
        Assert.Empty(models.Describer.Describe([]));
        Assert.Empty(models.Describer.DescribePixels([]));
    }

    private static void AssertEqual(ReferenceFaces.Face face, float[] descriptor)
    {
        var cosine = ReferenceFaces.Cosine(descriptor, face.Descriptor);
        Assert.True(cosine >= 0.999, $"{face.Photo} face at ({face.X}, {face.Y}): cosine {cosine:0.00000} with the reference");
    }
}
