using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AzureOpenAI.TestSupport.FakeUpstream;

/// <summary>
/// What OpenAI's and Azure's function-tool validators reject in <c>parameters</c>, with their wording: combinators,
/// <c>enum</c> or <c>not</c> at the top level, and a <c>pattern</c> their regex engine (Python's <c>re</c>) cannot
/// compile, the cause of Claude Code 2.1.265's outage (anthropics/claude-code#92964). The regex features are listed
/// here on their own, from Python's documentation, not shared with the proxy's sanitizer.
/// </summary>
internal static partial class StrictToolSchemaRules
{
    private static readonly string[] TopLevelForbidden = ["oneOf", "anyOf", "allOf", "enum", "not"];

    /// <summary>ECMAScript or PCRE syntax <c>re</c> has no meaning for: \p{..}, \u{..}, \k&lt;..&gt;, (?&lt;name&gt;, (?&lt;=, (?&lt;!, (?=, (?!, (?&gt;, possessive.</summary>
    [GeneratedRegex(@"\\[pPk]|\\u\{|\(\?<|\(\?[=!>(]|(?<!\\)[*+?}]\+")]
    private static partial Regex UnsupportedRegexFeature();

    public static UpstreamError? Check(JsonNode? parameters, string functionName, string param)
    {
        if (parameters is not JsonObject root) return null;
        foreach (var keyword in TopLevelForbidden)
            if (root.ContainsKey(keyword))
                return UpstreamError.BadRequest(
                    $"Invalid schema for function '{functionName}': schema must have type 'object' and not have 'oneOf'/'anyOf'/'allOf'/'enum'/'not' at the top level.",
                    param, "invalid_function_parameters");
        return BadPattern(root, functionName, param);
    }

    private static UpstreamError? BadPattern(JsonNode? node, string functionName, string param)
    {
        switch (node)
        {
            case JsonObject schema:
                foreach (var (name, value) in schema)
                {
                    if (name == "pattern" && value is JsonValue v && v.TryGetValue<string>(out var pattern) && UnsupportedRegexFeature().Match(pattern) is { Success: true } match)
                        return UpstreamError.BadRequest(
                            $"Invalid schema for function '{functionName}': '{pattern}' is not a valid regular expression: bad escape or unsupported syntax at position {match.Index}.",
                            param, "invalid_function_parameters");
                    if (name is "default" or "const" or "enum" or "examples") continue;
                    if (BadPattern(value, functionName, param) is { } error) return error;
                }
                return null;
            case JsonArray items:
                foreach (var item in items)
                    if (BadPattern(item, functionName, param) is { } error) return error;
                return null;
            default:
                return null;
        }
    }
}
