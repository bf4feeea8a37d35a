using System.Text;
using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Cli;
using AzureOpenAI.Proxy.Tests.Lifecycle;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.TestSupport;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.Proxy.Tests.Server;

/// <summary>
/// The compatibility check's two halves: <c>AZURE_OPENAI_CAPTURE_DIR</c> records the raw requests (0600, credentials
/// masked), and <c>shapes</c> lists what in them the translator does not know, marking what the baseline lacks.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RequestCaptureTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CapturedRequests_AreReadBackByShapes_WithWhatIsNewMarked()
    {
        using var folder = new TempFolder();
        var captures = Path.Combine(folder.Path, "captures");
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.Json(ChatCompletionBodies.Text("ok")));
        await using var proxy = await TestProxy.StartAsync(FakeUpstreamSettings.Azure(fake) with { CaptureDirectory = captures });

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages?beta=true")
        {
            Content = new StringContent("""
                {"model":"claude-sonnet-5-5","max_tokens":100,"brand_new_field":1,
                 "tools":[{"type":"hologram_20270101","name":"hologram"}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"hi"},{"type":"sparkle","text":"✨"}]}]}
                """, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", "secret-client-key");
        request.Headers.Add("anthropic-beta", "claude-code-20250219,teleport-2027-01-01");
        using var response = await proxy.Http.SendAsync(request, Token);

        var file = Assert.Single(Directory.GetFiles(captures, "*.request.json"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var capture = JsonNode.Parse(await File.ReadAllTextAsync(file, Token))!;
        Assert.Equal("<masked>", capture["headers"]!["x-api-key"]!.GetValue<string>());
        Assert.Equal(1, capture["body"]!["brand_new_field"]!.GetValue<int>());

        var baseline = Path.Combine(folder.Path, "baseline");
        Directory.CreateDirectory(baseline);
        File.Copy(RepositoryPaths.Shared("fixtures/claude-code-2.1.328/first-turn.request.json"), Path.Combine(baseline, "first.request.json"));
        using var output = new StringWriter();
        var exit = await ProxyCli.RunAsync(["shapes", captures, "--baseline", baseline],
            new CliEnvironment(new Dictionary<string, string>(), folder.Path, output, TextWriter.Null));

        Assert.Equal(0, exit);
        Assert.Equal(
        [
            "+ beta teleport-2027-01-01", "+ block sparkle", "+ field brand_new_field", "+ tool type hologram_20270101",
            "4 unknown shape(s) in 1 request(s), 4 new since the baseline",
        ], output.ToString().TrimEnd().Split('\n'));
    }
}
