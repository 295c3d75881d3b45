using System.ComponentModel;
using System.Diagnostics;

namespace Shoebox.Cli;

/// <summary>Opens a URL in the user's default browser, the way each system does it.</summary>
internal static class BrowserLauncher
{
    public static bool TryOpen(string url)
    {
        var (program, arguments) = OperatingSystem.IsWindows() ? ("cmd", new[] { "/c", "start", "", url.Replace("&", "^&", StringComparison.Ordinal) })
            : OperatingSystem.IsMacOS() ? ("open", new[] { url })
            : ("xdg-open", new[] { url });
        try
        {
            var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }
            using var process = Process.Start(info);
            return process is not null;
        }
        catch (Win32Exception)
        {
            return false; // no xdg-open (a server without a desktop): the URL is printed anyway
        }
    }
}
