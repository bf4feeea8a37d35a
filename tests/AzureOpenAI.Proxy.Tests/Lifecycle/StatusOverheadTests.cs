using System.Text;
using System.Text.Json;
using Xunit;

namespace AzureOpenAI.Proxy.Tests.Lifecycle;

/// <summary><c>status --json</c> reads the running daemon's median proxy overhead from its <c>/health</c>.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StatusOverheadTests
{
    [Fact]
    public async Task StatusJson_ShowsTheMedianProxyOverhead_AfterAFewRequests()
    {
        await using var sandbox = new Sandbox();
        var started = await sandbox.RunAsync("start");
        Assert.True(started.ExitCode == 0, started.ToString());

        var before = Overhead(await sandbox.RunAsync("status", "--json"));
        using (var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{sandbox.Port}/") })
            for (var i = 0; i < 3; i++)
            {
                using var body = new StringContent("""{"model":"claude-haiku-4-5","messages":[{"role":"user","content":"hello"}]}""", Encoding.UTF8, "application/json");
                using var counted = await http.PostAsync("/v1/messages/count_tokens", body, TestContext.Current.CancellationToken);
                Assert.True(counted.IsSuccessStatusCode, await counted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            }
        var after = Overhead(await sandbox.RunAsync("status", "--json"));
        var text = await sandbox.RunAsync("status");

        Assert.Equal(JsonValueKind.Null, before.GetProperty("medianMs").ValueKind);
        Assert.Equal(0, before.GetProperty("requests").GetInt32());
        Assert.Equal(3, after.GetProperty("requests").GetInt32());
        Assert.True(after.GetProperty("medianMs").GetDouble() >= 0);
        Assert.Contains("ms median proxy time of the last 3 requests", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusJson_WhenStopped_HasNoOverhead()
    {
        await using var sandbox = new Sandbox();

        var overhead = Overhead(await sandbox.RunAsync("status", "--json"), expectedExit: 3);

        Assert.Equal(JsonValueKind.Null, overhead.GetProperty("medianMs").ValueKind);
        Assert.Equal(0, overhead.GetProperty("requests").GetInt32());
    }

    private static JsonElement Overhead(CliRun status, int expectedExit = 0)
    {
        Assert.True(status.ExitCode == expectedExit, status.ToString());
        return JsonDocument.Parse(status.Stdout).RootElement.GetProperty("proxyOverhead").Clone();
    }
}
