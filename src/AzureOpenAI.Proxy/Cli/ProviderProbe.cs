using System.Net.Http.Headers;
using System.Text.Json;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Upstream;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// The <c>test</c> call straight to the provider, for when the proxy is not running: the smallest Chat Completions
/// request, sent to the URL and with the credential the proxy would use (<see cref="ProviderProfile"/>). It bypasses
/// the translation on purpose, so a failure here is the provider's configuration, nothing else.
/// </summary>
internal static class ProviderProbe
{
    private const int ReplyTokens = 64;

    // Reasoning models spend completion tokens on thinking before the first visible word.
    private const int ReasoningReplyTokens = 2048;

    public static async Task<ProbeResult> RunAsync(ProxySettings settings, ProviderProfile profile, string deployment, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        using var http = new HttpClient(Handler(settings, timeout)) { Timeout = timeout };
        using var request = new HttpRequestMessage(HttpMethod.Post, profile.ChatCompletionsUrl(deployment))
        {
            Content = new ByteArrayContent(RequestBody(deployment, ModelFamilies.IsReasoning(deployment, settings.ReasoningModels))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        profile.Authenticate(request);

        return await ProbeResult.SendAsync(http, request, ReplyText, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sockets, behind the Entra ID token handler when the proxy would use Entra ID (no retries: the test shows the first failure).</summary>
    private static HttpMessageHandler Handler(ProxySettings settings, TimeSpan timeout)
    {
        var sockets = new SocketsHttpHandler { ConnectTimeout = timeout };
        if (!UpstreamCredential.IsEntra(settings.Credential)) return sockets;
        return new EntraAuthHandler(EntraTokenCache.For(settings.Credential, settings, TimeProvider.System)) { InnerHandler = sockets };
    }

    private static byte[] RequestBody(string deployment, bool reasoning)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            // Deployment URLs ignore "model", every other style needs it: always sending it is right everywhere.
            json.WriteString("model", deployment);
            ProbeResult.WritePromptMessages(json);
            // Reasoning models reject max_tokens; older servers only know it.
            if (reasoning) json.WriteNumber("max_completion_tokens", ReasoningReplyTokens);
            else json.WriteNumber("max_tokens", ReplyTokens);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static string ReplyText(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var choices = document.RootElement.GetProperty("choices");
            if (choices.GetArrayLength() == 0) return "(no choices in the response)";
            var message = choices[0].GetProperty("message");
            return message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String
                ? content.GetString()!
                : "(an empty reply)";
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "(a response that is not a chat completion)";
        }
    }
}
