namespace Shoebox.Models.Tokenizers;

/// <summary>
/// Turns a query into the fixed-length id row a text tower takes as <c>input_ids</c>: special tokens added,
/// truncated and padded to <see cref="ContextLength"/>.
/// </summary>
public interface ITokenizer
{
    int ContextLength { get; }

    long[] EncodeForModel(string text);
}
