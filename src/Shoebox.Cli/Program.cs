using Shoebox.Cli;

return await ShoeboxApp.RunAsync(args, CliConsole.FromProcess());
