using System.Text.Json;
using Shoebox.Core;

namespace Shoebox.Catalog;

/// <summary>The parts of the catalog that concern models: settings, model identities, stage queues, vectors.</summary>
public sealed partial class PhotoCatalog
{
    public const string DefaultModelSetting = "default_model";

    public string? GetSetting(string key) => Guard(() =>
    {
        using var command = Command("SELECT value FROM settings WHERE key = @key");
        command.Bind("@key", key);
        return command.ExecuteScalar() as string;
    });

    public void SetSetting(string key, string value) => Guard(() =>
    {
        using var command = Command("INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        command.Bind("@key", key);
        command.Bind("@value", value);
        command.ExecuteNonQuery();
    });

    /// <summary>
    /// Records a model's identity (and how it was made) before its first vector is stored; where the database searches
    /// vectors itself, also makes the model's vector index, so that it grows with the vectors instead of being built
    /// over all of them at the first search.
    /// </summary>
    public void RegisterModel(ModelIdentity model, object details) => Guard(() =>
    {
        using var command = Command("""
            INSERT INTO models (id, version, dimensions, details) VALUES (@id, @version, @dims, @details)
            ON CONFLICT (id) DO UPDATE SET details = excluded.details
            """);
        command.Bind("@id", model.Key);
        command.Bind("@version", model.Version);
        command.Bind("@dims", model.Dimensions);
        command.Bind("@details", JsonSerializer.Serialize(details));
        command.ExecuteNonQuery();
        EnsureVectorIndex(model);
    });

    /// <summary>Adds <paramref name="stage"/> as pending for every photo that does not have it yet; returns how many.</summary>
    public int QueueStage(string stage) => Guard(() =>
    {
        using var command = Command("""
            INSERT INTO photo_stages (photo_id, stage, state, updated_at)
            SELECT id, @stage, 'pending', @at FROM photos
            WHERE NOT EXISTS (SELECT 1 FROM photo_stages s WHERE s.photo_id = photos.id AND s.stage = @stage)
            ON CONFLICT (photo_id, stage) DO NOTHING
            """); // several workers may queue the same stage at the same moment
        command.Bind("@stage", stage);
        command.Bind("@at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        return command.ExecuteNonQuery();
    });

    /// <summary>Makes <paramref name="stage"/> pending again for every photo that has it (its inputs or its maker changed).</summary>
    public int RequeueStage(string stage) => Guard(() =>
    {
        using var command = Command("UPDATE photo_stages SET state = 'pending', reason = NULL, updated_at = @at WHERE stage = @stage AND state <> 'pending'");
        command.Bind("@stage", stage);
        command.Bind("@at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        return command.ExecuteNonQuery();
    });

    /// <summary>Every stored vector of one model, by photo id.</summary>
    public Dictionary<long, float[]> LoadEmbeddings(ModelIdentity model)
    {
        var vectors = new Dictionary<long, float[]>();
        ForEachEmbedding(model, (id, vector) => vectors[id] = vector);
        return vectors;
    }
}
