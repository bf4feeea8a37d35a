using AzureOpenAI.Translation;
using AzureOpenAI.Translation.Mapping;
using AzureOpenAI.Translation.Tokens;
using Microsoft.AspNetCore.Http;

namespace AzureOpenAI.Proxy.Server;

/// <summary><c>POST /v1/messages/count_tokens</c>: counted locally with the deployment's tokenizer, never upstream.</summary>
internal sealed class CountTokensEndpoint(ProxyState state)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (await RequestBodyReader.ReadAsync(context) is not { } request) return;
        // Anthropic answers a request it could not send with the same 400 here, whether or not the count could be made.
        if (RequestValidation.Untranslatable(request) is { } invalid)
        {
            await AnthropicErrors.WriteAsync(context, invalid);
            return;
        }
        var model = request.Model!; // present: validated above
        var entry = RequestLogEntry.Of(context);
        entry.RequestedModel = model;
        // Without a configured tier the requested name still picks a tokenizer (o200k_base for unknown names).
        entry.Deployment = state.Router.Route(model) ?? model;
        var tokens = TokenCounter.CountInputTokens(request, entry.Deployment);
        entry.Usage = new MessageUsage(tokens, 0, 0, 0, 0);
        await JsonResponses.WriteAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("input_tokens"u8, tokens);
            writer.WriteEndObject();
        });
    }
}
