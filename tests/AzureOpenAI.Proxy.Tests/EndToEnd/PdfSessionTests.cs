using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Tests.Lifecycle;
using AzureOpenAI.TestSupport;
using AzureOpenAI.TestSupport.FakeUpstream;
using static AzureOpenAI.Proxy.Tests.ResponsesApi.ResponsesHarness;

namespace AzureOpenAI.Proxy.Tests.EndToEnd;

/// <summary>
/// A Claude Code session with a PDF on a dated Azure api-version (2024-10-21, no <c>file</c> part): the model reads a
/// real PDF with the Read tool, and the strict fake, which rejects file parts there, gets its text and answers.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PdfSessionTests
{
    private const string LocalToken = "local-e2e-token-0123456789";

    [Fact]
    public async Task ReadingAPdf_OnAzure2024_10_21_Works()
    {
        await using var sandbox = new Sandbox();
        var pdf = Path.Combine(sandbox.WorkingDirectory, "otters.pdf");
        await File.WriteAllBytesAsync(pdf, TestPdfs.Create("Otter report", "Otters hold hands while sleeping."), Token);
        await using var upstream = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        var arguments = new JsonObject { ["file_path"] = pdf };
        upstream.Enqueue(FakeResponse.Stream(ChatSse.ToolCallAnswer("call_pdf_1", "Read", arguments.ToJsonString(), pieces: 2)));
        upstream.Enqueue(FakeResponse.Stream(ChatSse.TextAnswer("The PDF says otters hold hands.")));
        await using var proxy = await StartOnDatedAzureAsync(sandbox, upstream);

        var run = await ClaudeCli.RunAsync(sandbox, proxy.Address, LocalToken, ["-p", "What does otters.pdf say?", "--allowedTools", "Read"], Token);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("The PDF says otters hold hands.", run.Stdout, StringComparison.Ordinal);
        Assert.All(upstream.Requests, r => Assert.Null(r.Rejection));
        var turns = upstream.Requests.Where(r => r.Api == UpstreamApi.ChatCompletions).ToList();
        Assert.True(turns.Count >= 2, $"expected the Read turn and the answer turn, got {turns.Count}");
        Assert.All(turns, t => Assert.Equal("?api-version=2024-10-21", t.Query));
        Assert.Contains("Otters hold hands while sleeping.", turns[^1].RawBody, StringComparison.Ordinal);
    }

    private static Task<LauncherServe> StartOnDatedAzureAsync(Sandbox sandbox, FakeUpstreamServer upstream)
    {
        sandbox.Variables["OPENAI_BASE_URL"] = upstream.BaseUri.ToString();
        sandbox.Variables["OPENAI_API_KEY"] = upstream.Options.ApiKey;
        sandbox.Variables["AZURE_API_VERSION"] = "2024-10-21";
        sandbox.Variables["BIG_MODEL"] = "gpt-4o";
        sandbox.Variables["MIDDLE_MODEL"] = "gpt-4o";
        sandbox.Variables["SMALL_MODEL"] = "gpt-4o-mini";
        sandbox.Variables["PROXY_AUTH_TOKEN"] = LocalToken;
        return LauncherServe.StartAsync(sandbox, Token);
    }
}
