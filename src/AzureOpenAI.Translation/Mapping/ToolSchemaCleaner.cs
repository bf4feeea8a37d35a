using System.Text.Json;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Writes an Anthropic <c>input_schema</c> as OpenAI function <c>parameters</c>, removing only what upstreams are known
/// to reject. The OpenAI spec's <c>FunctionParameters</c> is an open object, so the rules come from observed 400s:
/// <list type="bullet">
/// <item><c>$schema</c> (Claude Code sends draft-07 on every tool; strict providers reject it);</item>
/// <item><c>$id</c>: OpenAI validates it as a URI reference and rejects the whole tool otherwise (griptape #2150);</item>
/// <item><c>format</c> values outside OpenAI's allow-list, e.g. <c>uri</c> ("'uri' is not a valid format",
/// cyanheads/git-mcp-server #47); validation formats carry no meaning for the model anyway;</item>
/// <item>a root without <c>properties</c> gets an empty one ("object schema missing properties", Azure/azure-mcp #197).</item>
/// </list>
/// Everything else, <c>additionalProperties</c> included, is copied as is. The walk knows which keywords hold
/// sub-schemas, so a property that happens to be called <c>format</c> or <c>$id</c> is kept.
/// </summary>
internal static class ToolSchemaCleaner
{
    private static readonly HashSet<string> AllowedFormats =
        ["date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid"];

    /// <summary>Keywords whose value is a schema (or a boolean schema).</summary>
    private static readonly HashSet<string> SchemaKeywords =
        ["items", "additionalProperties", "additionalItems", "not", "if", "then", "else", "contains", "propertyNames",
         "unevaluatedItems", "unevaluatedProperties"];

    /// <summary>Keywords whose value maps names to schemas.</summary>
    private static readonly HashSet<string> SchemaMapKeywords =
        ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];

    /// <summary>Keywords whose value is an array of schemas.</summary>
    private static readonly HashSet<string> SchemaArrayKeywords = ["anyOf", "oneOf", "allOf", "prefixItems"];

    /// <summary>
    /// Writes the cleaned schema; a missing schema becomes an empty object schema. The root's <c>type</c>, when present,
    /// is <c>"object"</c>: <see cref="ToolDefinitions"/> rejects any other.
    /// </summary>
    public static void WriteParameters(Utf8JsonWriter writer, JsonElement schema)
    {
        writer.WriteStartObject();
        if (schema.ValueKind != JsonValueKind.Object)
        {
            writer.WriteString("type"u8, "object"u8);
            writer.WriteStartObject("properties"u8);
            writer.WriteEndObject();
            writer.WriteEndObject();
            return;
        }
        if (!schema.TryGetProperty("type"u8, out _)) writer.WriteString("type"u8, "object"u8);
        WriteKeywords(writer, schema);
        if (!schema.TryGetProperty("properties"u8, out _))
        {
            writer.WriteStartObject("properties"u8);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static void WriteSchema(Utf8JsonWriter writer, JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object) { schema.WriteTo(writer); return; } // true/false schemas
        writer.WriteStartObject();
        WriteKeywords(writer, schema);
        writer.WriteEndObject();
    }

    private static void WriteKeywords(Utf8JsonWriter writer, JsonElement schema)
    {
        foreach (var keyword in schema.EnumerateObject())
        {
            var name = keyword.Name;
            if (name is "$schema" or "$id") continue;
            if (name == "format" && keyword.Value.ValueKind == JsonValueKind.String && !AllowedFormats.Contains(keyword.Value.GetString()!))
                continue;
            writer.WritePropertyName(name);
            if (SchemaKeywords.Contains(name)) WriteSchema(writer, keyword.Value);
            else if (SchemaMapKeywords.Contains(name) && keyword.Value.ValueKind == JsonValueKind.Object) WriteSchemaMap(writer, keyword.Value);
            else if (SchemaArrayKeywords.Contains(name) && keyword.Value.ValueKind == JsonValueKind.Array) WriteSchemaArray(writer, keyword.Value);
            else keyword.Value.WriteTo(writer);
        }
    }

    private static void WriteSchemaMap(Utf8JsonWriter writer, JsonElement map)
    {
        writer.WriteStartObject();
        foreach (var entry in map.EnumerateObject())
        {
            writer.WritePropertyName(entry.Name);
            WriteSchema(writer, entry.Value);
        }
        writer.WriteEndObject();
    }

    private static void WriteSchemaArray(Utf8JsonWriter writer, JsonElement array)
    {
        writer.WriteStartArray();
        foreach (var item in array.EnumerateArray()) WriteSchema(writer, item);
        writer.WriteEndArray();
    }
}
