using System.Text.Json;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Writes an Anthropic <c>input_schema</c> as function <c>parameters</c> the provider accepts, removing only what
/// upstreams are known to reject or mishandle. The OpenAI spec's <c>FunctionParameters</c> is an open object, so the
/// rules come from observed 400s. For every provider:
/// <list type="bullet">
/// <item><c>$schema</c> (Claude Code sends draft-07 on every tool; strict providers reject it);</item>
/// <item><c>$id</c>: OpenAI validates it as a URI reference and rejects the whole tool otherwise (griptape #2150);</item>
/// <item><c>format</c> values outside OpenAI's allow-list, e.g. <c>uri</c> ("'uri' is not a valid format",
/// cyanheads/git-mcp-server #47); validation formats carry no meaning for the model anyway;</item>
/// <item>a root without <c>properties</c> gets an empty one ("object schema missing properties", Azure/azure-mcp #197).</item>
/// </list>
/// For OpenAI and Azure (<see cref="ToolSchemaDialect.OpenAI"/>) also:
/// <list type="bullet">
/// <item>a <c>pattern</c> their validator cannot compile is dropped (<see cref="SchemaPatterns"/>; Claude Code 2.1.265);</item>
/// <item>local <c>$ref</c>s are inlined (a cycle, or a deeper chain than <see cref="MaxRefDepth"/>, leaves an open schema)
/// and <c>$defs</c>/<c>definitions</c> dropped, since Azure mishandles references in function parameters;</item>
/// <item>"schema must have type 'object' and not have 'oneOf'/'anyOf'/'allOf'/'enum'/'not' at the top level": the
/// alternatives' properties are merged into the root (an <c>allOf</c> branch's <c>required</c> too), <c>enum</c>/<c>not</c> dropped;</item>
/// <item>an <c>enum</c> of more than <see cref="MaxEnumValues"/> values is dropped (OpenAI's structured-output limits
/// start at 250 values: platform.openai.com/docs/guides/structured-outputs, "Supported schemas").</item>
/// </list>
/// Everything else, <c>additionalProperties</c> included, is copied as is. The walk knows which keywords hold
/// sub-schemas, so a property that happens to be called <c>format</c> or <c>$id</c> is kept.
/// </summary>
internal sealed class ToolSchemaCleaner
{
    public const int MaxEnumValues = 250;
    public const int MaxRefDepth = 8;

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

    /// <summary>What OpenAI refuses at the root of function parameters.</summary>
    private static readonly HashSet<string> RootOnlyForbidden = ["oneOf", "anyOf", "allOf", "enum", "not"];

    private readonly JsonElement _root;
    private readonly bool _openAI;
    private readonly List<string> _expanding = [];

    private ToolSchemaCleaner(JsonElement root, ToolSchemaDialect dialect)
    {
        _root = root;
        _openAI = dialect == ToolSchemaDialect.OpenAI;
    }

