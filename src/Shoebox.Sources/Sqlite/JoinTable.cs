using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Shoebox.Sources.Sqlite;

/// <summary>
/// A many-to-many table: <see cref="Subject"/> is the photo's side (a Photos asset or its attributes, a Capture One
/// image or variant), <see cref="Other"/> the keyword's or album's.
/// </summary>
internal sealed record JoinTable(string Table, string Subject, string Other)
{
    public static JoinTable? Find(SqliteConnection connection, string table, Regex subject, Regex other)
    {
        var columns = SqliteSchema.Columns(connection, table);
        var subjectColumn = columns.SingleOrDefault(subject.IsMatch);
        var otherColumn = columns.SingleOrDefault(other.IsMatch);
        return subjectColumn is null || otherColumn is null ? null : new JoinTable(table, subjectColumn, otherColumn);
    }
}
