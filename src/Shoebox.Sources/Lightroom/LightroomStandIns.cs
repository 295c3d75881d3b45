using Shoebox.Core;

namespace Shoebox.Sources.Lightroom;

/// <summary>
/// Upright JPEGs made from Lightroom's previews, one per offline original ("&lt;id_global&gt;.jpg"), made once and
/// kept until Lightroom's previews change. Nothing here may stop the listing: every failure becomes a reason.
/// </summary>
internal sealed class LightroomStandIns(string catalogPath, string folder) : IDisposable
{
    public const string NoPreview = "original offline and Lightroom keeps no preview of it";

    private bool _opened;
    private PreviewBundle? _bundle;
    private string? _openFailure;
    private DateTime? _previewsChanged;

    /// <summary>The stand-in for <paramref name="image"/>, or why there is none.</summary>
    public (FileInfo? StandIn, string? Problem) For(LightroomImage image)
    {
        var standIn = new FileInfo(Path.Combine(folder, image.GlobalId + ".jpg"));
        if (standIn.Exists && standIn.LastWriteTimeUtc >= PreviewsChanged())
        {
            return (standIn, null);
        }
        try
        {
            var bundle = Bundle();
            if (bundle is null)
            {
                return (null, _openFailure ?? NoPreview);
            }
            var preview = bundle.FindLargest(image.Id);
            if (preview is null)
            {
                return (null, NoPreview);
            }
            Directory.CreateDirectory(folder);
            var keywords = image.Keywords.Concat(image.People).ToList();
            UprightJpeg.Write(preview, new PreviewMetadata(image.CaptureTime, keywords, image.Caption, image.Title), standIn.FullName);
            standIn.Refresh();
            return standIn.Exists ? (standIn, null) : (null, "original offline and its preview could not be written");
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return (null, $"original offline and its Lightroom preview could not be used: {e.Message}");
        }
    }

    public void Dispose() => _bundle?.Dispose();

    private PreviewBundle? Bundle()
    {
        if (!_opened)
        {
            _opened = true;
            try
            {
                _bundle = PreviewBundle.OpenBeside(catalogPath);
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                _openFailure = $"original offline and Lightroom's previews could not be opened: {e.Message}";
            }
        }
        return _bundle;
    }

    // Lightroom rewrites previews.db whenever it renders a preview again; a stand-in older than that may show an
    // outdated edit. Without a bundle any stand-in already made is the best there is.
    private DateTime PreviewsChanged()
    {
        if (_previewsChanged is null)
        {
            var index = new FileInfo(Path.Combine(
                Path.GetDirectoryName(catalogPath) ?? ".", Path.GetFileNameWithoutExtension(catalogPath) + " Previews.lrdata", "previews.db"));
            _previewsChanged = index.Exists ? index.LastWriteTimeUtc : DateTime.MinValue;
        }
        return _previewsChanged.Value;
    }
}
