using System.Net.Http.Headers;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// The <c>test</c> call through the running proxy: a minimal Anthropic Messages request, exactly the path Claude Code
/// takes (client token, model routing, translation, upstream). The model name picks the tier.
/// </summary>
internal static class ProxyProbe
{
    public static async Task<ProbeResult> RunAsync(Uri proxyUrl, string? clientToken, string claudeModel, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = timeout };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(proxyUrl, "/v1/messages"))
        {
            Content = new ByteArrayContent(ProbeResult.MessagesRequestBody(claudeModel)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("anthropic-version", "2023-06-01");
        if (clientToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", clientToken);

        return await ProbeResult.SendAsync(http, request, ProbeResult.ReplyText, cancellationToken).ConfigureAwait(false);
    }
}
