using System.CommandLine;
using Shoebox.Catalog;

namespace Shoebox.Cli;

/// <summary>--library and --catalog, which together say which <see cref="Library"/> a command works on.</summary>
internal sealed class LibraryOptions
{
    public Option<string?> Folder { get; } = CommonOptions.Library();

    public Option<string?> Catalog { get; } = CommonOptions.Catalog();

    public void AddTo(Command command)
    {
        command.Add(Folder);
        command.Add(Catalog);
    }

    public Library Resolve(ParseResult parse) => new(LibraryLocation.Resolve(parse.GetValue(Folder)), parse.GetValue(Catalog));
}
