using System.Security.Cryptography;
using System.Text;
using AzureOpenAI.Translation.Anthropic;
using Microsoft.AspNetCore.Http;

namespace AzureOpenAI.Proxy.Server;

/// <summary>
/// When PROXY_AUTH_TOKEN is set, every API call must present it as <c>x-api-key</c> or <c>Authorization: Bearer</c>
/// (Claude Code sends the first for ANTHROPIC_API_KEY, the second for ANTHROPIC_AUTH_TOKEN). <c>/health</c> and
/// <c>/</c> stay open for probes.
/// </summary>
internal sealed class ClientAuthMiddleware(RequestDelegate next, ClientToken token)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!token.IsRequired || IsOpen(context.Request.Path) || Presented(context.Request).Any(token.Matches))
            return next(context);
        return AnthropicErrors.WriteAsync(context, AnthropicErrorType.Authentication,
            "invalid or missing proxy token: send PROXY_AUTH_TOKEN as x-api-key or Authorization: Bearer (ANTHROPIC_AUTH_TOKEN in Claude Code)");
    }

    private static bool IsOpen(PathString path) => path == "/" || path == "/health";

    private static IEnumerable<string> Presented(HttpRequest request)
    {
        foreach (var key in request.Headers["x-api-key"])
            if (!string.IsNullOrEmpty(key)) yield return key;
        foreach (var authorization in request.Headers.Authorization)
            if (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                yield return authorization["Bearer ".Length..].Trim();
    }
}

/// <summary>The local token, compared in constant time.</summary>
internal sealed class ClientToken(string? token)
{
    // Hashing first makes the comparison independent of the presented value's length as well as its content.
    private readonly byte[]? _hash = token is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public bool IsRequired => _hash is not null;

    public bool Matches(string presented) =>
        _hash is not null && CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
