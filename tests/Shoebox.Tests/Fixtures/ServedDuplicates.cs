namespace Shoebox.Tests.Fixtures;

/// <summary>
/// A served library that holds duplicates: a poster and a half-size re-saved copy of it, beside the same scene
/// with other words and an unrelated picture, which are not duplicates.
/// </summary>
public sealed class ServedDuplicates : IAsyncLifetime
{
    public static readonly string[] Files = ["poster.jpg", "saved/poster-small.jpg", "poster-other-words.jpg", "beach.jpg"];

    public ServedLibrary Library { get; } = new(Write);

    private static void Write(TempFolder temp)
    {
        using var scene = Scenes.Draw(seed: 7, words: 1);
        using var otherWords = Scenes.Draw(seed: 7, words: 2);
        using var unrelated = Scenes.Draw(seed: 8);
        Scenes.Save(scene, temp["photos/poster.jpg"]);
        Scenes.Half(scene, temp["photos/saved/poster-small.jpg"]);
        Scenes.Save(otherWords, temp["photos/poster-other-words.jpg"]);
        Scenes.Save(unrelated, temp["photos/beach.jpg"]);
    }

    public Task InitializeAsync() => Library.InitializeAsync();

    public Task DisposeAsync() => Library.DisposeAsync();
}
