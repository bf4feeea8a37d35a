using System.Diagnostics;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Usage;

namespace AzureOpenAI.Proxy.Telemetry;

/// <summary>The attributes of the GenAI semantic conventions (and the proxy's own) shared by metrics and spans.</summary>
internal static class GenAiTags
{
    public const string OperationName = "gen_ai.operation.name";
    public const string ProviderName = "gen_ai.provider.name";

    /// <summary>The provider's attribute before semconv 1.37 renamed it; still what many backends group by.</summary>
    public const string System = "gen_ai.system";

    public const string RequestModel = "gen_ai.request.model";
    public const string ResponseModel = "gen_ai.response.model";
    public const string TokenType = "gen_ai.token.type";
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string ErrorType = "error.type";
    public const string Deployment = "azure_openai.deployment";
    public const string Tier = "azure_openai.tier";

    public const string Chat = "chat";

    public static string Provider(ProviderKind? kind) => kind == ProviderKind.Azure ? "azure.ai.openai" : "openai";

    /// <summary>The tags of every GenAI measurement of <paramref name="record"/>; the deployment is the response model.</summary>
    public static TagList Of(UsageRecord record, ProviderKind? provider)
    {
        var name = Provider(provider);
        var tags = new TagList
        {
            { OperationName, Chat },
            { ProviderName, name },
            { System, name },
            { RequestModel, record.RequestedModel },
            { ResponseModel, record.Deployment },
            { Tier, ModelTiers.Name(record.Tier) },
        };
        if (record.ErrorType is { } error) tags.Add(ErrorType, error);
        return tags;
    }
}
