using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace Shoebox.Models.Onnx;

/// <summary>
/// Opens ONNX models tuned for batch throughput, on the best execution provider this ONNX Runtime build and
/// machine offer: CUDA, then CoreML on macOS, then DirectML on Windows, then the CPU.
/// </summary>
public static class OnnxSessionFactory
{
    public const string Cuda = "CUDAExecutionProvider";
    public const string CoreMl = "CoreMLExecutionProvider";
    public const string DirectMl = "DmlExecutionProvider";
    public const string Cpu = "CPUExecutionProvider";

    // ONNX Runtime prints a provider that fails to load (a CUDA build on a machine without CUDA) as an error on the
    // terminal, though the next provider serves; Shoebox says why it passed one over in its own log instead.
    private static readonly Lazy<OrtEnv> Environment = new(() =>
    {
        var options = new EnvironmentCreationOptions { logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
        try
        {
            return OrtEnv.CreateInstanceWithOptions(ref options);
        }
        catch (Exception e) when (e is OnnxRuntimeException or InvalidOperationException)
        {
            return OrtEnv.Instance(); // made already by someone else, with its own settings
        }
    });

    /// <summary>
    /// Threads per run for work that runs the model from several threads while other work shares the cores
    /// (indexing): on the CPU every run then keeps to one core and a run per core goes at once. A run spread over
    /// all cores stalls whenever a decoder holds one of them: its threads wait for each other at every layer.
    /// </summary>
    public const int ThreadPerRun = 1;

    /// <param name="intraOpThreads">0 picks the number of physical cores (hyper-threads only add contention to GEMMs);
    /// <see cref="ThreadPerRun"/> opens the session for runs at once (<see cref="OnnxSessionInfo.RunsAtOnce"/>).</param>
    /// <param name="allowAccelerators">false forces the CPU, e.g. to compare numbers across machines.</param>
    /// <param name="logger">Told the provider chosen and why any better one was passed over.</param>
    public static OnnxSessionInfo Create(string modelPath, int intraOpThreads = 0, bool allowAccelerators = true, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var clock = Stopwatch.StartNew();
        var name = Path.GetFileName(modelPath);
        ArgumentOutOfRangeException.ThrowIfNegative(intraOpThreads);
        var threads = intraOpThreads > 0 ? intraOpThreads : PhysicalCores.Count();
        var candidates = allowAccelerators
            ? CandidateProviders(Environment.Value.GetAvailableProviders(), RuntimeInformation.IsOSPlatform(OSPlatform.OSX), OperatingSystem.IsWindows())
            : [Cpu];

        var skipped = new List<string>();
        foreach (var provider in candidates)
        {
            using var options = BaseOptions(threads);
            try
            {
                Append(options, provider);
                var runsAtOnce = threads == ThreadPerRun && provider == Cpu ? PhysicalCores.Count() : 1;
                var session = new OnnxSessionInfo(new InferenceSession(modelPath, options), provider, skipped, runsAtOnce);
                ModelLog.SessionOpened(logger, name, provider, clock.ElapsedMilliseconds);
                return session;
            }
            // A provider compiled into the package can still fail at run time (no driver, no device): try the next.
            catch (OnnxRuntimeException e) when (provider != Cpu)
            {
                skipped.Add($"{provider}: {e.Message}");
                ModelLog.ProviderSkipped(logger, name, skipped[^1]);
            }
        }
        throw new InvalidOperationException("unreachable: the CPU provider is always a candidate");
    }

    /// <summary>Providers to try, best first; the platform-specific ones only where they can exist. Always ends with the CPU.</summary>
    internal static IReadOnlyList<string> CandidateProviders(IReadOnlyCollection<string> available, bool isMacOs, bool isWindows)
    {
        var candidates = new List<string>();
        if (available.Contains(Cuda))
        {
            candidates.Add(Cuda);
        }
        if (isMacOs && available.Contains(CoreMl))
        {
            candidates.Add(CoreMl);
        }
        if (isWindows && available.Contains(DirectMl))
        {
            candidates.Add(DirectMl);
        }
        candidates.Add(Cpu);
        return candidates;
    }

    private static SessionOptions BaseOptions(int intraOpThreads)
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            EnableMemoryPattern = true,
            EnableCpuMemArena = true,
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
        };
        // Indexing runs the model beside the decoders on the same cores; idle ONNX Runtime threads that spin
        // waiting for work take CPU the decoders need (measured: 11.6 -> 12.0 images/s end to end on 2 cores).
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    private static void Append(SessionOptions options, string provider)
    {
        switch (provider)
        {
            case Cuda:
                options.AppendExecutionProvider_CUDA(0);
                break;
            case CoreMl:
                options.AppendExecutionProvider_CoreML(CoreMLFlags.COREML_FLAG_USE_NONE);
                break;
            case DirectMl:
                // DirectML cannot run with memory patterns or parallel execution.
                options.EnableMemoryPattern = false;
                options.AppendExecutionProvider_DML(0);
                break;
            default:
                // The CPU provider is always registered last by ONNX Runtime itself.
                break;
        }
    }
}
