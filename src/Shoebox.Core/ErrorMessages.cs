namespace Shoebox.Core;

/// <summary>An exception's message as a person should read it, on the command line or the web page.</summary>
public static class ErrorMessages
{
    /// <summary>The message without the " (Parameter 'name')" that .NET appends to argument errors: a name in our code means nothing to the user.</summary>
    public static string Of(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var message = error.Message;
        if (error is ArgumentException { ParamName: { } name })
        {
            var suffix = $" (Parameter '{name}')";
            if (message.EndsWith(suffix, StringComparison.Ordinal))
            {
                message = message[..^suffix.Length];
            }
        }
        return message;
    }
}
