using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Json.Schema;
using Xunit;

namespace AzureOpenAI.TestSupport.Specs;

/// <summary>
/// Validates JSON against a named component schema of one of the reference specs in <c>../shared/specs</c>.
/// The whole OpenAPI document is registered under a base URI and <c>{"$ref": "&lt;base&gt;#/components/schemas/&lt;Name&gt;"}</c>
/// is evaluated, so cross-references resolve as the spec wrote them. Each spec is read, converted and normalized once,
/// on first use (the OpenAI YAML is 3 MB); evaluation is serialized per spec because schema evaluation builds caches.
/// A missing spec skips the test with a reason outside CI and fails it under <c>CI=true</c> (<see cref="RepositoryPaths.Shared"/>).
/// </summary>
public sealed class SpecValidator
{
    /// <summary>OpenAI API, OpenAPI 3.1 (e.g. <c>CreateChatCompletionRequest</c>, <c>CreateChatCompletionStreamResponse</c>).</summary>
    public static SpecValidator OpenAI { get; } = new("openai-openapi.yaml", "https://specs.test/openai", relaxResponseFields: false);

    /// <summary>Azure OpenAI inference 2024-10-21, OpenAPI 3.0 (e.g. <c>createChatCompletionRequest</c>).</summary>
    public static SpecValidator Azure { get; } = new("azure-openai-inference-2024-10-21.json", "https://specs.test/azure", relaxResponseFields: false);

    /// <summary>
    /// Anthropic API, OpenAPI 3.1 (schema names in <see cref="AnthropicSchemas"/>). Nullable or defaulted response
    /// fields may be absent (<see cref="ResponseFieldRelaxer"/>); everything present must match.
    /// </summary>
    public static SpecValidator Anthropic { get; } = new("anthropic-openapi.json", "https://specs.test/anthropic", relaxResponseFields: true);

    private readonly string _fileName;
    private readonly Uri _baseUri;
    private readonly Lazy<LoadedSpec> _loaded;
    private readonly ConcurrentDictionary<string, JsonSchema> _refSchemas = new(StringComparer.Ordinal);

    private readonly bool _relaxResponseFields;

    private SpecValidator(string fileName, string baseUri, bool relaxResponseFields)
    {
        _fileName = fileName;
        _relaxResponseFields = relaxResponseFields;
        _baseUri = new Uri(baseUri);
        _loaded = new Lazy<LoadedSpec>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The spec file; skips (or fails under CI) when ../shared is absent. Call it on the test thread before a server uses the spec.</summary>
    public string SpecPath => RepositoryPaths.Shared("specs/" + _fileName);

    /// <summary>Every violation of <c>#/components/schemas/{schemaName}</c> by <paramref name="instance"/>; empty when valid.</summary>
    public IReadOnlyList<SpecError> Validate(string schemaName, JsonNode? instance) =>
        ValidateAt("/components/schemas/" + schemaName.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal), instance);

    /// <summary>Validates against the schema at any JSON Pointer of the document, e.g. a property of a component.</summary>
    public IReadOnlyList<SpecError> ValidateAt(string schemaPointer, JsonNode? instance)
    {
        _ = SpecPath;
        var spec = _loaded.Value;
        if (ResolvePointer(spec.Document, schemaPointer) is null)
            throw new ArgumentException($"{_fileName} has no schema at {schemaPointer}", nameof(schemaPointer));
        var schema = _refSchemas.GetOrAdd(schemaPointer, p => JsonSchema.FromText($$"""{"$ref": "{{_baseUri}}#{{p}}"}"""));
        EvaluationResults results;
        lock (spec)
            results = schema.Evaluate(instance, spec.Options);
        return results.IsValid ? [] : Collect(results);
    }

    /// <summary>Fails the test with every violation listed (instance path, message, schema path).</summary>
    public void AssertValid(string schemaName, JsonNode? instance, string? context = null)
    {
        var errors = Validate(schemaName, instance);
        if (errors.Count == 0) return;
        Assert.Fail(FormatFailure(schemaName, instance, errors, context));
    }

