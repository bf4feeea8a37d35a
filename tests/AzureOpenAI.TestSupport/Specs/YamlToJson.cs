using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace AzureOpenAI.TestSupport.Specs;

/// <summary>
/// Converts a YAML document to a <see cref="JsonNode"/> tree. Plain (unquoted) scalars get YAML 1.2 core-schema types
/// (null, bool, int, float); quoted and block scalars stay strings, so <c>"2024-10-21"</c> or <c>'1'</c> keep their text.
/// </summary>
internal static class YamlToJson
{
    public static JsonNode? Convert(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(BlankWhitespaceOnlyLines(yaml)));
        return stream.Documents.Count == 0 ? null : ToNode(stream.Documents[0].RootNode);
    }

    // YamlDotNet rejects a block scalar whose first line holds only indentation ("found extra spaces in first line"),
    // which the OpenAI spec has (`example: |+` over a line of spaces). Emptying such lines changes no schema.
    private static string BlankWhitespaceOnlyLines(string yaml) =>
        string.Join('\n', yaml.Split('\n').Select(line => string.IsNullOrWhiteSpace(line) ? "" : line));

    private static JsonNode? ToNode(YamlNode node) => node switch
    {
        YamlMappingNode map => ToObject(map),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToNode).ToArray()),
        YamlScalarNode scalar => ToScalar(scalar),
        _ => throw new NotSupportedException($"YAML node {node.NodeType} at {node.Start} (aliases are not used by the specs)"),
    };

    private static JsonObject ToObject(YamlMappingNode map)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in map.Children)
            obj[((YamlScalarNode)key).Value ?? ""] = ToNode(value);
        return obj;
    }

    private static JsonNode? ToScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != YamlDotNet.Core.ScalarStyle.Plain) return JsonValue.Create(text);
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return JsonValue.Create(integer);
        if (LooksLikeFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
            return JsonValue.Create(real);
        return JsonValue.Create(text);
    }

    // YAML 1.2 core floats: digits with a dot and/or exponent; excludes versions like "1.2.3" and words like "Infinity".
    private static bool LooksLikeFloat(string text) =>
        text.Length > 0 && (char.IsDigit(text[0]) || text[0] is '-' or '+' or '.') &&
        text.Count(c => c == '.') <= 1 && text.All(c => char.IsDigit(c) || c is '.' or 'e' or 'E' or '-' or '+');
}
