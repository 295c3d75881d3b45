using System.Buffers.Binary;
using System.Diagnostics;
using System.Xml.Linq;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Tools;

/// <summary>
/// What a double-click starts: the macOS bundle tools/macos/make-app.sh makes (built here from a stand-in publish
/// folder whose `shoebox` writes down how it was started; the icon as made without macOS's sips), and the Linux menu
/// entry, checked by desktop-file-validate (tools/test.sh installs desktop-file-utils) and installed by
/// tools/linux/install.sh.
/// </summary>
[Tier(Tier.Unit)]
public sealed class LauncherFilesTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task MakeApp_PublishFolder_MakesABundleWhoseLauncherStartsShoeboxApp()
    {
        var published = StandInPublishFolder();

        var made = await RunAsync("bash", [Path.Combine(Repository.Root, "tools/macos/make-app.sh"), "osx-arm64", "--from", published, "--out", _temp["out"], "--version", "1.2.3"]);

        Assert.True(made.ExitCode == 0, made.Error);
        var contents = _temp["out/Shoebox.app/Contents"];
        var plist = PlistValues(Path.Combine(contents, "Info.plist"));
        Assert.Equal("Shoebox", plist["CFBundleExecutable"]);
        Assert.Equal("Shoebox", plist["CFBundleIconFile"]);
        Assert.Equal("1.2.3", plist["CFBundleShortVersionString"]);
        Assert.Equal("APPL", plist["CFBundlePackageType"]);
        Assert.Matches(@"^[a-z]+(\.[A-Za-z]+)+$", plist["CFBundleIdentifier"]);
        Assert.True(File.Exists(Path.Combine(contents, "Resources/bin/DnnImageModels/ResNet18Onnx/ResNet18.onnx")), "the publish folder is copied whole");

        var launched = await RunAsync(Path.Combine(contents, "MacOS/Shoebox"), ["--no-window"], ("HOME", _temp.Folder("home")));
        Assert.True(launched.ExitCode == 0, launched.Error);
        Assert.Equal(["app", "--no-window"], File.ReadAllLines(_temp["started-with"]));
        Assert.Contains("what shoebox printed", File.ReadAllText(_temp["home/Library/Logs/Shoebox/shoebox.log"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MakeApp_WithoutSips_IconIsAnIcnsHoldingThe512PixelPng()
    {
        var made = await RunAsync("bash", [Path.Combine(Repository.Root, "tools/macos/make-app.sh"), "--from", StandInPublishFolder(), "--out", _temp["out"], "--version", "1.0.0"]);
        Assert.True(made.ExitCode == 0, made.Error);

        var icns = File.ReadAllBytes(_temp["out/Shoebox.app/Contents/Resources/Shoebox.icns"]);
        var png = File.ReadAllBytes(Path.Combine(Repository.Root, "src/Shoebox.Web/wwwroot/icons/icon-512.png"));
        Assert.Equal("icns"u8.ToArray(), icns[..4]);
        Assert.Equal(icns.Length, BinaryPrimitives.ReadInt32BigEndian(icns.AsSpan(4)));
        Assert.Equal("ic09"u8.ToArray(), icns[8..12]);
        Assert.Equal(8 + png.Length, BinaryPrimitives.ReadInt32BigEndian(icns.AsSpan(12)));
        Assert.Equal(png, icns[16..]);
    }

    [Fact]
    public async Task DesktopEntry_AsShippedAndAsInstalled_IsValidAndStartsTheInstalledProgram()
    {
        var shipped = await RunAsync("desktop-file-validate", [Path.Combine(Repository.Root, "tools/linux/shoebox.desktop")]);
        Assert.True(shipped.ExitCode == 0, shipped.Out + shipped.Error);

        var home = _temp.Folder("home");
        var installed = await RunAsync("bash", [Path.Combine(Repository.Root, "tools/linux/install.sh"), StandInPublishFolder()], ("HOME", home), ("XDG_DATA_HOME", ""));
        Assert.True(installed.ExitCode == 0, installed.Error);

        var entry = Path.Combine(home, ".local/share/applications/shoebox.desktop");
        var valid = await RunAsync("desktop-file-validate", [entry]);
        Assert.True(valid.ExitCode == 0, valid.Out + valid.Error);
        Assert.Contains($"Exec=\"{home}/.local/lib/shoebox/shoebox\" app", File.ReadAllLines(entry));
        Assert.True(File.Exists(Path.Combine(home, ".local/share/icons/hicolor/512x512/apps/shoebox.png")));
        Assert.Equal(Path.Combine(home, ".local/lib/shoebox/shoebox"), new FileInfo(Path.Combine(home, ".local/bin/shoebox")).LinkTarget);
    }

    // What `dotnet publish` leaves: the program (here a script that notes its arguments) and the offline model's folder.
    private string StandInPublishFolder()
    {
        var folder = _temp.Folder("publish");
        Directory.CreateDirectory(Path.Combine(folder, "DnnImageModels/ResNet18Onnx"));
        File.WriteAllText(Path.Combine(folder, "DnnImageModels/ResNet18Onnx/ResNet18.onnx"), "model");
        var program = Path.Combine(folder, "shoebox");
        File.WriteAllText(program, $"#!/bin/sh\nprintf '%s\\n' \"$@\" > '{_temp["started-with"]}'\necho 'what shoebox printed'\n");
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return folder;
    }

    private static Dictionary<string, string> PlistValues(string path)
    {
        var dict = XDocument.Load(path).Root!.Element("dict")!.Elements().ToList();
        var values = new Dictionary<string, string>();
        for (var i = 0; i + 1 < dict.Count; i += 2)
        {
            values[dict[i].Value] = dict[i + 1].Value;
        }
        return values;
    }

    private static async Task<CliResult> RunAsync(string program, IEnumerable<string> args, params (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in args)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }
}