    /// <summary>
    /// Writes the cleaned schema; a missing schema becomes an empty object schema. The root's <c>type</c>, when present,
    /// is <c>"object"</c>: <see cref="ToolDefinitions"/> rejects any other.
    /// </summary>
    public static void WriteParameters(Utf8JsonWriter writer, JsonElement schema, ToolSchemaDialect dialect = ToolSchemaDialect.OpenAI)
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
        var cleaner = new ToolSchemaCleaner(schema, dialect);
        if (!cleaner.RootHas("type")) writer.WriteString("type"u8, "object"u8);
        if (cleaner._openAI && HasAny(schema, RootOnlyForbidden)) cleaner.WriteMergedRoot(writer, schema);
        else
        {
            cleaner.WriteKeywords(writer, schema, siblings: default);
            if (!cleaner.RootHas("properties"))
            {
                writer.WriteStartObject("properties"u8);
                writer.WriteEndObject();
            }
        }
        writer.WriteEndObject();
    }

    /// <summary>The root has <paramref name="keyword"/>, itself or (when it will be inlined) through its <c>$ref</c>.</summary>
    private bool RootHas(string keyword) =>
        _root.TryGetProperty(keyword, out _) || (_openAI && Resolve(_root) is var target && target.ValueKind == JsonValueKind.Object && target.TryGetProperty(keyword, out _));

    /// <summary>
    /// The root without its combinators: their alternatives' properties join the root's (the first definition of a name
    /// wins), an <c>allOf</c> branch's <c>required</c> joins the root's; <c>enum</c> and <c>not</c> are dropped.
    /// </summary>
    private void WriteMergedRoot(Utf8JsonWriter writer, JsonElement schema)
    {
        var properties = new List<JsonProperty>();
        var required = new List<string>();
        Collect(schema, properties, required, withRequired: true);
        foreach (var combinator in (string[])["allOf", "anyOf", "oneOf"])
            if (schema.TryGetProperty(combinator, out var alternatives) && alternatives.ValueKind == JsonValueKind.Array)
                foreach (var alternative in alternatives.EnumerateArray())
                    Collect(Resolve(alternative), properties, required, withRequired: combinator == "allOf");

        foreach (var keyword in schema.EnumerateObject())
            if (!RootOnlyForbidden.Contains(keyword.Name) && keyword.Name is not ("properties" or "required")) WriteKeyword(writer, keyword);
        writer.WriteStartObject("properties"u8);
        foreach (var property in properties)
        {
            writer.WritePropertyName(property.Name);
            WriteSchema(writer, property.Value);
        }
        writer.WriteEndObject();
        if (required.Count == 0) return;
        writer.WriteStartArray("required"u8);
        foreach (var name in required) writer.WriteStringValue(name);
        writer.WriteEndArray();
    }

    private static void Collect(JsonElement schema, List<JsonProperty> properties, List<string> required, bool withRequired)
    {
        if (schema.ValueKind != JsonValueKind.Object) return;
        if (schema.TryGetProperty("properties"u8, out var map) && map.ValueKind == JsonValueKind.Object)
            foreach (var property in map.EnumerateObject())
                if (!properties.Exists(p => p.Name == property.Name)) properties.Add(property);
        if (withRequired && schema.TryGetProperty("required"u8, out var names) && names.ValueKind == JsonValueKind.Array)
            foreach (var name in names.EnumerateArray())
                if (name.ValueKind == JsonValueKind.String && !required.Contains(name.GetString()!)) required.Add(name.GetString()!);
    }

    private void WriteSchema(Utf8JsonWriter writer, JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object) { schema.WriteTo(writer); return; } // true/false schemas
        writer.WriteStartObject();
        WriteKeywords(writer, schema, siblings: default);
        writer.WriteEndObject();
    }

    /// <summary>Writes the keywords of <paramref name="schema"/>, except those <paramref name="siblings"/> (a <c>$ref</c>'s own object) also has.</summary>
    private void WriteKeywords(Utf8JsonWriter writer, JsonElement schema, JsonElement siblings)
    {
        foreach (var keyword in schema.EnumerateObject())
            if (siblings.ValueKind != JsonValueKind.Object || !siblings.TryGetProperty(keyword.Name, out _)) WriteKeyword(writer, keyword);
        if (_openAI && schema.TryGetProperty("$ref"u8, out var reference) && reference.ValueKind == JsonValueKind.String)
            WriteInlined(writer, reference.GetString()!, schema);
    }

    private void WriteKeyword(Utf8JsonWriter writer, JsonProperty keyword)
    {
        var name = keyword.Name;
        var value = keyword.Value;
        if (name is "$schema" or "$id") return;
        if (name == "format" && value.ValueKind == JsonValueKind.String && !AllowedFormats.Contains(value.GetString()!)) return;
        if (_openAI && IsRejectedByOpenAI(name, value)) return;
        writer.WritePropertyName(name);
        if (SchemaKeywords.Contains(name)) WriteSchema(writer, value);
        else if (SchemaMapKeywords.Contains(name) && value.ValueKind == JsonValueKind.Object) WriteSchemaMap(writer, value);
        else if (SchemaArrayKeywords.Contains(name) && value.ValueKind == JsonValueKind.Array) WriteSchemaArray(writer, value);
        else value.WriteTo(writer);
    }

    private static bool IsRejectedByOpenAI(string name, JsonElement value) => name switch
    {
        "$ref" or "$defs" or "definitions" => true, // inlined where referenced
        "pattern" => value.ValueKind == JsonValueKind.String && !SchemaPatterns.IsPortable(value.GetString()!),
        "enum" => value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > MaxEnumValues,
        _ => false,
    };

    /// <summary>The referenced schema's keywords, in place of the <c>$ref</c>; nothing for a cycle, a deep chain or a reference that does not resolve.</summary>
    private void WriteInlined(Utf8JsonWriter writer, string reference, JsonElement siblings)
    {
        if (_expanding.Contains(reference) || _expanding.Count >= MaxRefDepth) return;
        var target = Resolve(reference);
        if (target.ValueKind != JsonValueKind.Object) return;
        _expanding.Add(reference);
        WriteKeywords(writer, target, siblings);
        _expanding.RemoveAt(_expanding.Count - 1);
    }

    /// <summary>A schema that is only a <c>$ref</c> → its target; any other schema as is.</summary>
    private JsonElement Resolve(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref"u8, out var reference) && reference.ValueKind == JsonValueKind.String
            ? Resolve(reference.GetString()!) is { ValueKind: JsonValueKind.Object } target ? target : schema
            : schema;

    /// <summary>A local JSON pointer (<c>#/$defs/Name</c>) into the root schema; default when it does not resolve.</summary>
    private JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal)) return default;
        var node = _root;
        foreach (var segment in reference[2..].Split('/'))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(name, out node)) return default;
        }
        return node;
    }

    private void WriteSchemaMap(Utf8JsonWriter writer, JsonElement map)
    {
        writer.WriteStartObject();
        foreach (var entry in map.EnumerateObject())
        {
            writer.WritePropertyName(entry.Name);
            WriteSchema(writer, entry.Value);
        }
        writer.WriteEndObject();
    }

    private void WriteSchemaArray(Utf8JsonWriter writer, JsonElement array)
    {
        writer.WriteStartArray();
        foreach (var item in array.EnumerateArray()) WriteSchema(writer, item);
        writer.WriteEndArray();
    }

    private static bool HasAny(JsonElement schema, HashSet<string> keywords)
    {
        foreach (var keyword in schema.EnumerateObject())
            if (keywords.Contains(keyword.Name)) return true;
        return false;
    }
}
