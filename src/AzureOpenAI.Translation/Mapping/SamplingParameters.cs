using AzureOpenAI.Translation.Anthropic;
using AzureOpenAI.Translation.OpenAI;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// <c>max_tokens</c>, <c>temperature</c>, <c>top_p</c>, <c>stop_sequences</c>, as the family's
/// <see cref="ModelParameterRules"/> allow: reasoning models (o-series, gpt-5) reject <c>max_tokens</c> and any
/// non-default sampling value, and o3/o4-mini/gpt-5 reject <c>stop</c>, so they get <c>max_completion_tokens</c> only
/// (PROTOCOL.md §2.1, §3.5). <c>top_k</c> has no Chat equivalent and is dropped.
/// </summary>
internal static class SamplingParameters
{
    /// <summary>OpenAI accepts at most 4 stop sequences; Anthropic allows more. The first 4 are kept.</summary>
    internal const int MaxStopSequences = 4;

    public static void Apply(MessagesRequest request, DeploymentOptions options, ModelParameterRules rules, ChatRequest chat)
    {
        var maxTokens = ReasoningProbes.Raise(ToMaxTokens(request.MaxTokens, options.MaxTokensLimit), rules);
        if (rules.UsesMaxCompletionTokens) chat.MaxCompletionTokens = maxTokens;
        else chat.MaxTokens = maxTokens;
        if (rules.SamplingAllowed)
        {
            chat.Temperature = request.Temperature;
            chat.TopP = request.TopP;
        }
        if (rules.StopAllowed) chat.Stop = ToStop(request.StopSequences);
    }

    /// <summary>
    /// <c>temperature</c> and <c>top_p</c> within Anthropic's range, [0, 1], whichever model serves them: a value the
    /// client could not send to Anthropic is its error, not the upstream's (which may answer it with a 500).
    /// </summary>
    internal static void RequireRanges(MessagesRequest request)
    {
        RequireUnitInterval(request.Temperature, "temperature");
        RequireUnitInterval(request.TopP, "top_p");
    }

    private static void RequireUnitInterval(double? value, string field)
    {
        if (value is < 0 or > 1) throw ContentBlocks.Invalid(field, "must be between 0 and 1");
    }

    /// <summary>The requested limit clamped to the deployment's; the Messages API requires <c>max_tokens</c>.</summary>
    internal static int ToMaxTokens(int? requested, int limit)
    {
        if (requested is not { } value) throw ContentBlocks.Invalid("max_tokens", "field required");
        if (value < 1) throw ContentBlocks.Invalid("max_tokens", "must be at least 1");
        return limit > 0 ? Math.Min(value, limit) : value;
    }

    private static List<string>? ToStop(List<string>? stopSequences)
    {
        if (stopSequences is null) return null;
        var stop = stopSequences.Where(s => !string.IsNullOrEmpty(s)).Take(MaxStopSequences).ToList();
        return stop.Count > 0 ? stop : null;
    }
}
