using System.Text.Json;
using AzureOpenAI.Translation.Anthropic;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Reads Anthropic content blocks straight from the parsed <see cref="JsonElement"/>s, failing with an
/// <see cref="AnthropicRequestException"/> that names the field when a block has the wrong shape.
/// </summary>
internal static class ContentBlocks
{
    /// <summary>The block's <c>type</c>; the block must be an object with a string <c>type</c>.</summary>
    public static string TypeOf(JsonElement block, FieldPath path)
    {
        if (block.ValueKind != JsonValueKind.Object) throw Invalid(path.Field(), "expected a content block object");
        return RequiredString(block, "type", path);
    }

    public static string RequiredString(JsonElement block, string property, FieldPath path) =>
        OptionalString(block, property, path) ?? throw Invalid(path.Field(property), "field required");

    /// <summary>The string value, null when absent or JSON null; any other kind is an error.</summary>
    public static string? OptionalString(JsonElement block, string property, FieldPath path)
    {
        if (!block.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Invalid(path.Field(property), "expected a string");
    }

    public static JsonElement RequiredObject(JsonElement block, string property, FieldPath path)
    {
        if (!block.TryGetProperty(property, out var value)) throw Invalid(path.Field(property), "field required");
        return value.ValueKind == JsonValueKind.Object ? value : throw Invalid(path.Field(property), "expected an object");
    }

    public static bool IsTrue(JsonElement block, string property) =>
        block.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.True;

    public static AnthropicRequestException Invalid(string field, string problem) =>
        AnthropicRequestException.Invalid($"{field}: {problem}");
}
