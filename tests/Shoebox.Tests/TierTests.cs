using System.Reflection;

namespace Shoebox.Tests;

/// <summary>Every test class is in exactly one tier, so `--filter Tier=...` runs never forget one.</summary>
[Tier(Tier.Unit)]
public class TierTests
{
    private static readonly Type[] Types = typeof(TierTests).Assembly.GetTypes();

    private static bool HasTests(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static).Any(method => method.IsDefined(typeof(FactAttribute), inherit: true));

    [Fact]
    public void EveryTestClass_HasExactlyOneTier()
    {
        var untiered = Types
            .Where(type => type.IsClass && !type.IsAbstract && HasTests(type))
            .Where(type => type.GetCustomAttributes<TierAttribute>(inherit: false).Count() != 1)
            .Select(type => type.FullName)
            .ToList();

        Assert.True(untiered.Count == 0, $"Put [Tier(...)] on these test classes: {string.Join(", ", untiered)}");
    }

    [Fact]
    public void AbstractTestClasses_LeaveTheTierToEachSubclass()
    {
        Assert.Empty(Types.Where(type => type.IsAbstract && type.IsDefined(typeof(TierAttribute), inherit: false)).Select(type => type.FullName));
    }

    [Fact]
    public void NoTest_NamesATierByString()
    {
        var named = Types
            .SelectMany(type => type.GetMethods().Cast<MemberInfo>().Append(type))
            .Where(member => member.GetCustomAttributes<TraitAttribute>(inherit: false).Any())
            .Select(member => $"{member.DeclaringType?.FullName}.{member.Name}");

        Assert.Empty(named);
    }
}
