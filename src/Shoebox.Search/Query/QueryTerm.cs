namespace Shoebox.Search.Query;

/// <summary>One piece of positive free text: a bare word, or a "quoted phrase" whose words must stay together.</summary>
public readonly record struct QueryTerm(string Value, bool IsPhrase);
