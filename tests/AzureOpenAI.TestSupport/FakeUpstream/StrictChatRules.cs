using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AzureOpenAI.TestSupport.Specs;

namespace AzureOpenAI.TestSupport.FakeUpstream;

/// <summary>
/// The body checks of the strict fake, in the order a real service reports them, each with the real wording
/// (PROTOCOL.md §2–3). The first violation wins, as upstream: one error per request.
/// </summary>
internal static partial class StrictChatRules
{
    private const int MaxToolCallIdLength = 40;
    private const int MaxStopSequences = 4;

    /// <summary>Reasoning deployments reject a budget too small to reason in (Claude Code's <c>max_tokens: 1</c> probes).</summary>
    private const int MinReasoningCompletionTokens = 16;
    private static readonly string[] KnownRoles = ["system", "developer", "user", "assistant", "tool", "function"];
    private static readonly string[] SamplingParameters = ["temperature", "top_p"];

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex ToolName();

    public static UpstreamError? Check(JsonObject body, UpstreamDialect dialect, FakeDeployment deployment, string? apiVersion, FakeUpstreamOptions options) =>
        UnknownParameter(body, dialect, apiVersion, options)
        ?? Roles(body)
        ?? FileParts(body, dialect, apiVersion, options)
        ?? Stop(body)
        ?? Tools(body)
        ?? ToolCallIds(body)
        ?? ToolMessages(body)
        ?? ToolCallPairing(body)
        ?? ReasoningModel(body, deployment, options)
        ?? TokenLimit(body, deployment)
        ?? Spec(body, dialect, deployment, options);

    private static UpstreamError? UnknownParameter(JsonObject body, UpstreamDialect dialect, string? apiVersion, FakeUpstreamOptions options)
    {
        var known = options.ValidateAgainstSpecs ? SpecValidator.OpenAI.PropertyNames("CreateChatCompletionRequest") : null;
        foreach (var (name, _) in body)
        {
            var tooNew = dialect == UpstreamDialect.AzureDeployment && apiVersion is not null &&
                options.ParameterMinimumApiVersion.TryGetValue(name, out var minimum) && string.CompareOrdinal(apiVersion, minimum) < 0;
            if (tooNew || (known is not null && !known.Contains(name)))
                return UpstreamError.BadRequest($"Unrecognized request argument supplied: {name}", null, null);
        }
        return null;
    }

    private static UpstreamError? Roles(JsonObject body)
    {
        foreach (var (message, i) in Messages(body))
        {
            var role = Text(message["role"]);
            if (role is null || !KnownRoles.Contains(role))
                return UpstreamError.BadRequest(
                    $"Invalid value: '{role}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.",
                    $"messages[{i}].role", "invalid_value");
        }
        return null;
    }

    /// <summary>Dated Azure api-versions before <see cref="FakeUpstreamOptions.FilePartsMinimumApiVersion"/> know text and image parts only.</summary>
    private static UpstreamError? FileParts(JsonObject body, UpstreamDialect dialect, string? apiVersion, FakeUpstreamOptions options)
    {
        if (dialect != UpstreamDialect.AzureDeployment || apiVersion is null || string.CompareOrdinal(apiVersion, options.FilePartsMinimumApiVersion) >= 0) return null;
        foreach (var (message, i) in Messages(body))
            if (message["content"] is JsonArray parts)
                for (var j = 0; j < parts.Count; j++)
                    if (Text(parts[j]?["type"]) == "file")
                        return UpstreamError.BadRequest("Invalid value: 'file'. Supported values are: 'text' and 'image_url'.",
                            $"messages[{i}].content[{j}].type", "invalid_value");
        return null;
    }

    private static UpstreamError? Stop(JsonObject body) =>
        body["stop"] is JsonArray stop && stop.Count > MaxStopSequences
            ? UpstreamError.BadRequest(
                $"Invalid 'stop': array too long. Expected an array with maximum length {MaxStopSequences}, but got an array with length {stop.Count} instead.",
                "stop", "array_above_max_length")
            : null;

