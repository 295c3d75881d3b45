using Microsoft.Data.Sqlite;
using Shoebox.Catalog;

namespace Shoebox.Tests.Fixtures;

/// <summary>A photo's stages as a library's catalog.db holds them, read on a connection of its own (read-only).</summary>
public static class CatalogStages
{
    public static List<(string Stage, string State)> Of(string libraryFolder, string path)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(libraryFolder, PhotoCatalog.FileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT s.stage, s.state FROM photo_stages s JOIN locations l ON l.photo_id = s.photo_id WHERE l.path = $path ORDER BY s.stage";
        command.Parameters.AddWithValue("$path", path);
        using var reader = command.ExecuteReader();
        var stages = new List<(string, string)>();
        while (reader.Read())
        {
            stages.Add((reader.GetString(0), reader.GetString(1)));
        }
        return stages;
    }
}
