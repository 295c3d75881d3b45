using Shoebox.Models.Captions;
using Shoebox.Tests.Fixtures;

namespace Shoebox.Tests.Models.Captions;

[Tier(Tier.Unit)]
public class OllamaCaptionerTests
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 0xFF, 0xD9];

    private static OllamaCaptioner Captioner(Uri url, string model = "llava", double timeoutSeconds = 5, int retries = 2) => new(new OllamaOptions
    {
        BaseUrl = url,
        Model = model,
        Timeout = TimeSpan.FromSeconds(timeoutSeconds),
        Retries = retries,
        RetryDelay = TimeSpan.FromMilliseconds(20),
    });

    [Fact]
    public async Task CaptionAsync_NormalAnswer_SendsTheImageAndReturnsTheCaptionOnOneLine()
    {
        using var server = new FakeOllama { Reply = _ => OllamaReply.Caption("  A cat asleep\n on a red sofa.  ") };
        using var captioner = Captioner(server.Url, "llava:7b");

        var caption = await captioner.CaptionAsync(Jpeg, CancellationToken.None);

        Assert.Equal("A cat asleep on a red sofa.", caption);
        var request = Assert.Single(server.Requests);
        Assert.Equal("llava:7b", request.Model);
        Assert.Equal(OllamaOptions.DefaultPrompt, request.Prompt);
        Assert.False(request.Stream);
        Assert.Equal(Jpeg, Assert.Single(request.Images));
    }

    [Fact]
    public async Task CaptionAsync_AnswerSlowerThanTheTimeout_IsRetriedThenFails()
    {
        using var server = new FakeOllama { Reply = _ => OllamaReply.Caption("too late", TimeSpan.FromSeconds(3)) };
        using var captioner = Captioner(server.Url, timeoutSeconds: 0.3, retries: 1);

        var failure = await Assert.ThrowsAsync<CaptionFailedException>(() => captioner.CaptionAsync(Jpeg, CancellationToken.None));

        Assert.Contains("no answer within 0.3 s", failure.Message);
        Assert.Contains("tried 2 times", failure.Message);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task CaptionAsync_ServerErrorThenSuccess_IsRetriedAndSucceeds()
    {
        using var server = new FakeOllama
        {
            Reply = n => n == 0 ? OllamaReply.Error(500, "llama runner process has terminated") : OllamaReply.Caption("A harbour at dusk."),
        };
        using var captioner = Captioner(server.Url);

        var caption = await captioner.CaptionAsync(Jpeg, CancellationToken.None);

        Assert.Equal("A harbour at dusk.", caption);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task CaptionAsync_ServerErrorEveryTime_FailsWithTheServersReason()
    {
        using var server = new FakeOllama { Reply = _ => OllamaReply.Error(500, "out of memory") };
        using var captioner = Captioner(server.Url, retries: 2);

        var failure = await Assert.ThrowsAsync<CaptionFailedException>(() => captioner.CaptionAsync(Jpeg, CancellationToken.None));

        Assert.Contains("500: out of memory", failure.Message);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task CaptionAsync_MalformedJson_FailsWithAClearReasonWithoutRetrying()
    {
        using var server = new FakeOllama { Reply = _ => new OllamaReply(200, "{\"response\": \"A dog") };
        using var captioner = Captioner(server.Url);

        var failure = await Assert.ThrowsAsync<CaptionFailedException>(() => captioner.CaptionAsync(Jpeg, CancellationToken.None));

        Assert.Contains("not valid JSON", failure.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task CaptionAsync_JsonWithoutResponse_FailsSayingSo()
    {
        using var server = new FakeOllama { Reply = _ => new OllamaReply(200, "{\"done\": true}") };
        using var captioner = Captioner(server.Url);

        var failure = await Assert.ThrowsAsync<CaptionFailedException>(() => captioner.CaptionAsync(Jpeg, CancellationToken.None));

        Assert.Contains("no \"response\" text", failure.Message);
    }

    [Fact]
    public async Task CaptionAsync_EmptyResponse_Fails()
    {
        using var server = new FakeOllama { Reply = _ => OllamaReply.Caption(" \n ") };
        using var captioner = Captioner(server.Url);

        var failure = await Assert.ThrowsAsync<CaptionFailedException>(() => captioner.CaptionAsync(Jpeg, CancellationToken.None));

        Assert.Contains("empty caption", failure.Message);
    }

    [Fact]
    public async Task CaptionAsync_BadRequest_FailsWithoutRetrying()
    {
        using var server = new FakeOllama { Reply = _ => OllamaReply.Error(400, "llava does not support generate") };
        using var captioner = Captioner(server.Url);

        var failure = await Assert.ThrowsAsync<CaptionFailedException>(() => captioner.CaptionAsync(Jpeg, CancellationToken.None));

        Assert.Contains("does not support generate", failure.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task CaptionAsync_ModelNotPulled_SaysHowToPullIt()
    {
        using var server = new FakeOllama { Reply = _ => OllamaReply.Error(404, "model 'moondream' not found, try pulling it first") };
        using var captioner = Captioner(server.Url, "moondream");

        var failure = await Assert.ThrowsAsync<CaptionServerException>(() => captioner.CaptionAsync(Jpeg, CancellationToken.None));

        Assert.Contains("`ollama pull moondream`", failure.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task CaptionAsync_ServerDown_SaysHowToStartIt()
    {
        using var captioner = Captioner(FakeOllama.NobodyListening, retries: 1);

        var failure = await Assert.ThrowsAsync<CaptionServerException>(() => captioner.CaptionAsync(Jpeg, CancellationToken.None));

        Assert.Contains("Is Ollama running? Start it with `ollama serve`", failure.Message);
    }

    [Fact]
    public async Task CheckAsync_ModelListedUnderItsLatestTag_Passes()
    {
        using var server = new FakeOllama { Models = ["llava:latest"] };
        using var captioner = Captioner(server.Url, "llava");

        await captioner.CheckAsync(CancellationToken.None);
    }

    [Fact]
    public async Task CheckAsync_ModelNotListed_SaysHowToPullIt()
    {
        using var server = new FakeOllama { Models = ["llava:latest"] };
        using var captioner = Captioner(server.Url, "qwen2.5vl:7b");

        var failure = await Assert.ThrowsAsync<CaptionServerException>(() => captioner.CheckAsync(CancellationToken.None));

        Assert.Contains("`ollama pull qwen2.5vl:7b`", failure.Message);
    }

    [Fact]
    public async Task CheckAsync_ServerDown_SaysHowToStartIt()
    {
        using var captioner = Captioner(FakeOllama.NobodyListening);

        var failure = await Assert.ThrowsAsync<CaptionServerException>(() => captioner.CheckAsync(CancellationToken.None));

        Assert.Contains("`ollama serve`", failure.Message);
    }
}
