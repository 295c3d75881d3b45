namespace Shoebox.Models.Tags;

/// <summary>A tag given by a rule or a model, with how sure it is (0..1) and which group of concepts it came from.</summary>
public sealed record AutoTag(string Name, string Group, double Score);
