using Shoebox.Cli;
using Shoebox.Imaging;

NativeHeap.Settle();
return await ShoeboxApp.RunAsync(args, CliConsole.FromProcess());