    private static UpstreamError? Tools(JsonObject body)
    {
        if (body["tools"] is JsonArray tools)
            for (var i = 0; i < tools.Count; i++)
            {
                var name = Text(tools[i]?["function"]?["name"]);
                if (ToolNameError(name, $"tools[{i}].function.name") is { } error) return error;
                if (StrictToolSchemaRules.Check(tools[i]?["function"]?["parameters"], name ?? "", $"tools[{i}].function.parameters") is { } schemaError)
                    return schemaError;
            }
        foreach (var (message, i) in Messages(body))
            if (message["tool_calls"] is JsonArray calls)
                for (var j = 0; j < calls.Count; j++)
                    if (ToolNameError(Text(calls[j]?["function"]?["name"]), $"messages[{i}].tool_calls[{j}].function.name") is { } error) return error;
        return null;
    }

    internal static UpstreamError? ToolNameError(string? name, string param)
    {
        if (name is null || ToolName().IsMatch(name)) return null;
        return name.Length > 64
            ? UpstreamError.BadRequest(
                $"Invalid '{param}': string too long. Expected a string with maximum length 64, but got a string with length {name.Length} instead.",
                param, "string_above_max_length")
            : UpstreamError.BadRequest(
                $"Invalid '{param}': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
                param, "invalid_value");
    }

    private static UpstreamError? ToolCallIds(JsonObject body)
    {
        foreach (var (message, i) in Messages(body))
        {
            if (message["tool_calls"] is JsonArray calls)
                for (var j = 0; j < calls.Count; j++)
                    if (IdTooLong(Text(calls[j]?["id"]), $"messages[{i}].tool_calls[{j}].id") is { } error) return error;
            if (IdTooLong(Text(message["tool_call_id"]), $"messages[{i}].tool_call_id") is { } idError) return idError;
        }
        return null;
    }

    private static UpstreamError? IdTooLong(string? id, string param) =>
        id is { Length: > MaxToolCallIdLength }
            ? UpstreamError.BadRequest(
                $"Invalid '{param}': string too long. Expected a string with maximum length {MaxToolCallIdLength}, but got a string with length {id.Length} instead.",
                param, "string_above_max_length")
            : null;

    /// <summary>Tool messages carry text only: a string or text parts.</summary>
    private static UpstreamError? ToolMessages(JsonObject body)
    {
        foreach (var (message, i) in Messages(body))
        {
            if (Text(message["role"]) != "tool" || message["content"] is not JsonArray parts) continue;
            for (var j = 0; j < parts.Count; j++)
                if (Text(parts[j]?["type"]) is var type && type != "text")
                    return UpstreamError.BadRequest($"Invalid value: '{type}'. Supported values are: 'text'.", $"messages[{i}].content[{j}].type", "invalid_value");
        }
        return null;
    }

    /// <summary>Every assistant tool_call is answered by a tool message before the next non-tool message, and every tool message answers one.</summary>
    private static UpstreamError? ToolCallPairing(JsonObject body)
    {
        var pending = new List<string>();
        var answerable = new HashSet<string>(StringComparer.Ordinal);
        var openedAt = -1;
        foreach (var (message, i) in Messages(body))
        {
            var role = Text(message["role"]);
            if (role == "tool")
            {
                var id = Text(message["tool_call_id"]);
                if (id is null || !answerable.Contains(id))
                    return UpstreamError.BadRequest(
                        "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
                        $"messages.[{i}].role", null);
                pending.Remove(id);
                continue;
            }
            if (pending.Count > 0) return Unanswered(pending, openedAt);
            answerable.Clear();
            if (role == "assistant" && message["tool_calls"] is JsonArray calls)
            {
                foreach (var call in calls)
                    if (Text(call?["id"]) is { } id) { pending.Add(id); answerable.Add(id); }
                openedAt = i;
            }
        }
        return pending.Count > 0 ? Unanswered(pending, openedAt) : null;
    }

