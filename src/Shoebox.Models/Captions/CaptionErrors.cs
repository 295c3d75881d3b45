namespace Shoebox.Models.Captions;

/// <summary>Something kept a caption from being made; the message says what, for the user.</summary>
public abstract class CaptionException : Exception
{
    protected CaptionException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>This one photo got no caption (a timeout, a malformed or empty answer, a refusal); the others go on.</summary>
public sealed class CaptionFailedException(string message, Exception? inner = null) : CaptionException(message, inner);

/// <summary>No photo can be captioned until the user acts: the server is down or the model is not there.</summary>
public sealed class CaptionServerException(string message, Exception? inner = null) : CaptionException(message, inner);
