using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.Proxy.Tests.Server;

/// <summary>Every answer carries <c>Server-Timing: upstream;dur=…, proxy;dur=…</c>; /health reports the median proxy time.</summary>
public sealed partial class ServerTimingTests
{
    private const string Request = """{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"hello"}]}""";
    private const string StreamedRequest = """{"model":"claude-sonnet-4-5","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"hello"}]}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"^upstream;dur=(?<upstream>\d+(\.\d+)?), proxy;dur=(?<proxy>\d+(\.\d+)?)$")]
    private static partial Regex ServerTimingPattern();

    private static (double Upstream, double Proxy) Timing(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("Server-Timing", out var values), $"no Server-Timing on {(int)response.StatusCode}");
        var match = ServerTimingPattern().Match(Assert.Single(values));
        Assert.True(match.Success, $"unparseable Server-Timing: {values.Single()}");
        return (double.Parse(match.Groups["upstream"].Value, CultureInfo.InvariantCulture), double.Parse(match.Groups["proxy"].Value, CultureInfo.InvariantCulture));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task AStream_DoesNotCountTheWaitForItsFirstEventAsTheProxysTime()
    {
        const int SilenceMs = 1000;
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        var headersSent = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        fake.Enqueue(FakeResponse.Stream(ChatSse.TextAnswer("warm-up")));
        fake.Enqueue(FakeResponse.Stream(s => s.Send(": headers go out with this comment, which is no event\n\n").Signal(headersSent).WaitFor(release.Task).Send(ChatSse.TextAnswer("late"))));
        await using var proxy = await TestProxy.StartAsync(FakeUpstreamSettings.Azure(fake));
        using (await proxy.Http.PostAsync("/v1/messages", Json(StreamedRequest), Token)) { } // first-call costs (JIT, pools) are not the point

        var sending = proxy.Http.PostAsync("/v1/messages", Json(StreamedRequest), Token);
        await headersSent.Task.WaitAsync(Token);
        await Task.Delay(SilenceMs, Token); // the upstream is silent for at least this long after its headers
        release.SetResult();
        using var response = await sending;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var (upstream, proxyTime) = Timing(response);
        Assert.True(proxyTime < SilenceMs, $"the wait for the first event was counted as the proxy's time ({proxyTime} ms)");
        Assert.True(upstream < SilenceMs, $"a stream's upstream time ends at its headers ({upstream} ms)");
    }

    [Fact]
    public async Task ANonStreamedAnswer_CountsTheUpstreamsTime()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var proxy = await TestProxy.StartAsync(FakeUpstreamSettings.Azure(fake));

        using var response = await proxy.Http.PostAsync("/v1/messages", Json(Request), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (upstream, _) = Timing(response);
        Assert.True(upstream > 0, "an upstream was called, so its time is not zero");
    }

    [Fact]
    public async Task AnUpstreamError_AndAnAnswerWithoutUpstream_CarryTheHeaderToo()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.Error(400, "bad things"));
        await using var proxy = await TestProxy.StartAsync(FakeUpstreamSettings.Azure(fake));

        using var failed = await proxy.Http.PostAsync("/v1/messages", Json(Request), Token);
        using var invalid = await proxy.Http.PostAsync("/v1/messages", Json("""{"messages":[]}"""), Token);
        using var counted = await proxy.Http.PostAsync("/v1/messages/count_tokens", Json(Request), Token);
        using var missing = await proxy.Http.GetAsync("/v1/nothing-here", Token);

        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        Assert.True(Timing(failed).Upstream > 0);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(0, Timing(invalid).Upstream);
        Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
        Assert.Equal(0, Timing(counted).Upstream);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Timing(missing);
    }

    [Fact]
    public async Task Health_ReportsTheMedianProxyTimeOfApiRequests_NotOfProbes()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var proxy = await TestProxy.StartAsync(FakeUpstreamSettings.Azure(fake));
        var before = await OverheadAsync(proxy);

        var proxyTimes = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await proxy.Http.PostAsync("/v1/messages/count_tokens", Json(Request), Token);
            proxyTimes.Add(Timing(response).Proxy);
        }
        var after = await OverheadAsync(proxy);

        Assert.Equal(JsonValueKind.Null, before.GetProperty("medianMs").ValueKind);
        Assert.Equal(0, before.GetProperty("requests").GetInt32());
        Assert.Equal(3, after.GetProperty("requests").GetInt32()); // the /health calls are not counted
        proxyTimes.Sort();
        Assert.Equal(proxyTimes[1], after.GetProperty("medianMs").GetDouble(), 0.01);
    }

    private static async Task<JsonElement> OverheadAsync(TestProxy proxy)
    {
        using var health = await proxy.Http.GetAsync("/health", Token);
        Timing(health);
        return JsonDocument.Parse(await health.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("proxyOverhead").Clone();
    }
}
