using System.Net;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Translation.Anthropic;
using Microsoft.AspNetCore.Http;

namespace AzureOpenAI.Proxy.Server;

/// <summary>
/// Keeps web pages from driving the proxy, token or not. A page can make the browser send requests to 127.0.0.1,
/// but such a request carries an <c>Origin</c> (a POST always does), or, after DNS rebinding, the attacker's name as
/// <c>Host</c>; a cross-site POST without a CORS preflight cannot be <c>application/json</c>, and no preflight is
/// ever granted here. Claude Code, the Anthropic SDKs and curl send none of these, so they are unaffected.
/// </summary>
internal sealed class HostOriginGuard(RequestDelegate next, ProxySettings settings)
{
    private readonly HashSet<string> _origins = new(settings.AllowedOrigins.Select(o => o.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _hosts = new(
        [.. settings.AllowedHosts.Select(h => h.Trim('[', ']')), "localhost", .. IsWildcard(settings.Host) ? [] : new[] { settings.Host.Trim('[', ']') }],
        StringComparer.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsOptions(request.Method))
            return Refuse(context, AnthropicErrorType.Permission, "CORS preflight refused: this proxy serves local programs such as Claude Code, not web pages");
        if (request.Headers.Origin is { Count: > 0 } origin && !origin.All(o => o is not null && _origins.Contains(o.TrimEnd('/'))))
            return Refuse(context, AnthropicErrorType.Permission,
                $"requests from web pages are refused (Origin: {LogText.Value(origin.ToString())}); list trusted origins in {SettingNames.AllowedOrigins}");
        if (!IsTrustedHost(request.Host, context.Connection.LocalPort))
            return Refuse(context, AnthropicErrorType.Permission,
                $"Host {LogText.Value(request.Host.Value)} is not this proxy's address: use 127.0.0.1:{context.Connection.LocalPort}, or list the name in {SettingNames.AllowedHosts}");
        if (HttpMethods.IsPost(request.Method) && !IsJson(request.ContentType))
            return Refuse(context, AnthropicErrorType.InvalidRequest,
                $"Content-Type must be application/json, not {LogText.Value(request.ContentType ?? "(none)")}", StatusCodes.Status415UnsupportedMediaType);
        return next(context);
    }

    /// <summary>
    /// A loopback address, <c>localhost</c>, HOST itself or an ALLOWED_HOSTS name, with the port the request came in on
    /// or none (hand-written clients omit it; a browser always names a non-default port).
    /// </summary>
    private bool IsTrustedHost(HostString host, int listeningPort)
    {
        if (!host.HasValue || (host.Port is { } port && port != listeningPort)) return false;
        var name = host.Host.Trim('[', ']');
        return _hosts.Contains(name) || (IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>Listening on every interface names no address a client could use as Host.</summary>
    private static bool IsWildcard(string host) => host is "*" or "+" or "0.0.0.0" or "::";

    /// <summary><c>application/json</c>, with or without parameters (<c>; charset=utf-8</c>): a span check, no parse per request.</summary>
    private static bool IsJson(string? contentType)
    {
        var value = contentType.AsSpan().Trim();
        const string Json = "application/json";
        if (!value.StartsWith(Json, StringComparison.OrdinalIgnoreCase)) return false;
        var rest = value[Json.Length..].TrimStart();
        return rest.IsEmpty || rest[0] == ';';
    }

    private static Task Refuse(HttpContext context, AnthropicErrorType type, string message, int? status = null) =>
        AnthropicErrors.WriteAsync(context, new AnthropicError(type, message), status: status);
}
