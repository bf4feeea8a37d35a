using System.Text.Json.Nodes;

namespace AzureOpenAI.TestSupport.Specs;

/// <summary>
/// Rewrites the OpenAPI-only schema dialect of the specs into plain JSON Schema 2020-12, in place, so that
/// JsonSchema.Net evaluates them faithfully:
/// <list type="bullet">
/// <item>OpenAPI 3.0 <c>nullable: true</c> becomes <c>anyOf: [&lt;schema&gt;, {type: null}]</c> (it also admits null
/// where the schema has an <c>enum</c> or only a <c>$ref</c>).</item>
/// <item>Draft-4 boolean <c>exclusiveMinimum/Maximum: true</c> (seen in the OpenAI spec) becomes the numeric form.</item>
/// <item><c>$recursiveRef: "#"</c> (2019-09, unknown to 2020-12) becomes a <c>$ref</c> to the enclosing component schema;
/// left alone it would be an empty schema that matches everything and breaks <c>oneOf</c>.</item>
/// <item>A <c>oneOf</c> with a <c>discriminator</c> becomes <c>anyOf</c>. In OpenAPI the discriminator picks the branch,
/// so overlapping branches are legal, and the OpenAI spec has them: a Responses input message
/// <c>{type:"message", role:"user", content:[…]}</c> is both an <c>EasyInputMessage</c> and an <c>InputMessage</c>,
/// which strict <c>oneOf</c> would reject. An instance matching no branch still fails.</item>
/// </list>
/// </summary>
internal static class OpenApiSchemaNormalizer
{
    public static void Normalize(JsonNode document)
    {
        if (document["components"]?["schemas"] is not JsonObject schemas) return;
        foreach (var name in schemas.Select(p => p.Key).ToList())
            schemas[name] = Rewrite(Detach(schemas, name), "#/components/schemas/" + EscapePointer(name));
        // Request bodies and responses in paths may hold inline schemas; they are not validated by name, so they stay as they are.
    }

    private static JsonNode? Rewrite(JsonNode? node, string componentPointer)
    {
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var item = array[i];
                    array[i] = null;
                    array[i] = Rewrite(item, componentPointer);
                }
                return array;
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                    obj[key] = Rewrite(Detach(obj, key), componentPointer);
                return RewriteSchemaKeywords(obj, componentPointer);
            default:
                return node;
        }
    }

    private static JsonNode RewriteSchemaKeywords(JsonObject obj, string componentPointer)
    {
        FixBooleanExclusiveBound(obj, "exclusiveMinimum", "minimum");
        FixBooleanExclusiveBound(obj, "exclusiveMaximum", "maximum");
        if (obj.ContainsKey("discriminator") && obj["oneOf"] is JsonArray branches && !obj.ContainsKey("anyOf"))
        {
            obj.Remove("oneOf");
            obj["anyOf"] = branches;
        }
        if (obj["$recursiveRef"] is JsonValue recursive && recursive.TryGetValue<string>(out var target) && target == "#")
        {
            obj.Remove("$recursiveRef");
            obj["$ref"] = componentPointer;
        }
        if (obj["nullable"] is not JsonValue nullable || !nullable.TryGetValue<bool>(out var isNullable)) return obj;
        obj.Remove("nullable");
        if (!isNullable) return obj;
        return new JsonObject { ["anyOf"] = new JsonArray(obj, new JsonObject { ["type"] = "null" }) };
    }

    private static void FixBooleanExclusiveBound(JsonObject obj, string exclusiveKeyword, string boundKeyword)
    {
        if (obj[exclusiveKeyword] is not JsonValue flag || !flag.TryGetValue<bool>(out var exclusive)) return;
        obj.Remove(exclusiveKeyword);
        if (!exclusive || obj[boundKeyword] is not { } bound) return;
        obj.Remove(boundKeyword);
        obj[exclusiveKeyword] = bound;
    }

    // A node may have one parent: take it out before it is wrapped (nullable) or put back.
    private static JsonNode? Detach(JsonObject parent, string key)
    {
        var child = parent[key];
        parent[key] = null;
        return child;
    }

    private static string EscapePointer(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