    /// <summary>The normalized component schema, read-only by convention (e.g. to list a request's known properties).</summary>
    public JsonObject ComponentSchema(string schemaName)
    {
        _ = SpecPath;
        return _loaded.Value.Document["components"]?["schemas"]?[schemaName] as JsonObject
            ?? throw new ArgumentException($"{_fileName} has no component schema {schemaName}", nameof(schemaName));
    }

    /// <summary>The property names a component schema declares, following <c>allOf</c> and local <c>$ref</c>s (top level only).</summary>
    public IReadOnlySet<string> PropertyNames(string schemaName)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        CollectPropertyNames(ComponentSchema(schemaName), names, depth: 0);
        return names;
    }

    internal string FormatFailure(string schemaName, JsonNode? instance, IReadOnlyList<SpecError> errors, string? context)
    {
        const int shown = 25;
        var lines = errors.Take(shown).Select(e => "  " + e);
        var more = errors.Count > shown ? $"\n  … and {errors.Count - shown} more" : "";
        var json = instance?.ToJsonString() ?? "null";
        if (json.Length > 2000) json = json[..2000] + "…";
        return $"{context}{(context is null ? "" : ": ")}not a valid {schemaName} ({_fileName}):\n{string.Join('\n', lines)}{more}\ninstance: {json}";
    }

    private void CollectPropertyNames(JsonNode? schema, HashSet<string> names, int depth)
    {
        if (schema is not JsonObject obj || depth > 8) return;
        if (obj["properties"] is JsonObject props)
            foreach (var (name, _) in props) names.Add(name);
        if (obj["allOf"] is JsonArray all)
            foreach (var part in all) CollectPropertyNames(part, names, depth + 1);
        if (obj["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith("#/", StringComparison.Ordinal))
            CollectPropertyNames(ResolvePointer(_loaded.Value.Document, reference[1..]), names, depth + 1);
    }

    /// <summary>
    /// Walks the hierarchical results through failing nodes only, so that a failing branch of a passing
    /// <c>anyOf</c> (the <c>null</c> branch of a nullable field) is not reported.
    /// </summary>
    private static List<SpecError> Collect(EvaluationResults results)
    {
        var errors = new List<SpecError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<EvaluationResults>([results]);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node.IsValid) continue;
            if (node.HasErrors)
                foreach (var (keyword, message) in node.Errors!)
                {
                    var error = new SpecError(node.InstanceLocation.ToString(), $"{node.EvaluationPath}/{keyword}", message);
                    if (seen.Add(error.ToString())) errors.Add(error);
                }
            if (node.HasDetails)
                for (var i = node.Details.Count - 1; i >= 0; i--) pending.Push(node.Details[i]);
        }
        if (errors.Count == 0) errors.Add(new SpecError("", "", "invalid (no detail reported)"));
        return errors;
    }

    private static JsonNode? ResolvePointer(JsonNode root, string pointer)
    {
        JsonNode? node = root;
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject obj => obj[token],
                JsonArray arr when int.TryParse(token, out var i) && i < arr.Count => arr[i],
                _ => null,
            };
            if (node is null) return null;
        }
        return node;
    }

    private LoadedSpec Load()
    {
        var path = SpecPath;
        var text = File.ReadAllText(path);
        var document = (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? JsonNode.Parse(text) : YamlToJson.Convert(text))
            ?? throw new InvalidDataException(path + " is empty");
        OpenApiSchemaNormalizer.Normalize(document);
        if (_relaxResponseFields) ResponseFieldRelaxer.Relax(document["components"]?["schemas"]);
        var options = new EvaluationOptions
        {
            EvaluateAs = SpecVersion.Draft202012,
            OutputFormat = OutputFormat.Hierarchical,
            // Unknown OpenAPI keywords (discriminator, example, x-…) only annotate; skip that work.
            AddAnnotationForUnknownKeywords = false,
        };
        options.SchemaRegistry.Register(_baseUri, new JsonNodeBaseDocument(document, _baseUri));
        return new LoadedSpec(document, options);
    }

    private sealed record LoadedSpec(JsonNode Document, EvaluationOptions Options);
}
