using System.Diagnostics;
using AzureOpenAI.Proxy.Telemetry;

namespace AzureOpenAI.Proxy.Tests.Telemetry;

/// <summary>One <c>chat {deployment}</c> span per Messages request, HttpClient's span under it, and its context sent upstream.</summary>
public sealed class ProxyTracingTests
{
    [Fact]
    public async Task MessagesRequest_IsOneChatSpanWithTheGenAiAttributes()
    {
        var run = await TelemetryRun.StreamAsync("otel-trace-span", promptTokens: 120, completionTokens: 7);

        var chat = ChatSpan(run);
        Assert.Equal(ActivityKind.Client, chat.Kind);
        // A root: not the child of ASP.NET Core's unexported request Activity.
        Assert.Equal(default, chat.ParentSpanId);
        Assert.Equal(("chat", "azure.ai.openai", "claude-sonnet-4-5", "otel-trace-span"),
            (chat.GetTagItem("gen_ai.operation.name"), chat.GetTagItem("gen_ai.provider.name"), chat.GetTagItem("gen_ai.request.model"),
                chat.GetTagItem("gen_ai.response.model")));
        Assert.Equal((120L, 7L), (chat.GetTagItem("gen_ai.usage.input_tokens"), chat.GetTagItem("gen_ai.usage.output_tokens")));
        Assert.Equal(ActivityStatusCode.Unset, chat.Status);
    }

    [Fact]
    public async Task UpstreamCall_IsAChildSpanWhoseContextReachesTheUpstream()
    {
        var run = await TelemetryRun.StreamAsync("otel-trace-upstream", promptTokens: 5, completionTokens: 1);

        var chat = ChatSpan(run);
        var http = Assert.Single(run.Spans, s => s.Source.Name == ProxyTracing.HttpClientSourceName && s.ParentSpanId == chat.SpanId);
        Assert.Equal(chat.TraceId, http.TraceId);
        // Flags vary (.NET 10 adds W3C level 2's random-trace-id bit); the version, trace and parent are the contract.
        Assert.StartsWith($"00-{chat.TraceId}-{http.SpanId}-", run.Upstream.Headers["traceparent"], StringComparison.Ordinal);
    }

    private static Activity ChatSpan(TelemetryRun run) =>
        Assert.Single(run.Spans, s => s.Source.Name == ProxyTracing.SourceName && s.DisplayName == $"chat {run.Deployment}");
}
