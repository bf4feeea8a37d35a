using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.Proxy.Upstream;
using AzureOpenAI.TestSupport.FakeUpstream;
using AzureOpenAI.Translation.Anthropic;
using static AzureOpenAI.Proxy.Tests.Pools.PoolHarness;

namespace AzureOpenAI.Proxy.Tests.Pools;

/// <summary>
/// A prompt over the deployment's input window is refused at once with the wording that makes Claude Code compact,
/// without an upstream call; only a prompt whose size estimate comes near the window is counted with the tokenizer.
/// </summary>
public sealed class ContextWindowTests
{
    private const int Gpt4oWindow = 128_000;

    [Fact]
    public async Task APromptOverAGpt4oWindow_IsPromptTooLong_WithoutAnUpstreamCall()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var proxy = await StartAsync(FakeUpstreamSettings.Azure(fake, big: "gpt-4o"), NewClock());

        var answer = await AskAsync(proxy, prompt: Words(150_000));

        Assert.Equal(400, answer.Status);
        Assert.Equal("invalid_request_error", ErrorType(answer.Body));
        Assert.Matches(@"^prompt is too long: \d+ tokens > 128000 maximum$", ErrorMessage(answer.Body));
        Assert.Empty(fake.Requests);
    }

    [Theory]
    [InlineData(1_000, false, false)]   // far below the window: never counted
    [InlineData(100_000, true, false)]  // near it: counted, and it fits
    [InlineData(140_000, true, true)]   // over it: counted, refused
    public void OnlyAPromptNearTheWindow_IsCounted(int words, bool counted, bool refused)
    {
        var counts = 0;
        var guard = new ContextWindowGuard((request, deployment) =>
        {
            counts++;
            return Translation.Tokens.TokenCounter.CountInputTokens(request, deployment);
        });
        var request = new MessagesRequest
        {
            Model = "claude-opus-4-5", MaxTokens = 1000,
            Messages = [new InputMessage { Role = "user", Content = System.Text.Json.JsonSerializer.SerializeToElement(Words(words)) }],
        };
        var prompt = PromptMeasure.Of(request);

        var first = guard.Check(request, prompt, "gpt-4o", Gpt4oWindow);
        var again = guard.Check(request, prompt, "gpt-4o", Gpt4oWindow);

        Assert.Equal(counted ? 1 : 0, counts); // at most once per request, however many backends look
        Assert.Equal(refused, first is not null);
        Assert.Equal(first, again);
    }

    /// <summary>About one token per word.</summary>
    private static string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => (i % 7) switch
    {
        0 => "alpha", 1 => "beta", 2 => "gamma", 3 => "delta", 4 => "river", 5 => "stone", _ => "cloud",
    }));
}
