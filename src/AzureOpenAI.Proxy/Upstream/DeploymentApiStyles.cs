using System.Collections.Concurrent;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Translation.Mapping;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>
/// Which API each deployment is called through, <see cref="ChatCompletionsApi"/> or <see cref="ResponsesApi"/>:
/// <code>
/// API_STYLE=responses   every deployment
/// API_STYLE=chat        none
/// API_STYLE=auto        Responses-only model families (gpt-5-codex, o3-pro, …), RESPONSES_MODELS, and deployments the
///                       upstream rejected on Chat with OperationNotSupported (remembered for the process lifetime)
/// </code>
/// Azure deployment names are arbitrary (<c>my-codex</c>), so the name-based families cannot know them all: hence the
/// list and the switch.
/// </summary>
internal sealed class DeploymentApiStyles(ApiStyle configured, IReadOnlyList<string> responsesModels)
{
    private readonly ConcurrentDictionary<string, bool> _switched = new(StringComparer.OrdinalIgnoreCase);

    public DeploymentApiStyles(ProxySettings settings) : this(settings.ApiStyle, settings.ResponsesModels) { }

    /// <summary>The API a request for <paramref name="deployment"/> goes to now.</summary>
    public IUpstreamApi For(string deployment) =>
        _switched.ContainsKey(deployment) || Configured(configured, responsesModels, deployment) == ApiStyle.Responses
            ? ResponsesApi.Instance
            : ChatCompletionsApi.Instance;

    /// <summary>
    /// Switches <paramref name="deployment"/> to Responses after the upstream refused it on Chat; false when
    /// API_STYLE is not auto (an explicit choice is kept, and the refusal reaches the user).
    /// </summary>
    public bool SwitchToResponses(string deployment)
    {
        if (configured != ApiStyle.Auto) return false;
        _switched[deployment] = true;
        return true;
    }

    /// <summary>The choice configuration alone makes, before anything is learned (what <c>status</c> and <c>config</c> show).</summary>
    public static ApiStyle Configured(ApiStyle style, IReadOnlyList<string> responsesModels, string deployment) => style switch
    {
        ApiStyle.Responses => ApiStyle.Responses,
        ApiStyle.Chat => ApiStyle.Chat,
        _ when ModelFamilies.IsResponsesOnly(deployment) => ApiStyle.Responses,
        _ when responsesModels.Contains(deployment, StringComparer.OrdinalIgnoreCase) => ApiStyle.Responses,
        _ => ApiStyle.Chat,
    };
}
