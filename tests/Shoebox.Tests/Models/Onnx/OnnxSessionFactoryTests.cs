using Microsoft.ML.OnnxRuntime;
using Shoebox.Models.Onnx;
using Shoebox.Models.Synth;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Models.Onnx;

[Tier(Tier.Unit)]
public class OnnxSessionFactoryTests
{
    private const string Cuda = OnnxSessionFactory.Cuda;
    private const string CoreMl = OnnxSessionFactory.CoreMl;
    private const string DirectMl = OnnxSessionFactory.DirectMl;
    private const string Cpu = OnnxSessionFactory.Cpu;

    [Fact]
    public void CandidateProviders_OnlyCpuBuilt_ReturnsCpu()
    {
        Assert.Equal([Cpu], OnnxSessionFactory.CandidateProviders([Cpu], isMacOs: false, isWindows: false));
    }

    [Fact]
    public void CandidateProviders_EverythingBuiltOnLinux_CudaThenCpu()
    {
        Assert.Equal([Cuda, Cpu], OnnxSessionFactory.CandidateProviders([Cpu, DirectMl, CoreMl, Cuda], isMacOs: false, isWindows: false));
    }

    [Fact]
    public void CandidateProviders_CoreMlOnMac_CoreMlThenCpu()
    {
        Assert.Equal([CoreMl, Cpu], OnnxSessionFactory.CandidateProviders([CoreMl, Cpu], isMacOs: true, isWindows: false));
    }

    [Fact]
    public void CandidateProviders_CudaAndDirectMlOnWindows_CudaThenDirectMlThenCpu()
    {
        Assert.Equal([Cuda, DirectMl, Cpu], OnnxSessionFactory.CandidateProviders([DirectMl, Cuda, Cpu], isMacOs: false, isWindows: true));
    }

    [Fact]
    public void Create_TinyVisionModel_RunsOnAnAvailableProvider()
    {
        using var folder = new TempFolder();
        SyntheticModels.Write("tiny", folder.Path);

        using var info = OnnxSessionFactory.Create(folder[SyntheticModels.VisionModelPath]);

        Assert.Contains(info.Provider, OrtEnv.Instance().GetAvailableProviders());
        using var input = OrtValue.CreateTensorValueFromMemory(new float[2 * 3 * 224 * 224], [2, 3, 224, 224]);
        using var runOptions = new RunOptions();
        using var outputs = info.Session.Run(runOptions, ["pixel_values"], [input], ["image_embeds"]);
        Assert.Equal([2, SyntheticModels.EmbeddingDimensions("tiny")], outputs[0].GetTensorTypeAndShape().Shape);
    }

    [Fact]
    public void Create_AcceleratorsOff_UsesCpu()
    {
        using var folder = new TempFolder();
        SyntheticModels.Write("tiny", folder.Path);

        using var info = OnnxSessionFactory.Create(folder[SyntheticModels.TextModelPath], intraOpThreads: 1, allowAccelerators: false);

        Assert.Equal(Cpu, info.Provider);
        Assert.Empty(info.Skipped);
    }

    [Fact]
    public void CountInCpuInfo_TwoCoresWithTwoThreadsEach_ReturnsTwo()
    {
        var cpuInfo = string.Join("\n\n", Enumerable.Range(0, 4).Select(i => $"processor\t: {i}\nphysical id\t: 0\ncore id\t\t: {i / 2}\nflags\t\t: fma avx2"));

        Assert.Equal(2, PhysicalCores.CountInCpuInfo(cpuInfo));
    }

    [Fact]
    public void CountInCpuInfo_TwoSocketsSameCoreIds_CountsBoth()
    {
        var cpuInfo = "physical id\t: 0\ncore id\t: 0\n\nphysical id\t: 1\ncore id\t: 0\n";

        Assert.Equal(2, PhysicalCores.CountInCpuInfo(cpuInfo));
    }

    [Fact]
    public void CountInCpuInfo_NoCoreIds_ReturnsZero()
    {
        Assert.Equal(0, PhysicalCores.CountInCpuInfo("processor\t: 0\nBogoMIPS\t: 48.00\n\nprocessor\t: 1\n"));
    }
}
