namespace Shoebox.Cli;

/// <summary>What scripts can rely on. Bad files never fail a run: they are listed in its summary.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Usage = 1;
    public const int CouldNotRun = 2;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT, as shells report it); the work done so far is kept.</summary>
    public const int Interrupted = 130;
}