    private static UpstreamError Unanswered(List<string> ids, int assistantIndex) =>
        UpstreamError.BadRequest(
            "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. " +
            $"The following tool_call_ids did not have response messages: {string.Join(", ", ids)}",
            $"messages.[{assistantIndex}].role", null);

    private static UpstreamError? ReasoningModel(JsonObject body, FakeDeployment deployment, FakeUpstreamOptions options)
    {
        if (!options.IsReasoningModel(deployment.Model)) return null;
        if (body["max_completion_tokens"] is JsonValue budget && budget.TryGetValue<long>(out var tokens) && tokens < MinReasoningCompletionTokens)
            return UpstreamError.BadRequest(
                $"Invalid 'max_completion_tokens': integer below minimum value. Expected a value >= {MinReasoningCompletionTokens}, but got {tokens} instead.",
                "max_completion_tokens", "integer_below_min_value");
        if (body.ContainsKey("max_tokens"))
            return UpstreamError.BadRequest(
                "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
                "max_tokens", "unsupported_parameter");
        foreach (var name in SamplingParameters)
            if (body[name] is JsonValue value && value.TryGetValue<double>(out var number) && number != 1)
                return UpstreamError.BadRequest(
                    $"Unsupported value: '{name}' does not support {number.ToString(CultureInfo.InvariantCulture)} with this model. Only the default (1) value is supported.",
                    name, "unsupported_value");
        return null;
    }

    private static UpstreamError? TokenLimit(JsonObject body, FakeDeployment deployment)
    {
        foreach (var name in (ReadOnlySpan<string>)["max_tokens", "max_completion_tokens"])
            if (body[name] is JsonValue value && value.TryGetValue<long>(out var requested) && requested > deployment.MaxCompletionTokens)
                return UpstreamError.BadRequest(
                    $"{name} is too large: {requested}. This model supports at most {deployment.MaxCompletionTokens} completion tokens, whereas you provided {requested}.",
                    name, "invalid_value");
        return null;
    }

    private static UpstreamError? Spec(JsonObject body, UpstreamDialect dialect, FakeDeployment deployment, FakeUpstreamOptions options)
    {
        if (!options.ValidateAgainstSpecs) return null;
        var errors = SpecValidator.OpenAI.Validate("CreateChatCompletionRequest", WithModel(body, dialect, deployment));
        var source = "OpenAI spec";
        if (errors.Count == 0 && dialect == UpstreamDialect.AzureDeployment)
        {
            errors = SpecValidator.Azure.Validate("createChatCompletionRequest", body);
            source = "Azure 2024-10-21 spec";
        }
        if (errors.Count == 0) return null;
        var first = errors[0];
        var param = ToParam(first.InstancePath);
        return UpstreamError.BadRequest(
            $"Invalid '{param}': {first.Message} ({source}; {errors.Count} schema error(s): {string.Join(" | ", errors.Take(5))})",
            param, "invalid_value");
    }

    /// <summary>On a deployment URL the deployment is the model: the body may omit <c>model</c>, which the OpenAI spec requires.</summary>
    private static JsonObject WithModel(JsonObject body, UpstreamDialect dialect, FakeDeployment deployment)
    {
        if (dialect != UpstreamDialect.AzureDeployment || body.ContainsKey("model")) return body;
        var copy = (JsonObject)body.DeepClone();
        copy["model"] = deployment.Name;
        return copy;
    }

    /// <summary>"/messages/0/content" → "messages[0].content", as OpenAI names params.</summary>
    internal static string ToParam(string pointer)
    {
        var parts = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var param = "";
        foreach (var part in parts)
            param += int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? $"[{part}]" : (param.Length == 0 ? part : "." + part);
        return param.Length == 0 ? "body" : param;
    }

    private static IEnumerable<(JsonObject Message, int Index)> Messages(JsonObject body) =>
        body["messages"] is JsonArray messages
            ? messages.Select((m, i) => (m as JsonObject, i)).Where(p => p.Item1 is not null).Select(p => (p.Item1!, p.i))
            : [];

    internal static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
