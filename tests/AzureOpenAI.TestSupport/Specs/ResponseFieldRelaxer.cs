using System.Text.Json.Nodes;

namespace AzureOpenAI.TestSupport.Specs;

/// <summary>
/// The Anthropic spec is Stainless-generated: every response field is listed as <c>required</c>, including those that
/// may be null (<c>stop_details</c>, <c>container</c>, <c>usage.inference_geo</c>, <c>citations</c>, …) and those with a
/// default the SDKs fill in (<c>tool_use.caller</c> = <c>{"type":"direct"}</c>). The SDKs accept a response that omits
/// them, and PROTOCOL.md's captured traffic omits them, so an absent field is allowed when its schema admits null or
/// has a default. A field whose schema is a <c>const</c> (<c>type</c>, <c>role</c>) stays required even with a default,
/// and a field that is present must still match its schema (a present <c>stop_reason: "bogus"</c> fails).
/// </summary>
internal static class ResponseFieldRelaxer
{
    public static void Relax(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array) Relax(item);
                break;
            case JsonObject obj:
                foreach (var (_, child) in obj) Relax(child);
                RelaxRequired(obj);
                break;
        }
    }

    private static void RelaxRequired(JsonObject schema)
    {
        if (schema["required"] is not JsonArray required || schema["properties"] is not JsonObject properties) return;
        var keep = required
            .Select(r => r?.GetValue<string>())
            .Where(name => name is null || properties[name] is not JsonObject property || !MayBeAbsent(property))
            .Select(name => (JsonNode?)JsonValue.Create(name))
            .ToArray();
        schema["required"] = new JsonArray(keep);
    }

    private static bool MayBeAbsent(JsonObject property) =>
        AdmitsNull(property) || (property.ContainsKey("default") && !property.ContainsKey("const"));

    private static bool AdmitsNull(JsonObject schema)
    {
        if (IsNullType(schema["type"])) return true;
        foreach (var keyword in (ReadOnlySpan<string>)["anyOf", "oneOf"])
            if (schema[keyword] is JsonArray branches && branches.Any(b => b is JsonObject o && IsNullType(o["type"])))
                return true;
        return false;
    }

    private static bool IsNullType(JsonNode? type) => type switch
    {
        JsonValue v => v.TryGetValue<string>(out var s) && s == "null",
        JsonArray a => a.Any(t => t is JsonValue v && v.TryGetValue<string>(out var s) && s == "null"),
        _ => false,
    };
}
