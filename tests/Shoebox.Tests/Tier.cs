using Xunit.Abstractions;
using Xunit.Sdk;

namespace Shoebox.Tests;

/// <summary>
/// What a test class needs to run, as the trait "Tier": `dotnet test --filter Tier=Unit` runs the fast tier alone.
/// Every test class has exactly one (<see cref="TierTests"/> fails otherwise); README.md says what each tier holds.
/// </summary>
public enum Tier
{
    /// <summary>In-process and quick: temp folders, SQLite, generated images and the tiny model, loopback fakes.</summary>
    Unit,

    /// <summary>Needs the PostgreSQL server named by SHOEBOX_TEST_POSTGRES.</summary>
    Database,

    /// <summary>Drives the system's Chromium.</summary>
    Browser,

    /// <summary>Reads with the real PP-OCRv4 files from SHOEBOX_OCR_MODELS.</summary>
    Ocr,

    /// <summary>Looks at real faces with the real face models, from the npm packages in SHOEBOX_FACE_MODELS.</summary>
    Faces,

    /// <summary>Reads the real GeoNames place data from SHOEBOX_PLACES_DATA.</summary>
    Places,

    /// <summary>Kills shoebox processes, takes permissions away, fills disks (some tests need root).</summary>
    Fault,

    /// <summary>
    /// Needs nothing more than Unit, but takes seconds a class: real web servers, and commands that index a library
    /// with the tiny model before searching, tagging, captioning or importing.
    /// </summary>
    EndToEnd,
}

/// <summary>Puts a test class in a <see cref="Tier"/>; on concrete classes only, so an engine's subclass says its own.</summary>
[TraitDiscoverer("Shoebox.Tests.TierDiscoverer", "Shoebox.Tests")]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TierAttribute(Tier tier) : Attribute, ITraitAttribute
{
    public const string Trait = "Tier";

    public Tier Tier { get; } = tier;
}

public sealed class TierDiscoverer : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        // Reflection hands the enum over as its number.
        var tier = (Tier)Convert.ToInt32(traitAttribute.GetConstructorArguments().Single(), System.Globalization.CultureInfo.InvariantCulture);
        yield return new(TierAttribute.Trait, tier.ToString());
    }
}
