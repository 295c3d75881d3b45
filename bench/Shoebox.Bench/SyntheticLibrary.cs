using System.Globalization;
using Microsoft.Data.Sqlite;
using Shoebox.Catalog;
using Shoebox.Core;

namespace Shoebox.Bench;

/// <summary>
/// A catalog of many made-up photos written straight into SQLite (indexing a million images would take days here):
/// dates over fifteen years, four cameras, year/month folders, a caption on one photo in fifty, and a clustered
/// vector each, so the search engine meets a large library's rows, filters and full text.
/// </summary>
internal static class SyntheticLibrary
{
    private static readonly string[][] Cameras = [["Apple", "iPhone 12"], ["Canon", "EOS 80D"], ["SONY", "ILCE-7M3"], ["Google", "Pixel 7"]];
    private static readonly string[] Captions = ["birthday cake", "beach at sunset", "receipt", "screenshot of a chat", "dog in the park", "mountain hike"];

    public static async Task WriteAsync(string libraryFolder, ModelIdentity model, int count)
    {
        await using (await new Library(libraryFolder).OpenAsync())
        {
            // Creates the schema.
        }
        var rows = ClusteredVectors.Generate(count, model.Dimensions, seed: 11);
        using var connection = new SqliteConnection($"Data Source={Path.Combine(libraryFolder, PhotoCatalog.FileName)};Pooling=False");
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;";
            pragma.ExecuteNonQuery();
        }
        var random = new Random(3);
        for (var start = 0; start < count; start += 10_000)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT OR IGNORE INTO models (id, version, dimensions) VALUES ($model, $version, $dims);
                INSERT INTO photos (id, hash, size, format, taken_at, camera_make, camera_model, added_at)
                    VALUES ($id, randomblob(32), 1000000, $format, $taken, $make, $cameraModel, 0);
                INSERT INTO locations (path, root, photo_id, size, mtime, first_seen, last_seen, status)
                    VALUES ($path, '/photos', $id, 1000000, 0, 0, 0, 'ok');
                INSERT INTO embeddings (photo_id, model_id, vector, created_at) VALUES ($id, $model, $vector, 0);
                INSERT INTO texts (photo_id, kind, source, content) SELECT $id, 'caption', 'bench', $caption WHERE $caption IS NOT NULL;
                """;
            command.Parameters.AddWithValue("$model", model.Key);
            command.Parameters.AddWithValue("$version", model.Version);
            command.Parameters.AddWithValue("$dims", model.Dimensions);
            var id = command.Parameters.Add("$id", SqliteType.Integer);
            var format = command.Parameters.Add("$format", SqliteType.Text);
            var taken = command.Parameters.Add("$taken", SqliteType.Text);
            var make = command.Parameters.Add("$make", SqliteType.Text);
            var cameraModel = command.Parameters.Add("$cameraModel", SqliteType.Text);
            var path = command.Parameters.Add("$path", SqliteType.Text);
            var vector = command.Parameters.Add("$vector", SqliteType.Blob);
            var caption = command.Parameters.Add("$caption", SqliteType.Text);
            for (var i = start; i < Math.Min(count, start + 10_000); i++)
            {
                var when = new DateTime(2010, 1, 1).AddMinutes(random.Next(15 * 365 * 24 * 60));
                var camera = Cameras[i % Cameras.Length];
                id.Value = i + 1;
                format.Value = i % 10 == 0 ? "png" : i % 10 == 1 ? "heif" : "jpeg";
                taken.Value = when.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
                make.Value = camera[0];
                cameraModel.Value = camera[1];
                path.Value = string.Create(CultureInfo.InvariantCulture, $"/photos/{when:yyyy}/{when:MM}/IMG_{i + 1:0000000}.jpg");
                vector.Value = VectorCodec.Encode(rows.AsSpan(i * model.Dimensions, model.Dimensions));
                caption.Value = i % 50 == 0 ? Captions[i / 50 % Captions.Length] : DBNull.Value;
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }
}
