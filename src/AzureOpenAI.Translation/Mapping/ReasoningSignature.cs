using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Stateless reasoning continuity on the Responses API: a reasoning item's <c>id</c> and <c>encrypted_content</c> travel
/// inside the Anthropic thinking block's <c>signature</c>, which Claude Code sends back unchanged, so the next turn can
/// replay the item without the proxy storing anything. Format: <c>rsn1.</c> + base64url (no padding) of the compact
/// JSON <c>{"id":…,"encrypted_content":…,"dep":…}</c>. <c>dep</c> names the deployment that issued the item (an opaque
/// id, <see cref="DeploymentOptions.ReasoningIssuer"/>): encrypted content only decrypts where it was made, so after a
/// failover or a change of deployment the item is dropped instead of failing with <c>invalid_encrypted_content</c>.
/// Signatures without <c>dep</c> (written before it existed) still decode. Any other signature (Anthropic's own, the
/// Chat path's <see cref="ThinkingSignature.Placeholder"/>) is not ours and decodes to nothing.
/// </summary>
internal static class ReasoningSignature
{
    public const string Prefix = "rsn1.";

    public static string Encode(string id, string encryptedContent, string? issuer = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(encryptedContent);
        var json = new ArrayBufferWriter<byte>(encryptedContent.Length + id.Length + 40);
        using (var writer = new Utf8JsonWriter(json, WireJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, id);
            writer.WriteString("encrypted_content"u8, encryptedContent);
            if (issuer is not null) writer.WriteString("dep"u8, issuer);
            writer.WriteEndObject();
        }
        return Prefix + Base64Url.EncodeToString(json.WrittenSpan);
    }

    /// <summary>
    /// True and the item's id, encrypted content and issuing deployment (null in signatures that predate it) when
    /// <paramref name="signature"/> was made by <see cref="Encode"/>.
    /// </summary>
    public static bool TryDecode(string? signature, out string id, out string encryptedContent, out string? issuer)
    {
        id = encryptedContent = "";
        issuer = null;
        if (signature is null || !signature.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        byte[] json;
        try
        {
            json = Base64Url.DecodeFromChars(signature.AsSpan(Prefix.Length));
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("id"u8, out var idValue) || idValue.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("encrypted_content"u8, out var content) || content.ValueKind != JsonValueKind.String)
                return false;
            id = idValue.GetString()!;
            encryptedContent = content.GetString()!;
            issuer = root.TryGetProperty("dep"u8, out var dep) && dep.ValueKind == JsonValueKind.String ? dep.GetString() : null;
            return id.Length > 0 && encryptedContent.Length > 0;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
    }
}
