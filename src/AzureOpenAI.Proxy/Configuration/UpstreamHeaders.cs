namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// <c>UPSTREAM_HEADERS="Ocp-Apim-Subscription-Key=VALUE;Other-Header=VALUE"</c>: static headers sent upstream with
/// every request, beside the key or the Entra ID token (an APIM front door's subscription key). Values are secrets.
/// </summary>
internal static class UpstreamHeaders
{
    /// <summary>Headers the proxy sets itself; a configured one would conflict or leak the request's shape.</summary>
    private static readonly string[] Reserved = ["host", "content-length", "content-type", "transfer-encoding", "connection"];

    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? pair[..equals].Trim() : "";
            if (!IsValidName(name) || equals == pair.Length - 1 || pair.Any(char.IsControl))
                throw new ConfigurationException($"{SettingNames.UpstreamHeaders}: each entry must be Name=VALUE, separated by ';' "
                    + "(e.g. Ocp-Apim-Subscription-Key=KEY;X-Team=a)");
            headers.Add(new(name, pair[(equals + 1)..].Trim()));
        }
        return headers;
    }

    /// <summary>An RFC 9110 token that is not one of the headers the proxy sets itself.</summary>
    public static bool IsValidName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal))
        && !Reserved.Contains(name.ToLowerInvariant());
}
