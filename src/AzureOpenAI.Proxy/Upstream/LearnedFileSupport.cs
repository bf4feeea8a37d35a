using System.Collections.Concurrent;
using System.Text.Json;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>
/// Which deployments take no <c>file</c> content part (PDFs): dated Azure api-versions before
/// <see cref="FirstDatedApiVersionWithFiles"/> are known not to; for any other, a 400 <c>Invalid value: 'file'</c>
/// teaches it, per deployment and for the life of the process (like <see cref="LearnedOutputLimits"/>), and the request
/// is sent once more with each PDF as its text.
/// </summary>
internal sealed class LearnedFileSupport
{
    /// <summary>The GA api-version 2024-10-21 has only text and image parts; <c>file</c> arrived with the 2025 previews.</summary>
    public const string FirstDatedApiVersionWithFiles = "2025-03-01-preview";

    private const string FileRefusal = "Invalid value: 'file'";

    private readonly ConcurrentDictionary<string, bool> _withoutFiles = new(StringComparer.Ordinal);

    public static bool IsKnownWithoutFiles(ProviderProfile profile) =>
        profile.UsesDeploymentUrls && string.CompareOrdinal(profile.ApiVersion, FirstDatedApiVersionWithFiles) < 0;

    /// <summary>A 400 whose <c>error.message</c> (read as JSON: the quotes may arrive escaped) refuses the <c>file</c> part.</summary>
    public static bool IsFileRefusal(int status, byte[] body)
    {
        if (status != 400) return false;
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error"u8, out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message"u8, out var message) && message.ValueKind == JsonValueKind.String
                && message.GetString()!.Contains(FileRefusal, StringComparison.Ordinal);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Remembers that <paramref name="deployment"/> takes no files; false when that was known already (no second resend).</summary>
    public bool Remember(string deployment) => _withoutFiles.TryAdd(deployment, true);

    public bool TakesFiles(string deployment) => !_withoutFiles.ContainsKey(deployment);
}
