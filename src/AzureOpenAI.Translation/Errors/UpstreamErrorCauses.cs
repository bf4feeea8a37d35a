namespace AzureOpenAI.Translation.Errors;

/// <summary>A configuration mistake an upstream error reveals, which the user can fix.</summary>
public enum UpstreamErrorCause
{
    Unknown,

    /// <summary>The Azure resource allows only Entra ID (disableLocalAuth), and an api-key was sent.</summary>
    KeyAuthDisabled,

    /// <summary>Azure's 404 <c>DeploymentNotFound</c>: the deployment name is wrong.</summary>
    DeploymentNotFound,

    /// <summary>The resource does not support the api-version that was sent.</summary>
    ApiVersionUnsupported,
}

/// <summary>
/// The one place that recognises Azure's tell-tale errors, for the proxy's error mapper and for the CLI's <c>test</c>.
/// It reads the upstream's own code and words, which the proxy's Anthropic errors keep, so it recognises both an
/// upstream error body and the proxy's answer that relays it.
/// </summary>
public static class UpstreamErrorCauses
{
    public static UpstreamErrorCause Recognize(int status, string? code, string? message)
    {
        message ??= "";
        if (status == 401 && (code == "AuthenticationTypeDisabled"
            || Mentions(message, "key based authentication is disabled", "local authentication is disabled", "key authentication is disabled")))
            return UpstreamErrorCause.KeyAuthDisabled;
        if (status == 404 && (code == "DeploymentNotFound" || Mentions(message, "DeploymentNotFound")))
            return UpstreamErrorCause.DeploymentNotFound;
        if (status is 400 or 404 && Mentions(message, "api version", "api-version", "apiversion"))
            return UpstreamErrorCause.ApiVersionUnsupported;
        return UpstreamErrorCause.Unknown;
    }

    private static bool Mentions(string text, params string[] phrases) =>
        phrases.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase));
}
