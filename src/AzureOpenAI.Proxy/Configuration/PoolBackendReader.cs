using System.Text.Json;

namespace AzureOpenAI.Proxy.Configuration;

/// <summary>One backend object of <c>pools.json</c>; see <see cref="PoolsFileReader"/> for the error style.</summary>
internal static class PoolBackendReader
{
    private const string Keys = "endpoint, deployment, apiVersion, apiKey, auth, provider, apiStyle, priority, weight, dataZone, headers, "
        + "contextWindow, maxOutputTokens, maxOutputReservation, spilloverDeployment";

    public static PoolBackend Read(ref Utf8JsonReader reader, PoolsFileReader.Context context)
    {
        var line = context.LineOf(ref reader);
        if (reader.TokenType != JsonTokenType.StartObject)
            throw context.Error(ref reader, "a backend must be an object: { \"endpoint\": \"https://RES.openai.azure.com\", \"deployment\": \"NAME\" }");
        Uri? endpoint = null;
        string? deployment = null;
        var backend = new PoolBackend { Endpoint = null!, Deployment = null!, Line = line };
        PoolAuth? auth = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "endpoint": endpoint = Url(ref reader, context); break;
                case "deployment": deployment = Text(ref reader, context, name); break;
                case "apiVersion": backend = backend with { ApiVersion = ApiVersion(ref reader, context) }; break;
                case "apiKey": backend = backend with { ApiKey = Text(ref reader, context, name) }; break;
                case "auth": auth = OneOf(ref reader, context, name, "key", "entra", "none") switch { "key" => PoolAuth.Key, "entra" => PoolAuth.Entra, _ => PoolAuth.None }; break;
                case "provider": backend = backend with { Provider = OneOf(ref reader, context, name, "azure", "openai") == "azure" ? ProviderKind.Azure : ProviderKind.OpenAI }; break;
                case "apiStyle": backend = backend with { ApiStyle = OneOf(ref reader, context, name, "auto", "chat", "responses") switch { "chat" => Configuration.ApiStyle.Chat, "responses" => Configuration.ApiStyle.Responses, _ => Configuration.ApiStyle.Auto } }; break;
                case "priority": backend = backend with { Priority = Number(ref reader, context, name, 1, 1000) }; break;
                case "weight": backend = backend with { Weight = Number(ref reader, context, name, 1, 1000) }; break;
                case "dataZone": backend = backend with { DataZone = Text(ref reader, context, name).ToLowerInvariant() }; break;
                case "headers": backend = backend with { Headers = Headers(ref reader, context) }; break;
                case "contextWindow": backend = backend with { ContextWindow = Number(ref reader, context, name, 1024, 100_000_000) }; break;
                case "maxOutputTokens": backend = backend with { MaxOutputTokens = Number(ref reader, context, name, 16, 10_000_000) }; break;
                case "maxOutputReservation": backend = backend with { MaxOutputReservation = Number(ref reader, context, name, 16, 10_000_000) }; break;
                case "spilloverDeployment": backend = backend with { SpilloverDeployment = Text(ref reader, context, name) }; break;
                default: throw context.Error(ref reader, $"unknown key \"{name}\" in a backend; a backend holds {Keys}");
            }
        }
        if (endpoint is null) throw context.Error(line, "the backend has no \"endpoint\": add \"endpoint\": \"https://RES.openai.azure.com\"");
        if (deployment is null) throw context.Error(line, "the backend has no \"deployment\": add \"deployment\": \"<deployment name>\"");
        if (auth == PoolAuth.Key && backend.ApiKey is null) throw context.Error(line, "\"auth\": \"key\" needs \"apiKey\"");
        var provider = backend.Provider ?? ProviderDetection.Detect(endpoint, backend.ApiVersion);
        if (backend.SpilloverDeployment is { } spillover) CheckSpillover(context, line, spillover, deployment, provider, backend.ApiStyle);
        return backend with { Endpoint = endpoint, Deployment = deployment, Auth = auth ?? DefaultAuth(backend, provider) };
    }

    /// <summary>What Azure requires of <c>x-ms-spillover-deployment</c> that the file can show: Azure, Chat Completions, another deployment.</summary>
    private static void CheckSpillover(PoolsFileReader.Context context, int line, string spillover, string deployment, ProviderKind provider, ApiStyle? style)
    {
        if (provider != ProviderKind.Azure)
            throw context.Error(line, "\"spilloverDeployment\" is Azure's (x-ms-spillover-deployment): remove it, or set \"provider\": \"azure\"");
        if (style == Configuration.ApiStyle.Responses)
            throw context.Error(line, "Azure has no spillover on the Responses API: remove \"spilloverDeployment\", or use \"apiStyle\": \"chat\"");
        if (spillover == deployment)
            throw context.Error(line, $"\"spilloverDeployment\" must name another deployment than \"{deployment}\": the standard (pay-as-you-go) one of the same resource");
    }

    /// <summary>As for the settings: a key when given; Entra ID for an Azure endpoint reached directly; else none (APIM keys are headers).</summary>
    private static PoolAuth DefaultAuth(PoolBackend backend, ProviderKind provider) =>
        backend.ApiKey is not null ? PoolAuth.Key
        : provider == ProviderKind.Azure && backend.Headers.Count == 0 ? PoolAuth.Entra
        : PoolAuth.None;

    private static string Text(ref Utf8JsonReader reader, PoolsFileReader.Context context, string name) =>
        reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } text
            ? text
            : throw context.Error(ref reader, $"\"{name}\" must be a non-empty string");

    private static Uri Url(ref Utf8JsonReader reader, PoolsFileReader.Context context)
    {
        var text = Text(ref reader, context, "endpoint");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0
            || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw context.Error(ref reader, $"\"endpoint\": \"{text}\" is not an http(s) URL without a query "
                + "(e.g. \"https://RES.openai.azure.com\", or an APIM gateway \"https://NAME.azure-api.net/PREFIX\"; the api-version goes in \"apiVersion\")");
        return uri;
    }

    private static string ApiVersion(ref Utf8JsonReader reader, PoolsFileReader.Context context)
    {
        var text = Text(ref reader, context, "apiVersion");
        foreach (var c in text)
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '.'))
                throw context.Error(ref reader, $"\"apiVersion\": \"{text}\" is not an api-version (e.g. \"v1\" or \"2024-10-21\")");
        return text;
    }

    private static string OneOf(ref Utf8JsonReader reader, PoolsFileReader.Context context, string name, params string[] allowed)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString()!.ToLowerInvariant() : null;
        return text is not null && allowed.Contains(text)
            ? text
            : throw context.Error(ref reader, $"\"{name}\" must be one of {string.Join(", ", allowed.Select(a => $"\"{a}\""))}");
    }

    private static int Number(ref Utf8JsonReader reader, PoolsFileReader.Context context, string name, int min, int max) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) && value >= min && value <= max
            ? value
            : throw context.Error(ref reader, $"\"{name}\" must be a whole number from {min} to {max} (e.g. \"{name}\": {min})");

    private static List<KeyValuePair<string, string>> Headers(ref Utf8JsonReader reader, PoolsFileReader.Context context)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw context.Error(ref reader, "\"headers\" must be an object of strings, e.g. \"headers\": { \"Ocp-Apim-Subscription-Key\": \"…\" }");
        var headers = new List<KeyValuePair<string, string>>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (!UpstreamHeaders.IsValidName(name)) throw context.Error(ref reader, $"\"{name}\" is not a valid HTTP header name");
            headers.Add(new(name, Text(ref reader, context, name)));
        }
        return headers;
    }
}
