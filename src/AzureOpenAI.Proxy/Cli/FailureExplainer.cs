using AzureOpenAI.Translation.Mapping;
using AzureOpenAI.Translation.Errors;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>What the <c>test</c> call was aimed at, for naming things in an explanation.</summary>
/// <param name="ThroughProxy">The call went through the running proxy, so an unexplained status may be the proxy's own.</param>
/// <param name="UsesEntra">The credential is an Entra ID token, so a 401 is about the identity, not a key.</param>
/// <param name="PoolsLine">A pools.json backend's line: the fixes name its keys there, not the settings.</param>
internal sealed record ProbeTarget(string Host, string Deployment, string TierVariable, string? ApiVersion, TimeSpan Timeout, bool ThroughProxy = false,
    bool UsesEntra = false, int? PoolsLine = null);

/// <summary>
/// Turns a failed <c>test</c> call into a cause in words and the fix. Azure's tell-tales, recognised by
/// <see cref="UpstreamErrorCauses"/> (the proxy's error mapper uses the same):
/// <code>
/// 401 "…local authentication is disabled…"      key auth switched off on the resource (use Entra ID)
/// no Entra ID token (directly or via the proxy)  the credential's own explanation (az login, AZURE_OPENAI_AD_TOKEN, a key)
/// 401 with Entra ID                              the identity lacks the role on the resource, or another tenant
/// 401 otherwise                                  wrong key (or another resource's)
/// 404 code DeploymentNotFound                    the deployment name is wrong
/// 400/404 "…api version…" / "api-version"        the api-version is not supported
/// </code>
/// </summary>
internal static class FailureExplainer
{
    public static string Explain(ProbeFailure failure, ProbeTarget target) => failure.Kind switch
    {
        ProbeFailureKind.Timeout =>
            $"{target.Host} did not answer within {target.Timeout.TotalSeconds:0} s (timeout): check the network, or that the endpoint is reachable from here",
        ProbeFailureKind.NameResolution =>
            $"the host name {target.Host} cannot be resolved (DNS): check {Where(target, "OPENAI_BASE_URL", "endpoint")} for a typo in the resource name",
        ProbeFailureKind.Connection =>
            $"cannot connect to {target.Host} ({failure.Message}): check {Where(target, "OPENAI_BASE_URL", "endpoint")}, a proxy or firewall, and that the service runs",
        ProbeFailureKind.Credential => failure.Message ?? Upstream.UpstreamCredentialException.NoCredentialFound,
        _ => ExplainStatus(failure, target),
    };

    private static string ExplainStatus(ProbeFailure failure, ProbeTarget target)
    {
        var message = failure.Message ?? "";
        var said = message.Length == 0 ? "" : $" ({(target.ThroughProxy ? "the proxy said" : "the provider said")}: {Shorten(message)})";
        var cause = UpstreamErrorCauses.Recognize(failure.Status ?? 0, failure.Code, message);
        if (failure.Status == 401 && Mentions(message, "invalid or missing proxy token"))
            return "the running proxy rejected this PROXY_AUTH_TOKEN: it was started with another one; run `azure-openai restart`";
        if (cause == UpstreamErrorCause.KeyAuthDisabled)
            return $"key authentication is disabled on {target.Host} (401): use Microsoft Entra ID (`azure-openai setup --auth entra`) or enable local auth on the resource{said}";
        if (failure.Status == 401 && Mentions(message, "no Azure credential found", "the Azure credential failed"))
            return message;
        if (failure.Status == 401 && target.UsesEntra)
            return $"{target.Host} rejected the Entra ID token (401): the signed-in identity needs the \"Cognitive Services OpenAI User\" role on the resource, "
                + $"and `az login` must use the resource's tenant{said}";
        if (failure.Status == 401)
            return $"{target.Host} rejected the API key (401): the key is wrong or belongs to another resource, or key authentication is disabled on the resource; check {Where(target, "OPENAI_API_KEY (`azure-openai setup`)", "apiKey")}{said}";
        if (cause == UpstreamErrorCause.DeploymentNotFound || (failure.Status == 404 && Mentions(message, "deployment")))
            return $"deployment \"{target.Deployment}\" was not found on {target.Host} (404 DeploymentNotFound): set {target.TierVariable} to a deployment name shown in the Azure AI Foundry portal (the deployment's name, not the model's){said}";
        if (cause == UpstreamErrorCause.ApiVersionUnsupported)
            return $"api-version \"{target.ApiVersion}\" is not supported by {target.Host}: {(target.PoolsLine is null ? "set AZURE_API_VERSION=v1" : $"set {Where(target, "", "apiVersion")} to \"v1\"")}, or a dated version the resource supports such as 2024-10-21{said}";
        return failure.Status switch
        {
            403 => $"{target.Host} refused access (403): the key or identity lacks access to this resource or network{said}",
            404 => $"{target.Host} has nothing at the called path (404): check {Where(target, "OPENAI_BASE_URL", "endpoint")} and {Where(target, "AZURE_API_VERSION", "apiVersion")}{said}",
            429 => $"{target.Host} is rate limiting (429): wait, or raise the deployment's quota{said}",
            _ when target.ThroughProxy => $"the call through the proxy failed with {failure.Status}{said}",
            _ => $"{target.Host} answered {failure.Status}{said}",
        };
    }

    /// <summary>Where a value is set: the setting, or the key of the tested pools.json backend.</summary>
    private static string Where(ProbeTarget target, string setting, string poolsKey) =>
        target.PoolsLine is { } line ? $"\"{poolsKey}\" at pools.json line {line}" : setting;

    private static bool Mentions(string text, params string[] phrases) =>
        phrases.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase));

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
