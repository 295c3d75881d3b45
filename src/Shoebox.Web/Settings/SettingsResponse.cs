namespace Shoebox.Web.Settings;

/// <summary>The library's settings and the facts around them, for the Settings page.</summary>
/// <param name="Model">The model search uses now.</param>
/// <param name="Switching">The model being switched to while search goes on with <paramref name="Model"/>; null when none.</param>
/// <param name="Models">Models Shoebox offers and the library's own, installed or not.</param>
/// <param name="ReadText">Read the text in photos when indexing.</param>
/// <param name="Tag">Tag photos automatically when indexing.</param>
/// <param name="Faces">Find faces and group them into people when indexing.</param>
/// <param name="FacesAvailable">Whether this Shoebox finds faces (always, now; kept for pages that ask).</param>
public sealed record SettingsResponse(
    string? Model,
    SwitchView? Switching,
    IReadOnlyList<ModelView> Models,
    bool ReadText,
    bool Tag,
    bool Faces,
    bool FacesAvailable,
    LibraryFacts Library);

/// <param name="Id">What PUT /api/settings takes as "model": a registry id, or the folder of a model kept in one.</param>
/// <param name="DownloadSize">Bytes to download; null when the files' sizes are not known, or it is a folder.</param>
/// <param name="Download">The download this server started, with its progress and, when it failed, why and what to do.</param>
public sealed record ModelView(
    string Id,
    string Name,
    string? Description,
    int Dimensions,
    bool SearchesWords,
    long? DownloadSize,
    bool Installed,
    bool InUse,
    DownloadState? Download);

/// <param name="Phase">waiting (for the library, held by another run), embedding, or failed.</param>
/// <param name="Vectors">Photos that have the new model's vector so far.</param>
/// <param name="Photos">Photos with a file that exists: all of them get one.</param>
public sealed record SwitchView(string To, string Phase, int Vectors, long Photos, string? Error);

/// <param name="Catalog">sqlite (catalog.db in the folder) or postgresql.</param>
/// <param name="CatalogAddress">The catalog file, or the database's host, port and name (never its password).</param>
/// <param name="RemoteAccess">Whether the server listens beyond this machine (--allow-remote); chosen at start, not here.</param>
/// <param name="TokenRequired">Whether clients must present the access token.</param>
public sealed record LibraryFacts(string Folder, string Catalog, string CatalogAddress, bool RemoteAccess, bool TokenRequired, IReadOnlyList<string> Urls);

/// <summary>What PUT /api/settings changes; a field left out stays as it is.</summary>
/// <param name="Model">A model id or folder, installed: the library switches to it (its vectors are made in the background first).</param>
public sealed record SettingsRequest(string? Model, bool? ReadText, bool? Tag, bool? Faces);
