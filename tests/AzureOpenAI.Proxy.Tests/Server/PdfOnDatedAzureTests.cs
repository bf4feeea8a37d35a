using System.Net;
using System.Text;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.TestSupport;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.Proxy.Tests.Server;

/// <summary>
/// PDFs on Azure api-versions without a <c>file</c> part: on 2024-10-21 (known) the PDF goes as its text at once; on a
/// version the proxy does not know, the strict fake's <c>400 Invalid value: 'file'</c> teaches it, the request is sent
/// once more with the text, and the next request goes with the text straight away.
/// </summary>
public sealed class PdfOnDatedAzureTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Azure2024_10_21_GetsThePdfsText()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Enqueue(FakeResponse.Json(ChatCompletionBodies.Text("It is about otters.")));
        await using var proxy = await TestProxy.StartAsync(FakeUpstreamSettings.Azure(fake) with { AzureApiVersion = "2024-10-21" });

        using var response = await SendPdfAsync(proxy);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(fake.Requests);
        Assert.Null(sent.Rejection);
        Assert.DoesNotContain("\"file\"", sent.RawBody, StringComparison.Ordinal);
        Assert.Contains("Otter report (PDF, 2 pages", sent.RawBody, StringComparison.Ordinal);
        Assert.Contains("Otters hold hands while sleeping.", sent.RawBody, StringComparison.Ordinal);
        Assert.Contains("--- page 2 ---", sent.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownVersionWithoutFiles_IsLearnedFromThe400_AndRemembered()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        fake.Options.FilePartsMinimumApiVersion = "2025-04-01-preview"; // the proxy believes 2025-03-01-preview takes files
        fake.Enqueue(FakeResponse.Json(ChatCompletionBodies.Text("first")));
        fake.Enqueue(FakeResponse.Json(ChatCompletionBodies.Text("second")));
        await using var proxy = await TestProxy.StartAsync(FakeUpstreamSettings.Azure(fake) with { AzureApiVersion = "2025-03-01-preview" });

        using var first = await SendPdfAsync(proxy);
        using var second = await SendPdfAsync(proxy);

        Assert.True(first.StatusCode == HttpStatusCode.OK, string.Join(" | ", fake.Requests.Select(r => r.Rejection?.Message)));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(3, fake.Requests.Count);
        Assert.Contains("Invalid value: 'file'", fake.Requests[0].Rejection!.Message, StringComparison.Ordinal);
        Assert.Null(fake.Requests[1].Rejection);
        Assert.Null(fake.Requests[2].Rejection);
        Assert.Contains("Otters hold hands while sleeping.", fake.Requests[2].RawBody, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> SendPdfAsync(TestProxy proxy)
    {
        var pdf = TestPdfs.Base64("Otter report", "Otters hold hands while sleeping.", "Sea otters use stones as tools.");
        var body = $$$"""
            {"model":"claude-sonnet-5-5","max_tokens":200,"messages":[{"role":"user","content":[
              {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"{{{pdf}}}"}},
              {"type":"text","text":"What is this about?"}]}]}
            """;
        return proxy.Http.PostAsync("/v1/messages", new StringContent(body, Encoding.UTF8, "application/json"), Token);
    }
}
