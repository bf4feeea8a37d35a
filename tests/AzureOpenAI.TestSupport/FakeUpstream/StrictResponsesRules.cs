using System.Text.Json.Nodes;
using AzureOpenAI.TestSupport.Specs;
using static AzureOpenAI.TestSupport.FakeUpstream.StrictChatRules;

namespace AzureOpenAI.TestSupport.FakeUpstream;

/// <summary>
/// The body checks of the strict fake's Responses routes (PROTOCOL.md §4.1), in the order the service reports them,
/// with OpenAI's wording. The first violation wins.
/// </summary>
internal static class StrictResponsesRules
{
    private const int MinOutputTokens = 16;
    private const int MaxCallIdLength = 64;

    public static UpstreamError? Check(JsonObject body, FakeDeployment deployment, FakeUpstreamOptions options) =>
        UnknownParameter(body, options)
        ?? MaxOutputTokens(body)
        ?? Tools(body)
        ?? CallIds(body)
        ?? CallPairing(body)
        ?? ModelParameters(body, deployment, options)
        ?? Spec(body, options);

    private static UpstreamError? UnknownParameter(JsonObject body, FakeUpstreamOptions options)
    {
        if (!options.ValidateAgainstSpecs) return null;
        var known = SpecValidator.OpenAI.PropertyNames("CreateResponse");
        foreach (var (name, _) in body)
            if (!known.Contains(name))
                return UpstreamError.BadRequest($"Unknown parameter: '{name}'.", name, "unknown_parameter");
        return null;
    }

    private static UpstreamError? MaxOutputTokens(JsonObject body) =>
        body["max_output_tokens"] is JsonValue value && value.TryGetValue<long>(out var tokens) && tokens < MinOutputTokens
            ? UpstreamError.BadRequest(
                $"Invalid 'max_output_tokens': integer below minimum value. Expected a value >= {MinOutputTokens}, but got {tokens} instead.",
                "max_output_tokens", "integer_below_min_value")
            : null;

    private static UpstreamError? Tools(JsonObject body)
    {
        if (body["tools"] is not JsonArray tools) return null;
        for (var i = 0; i < tools.Count; i++)
        {
            if (Text(tools[i]?["type"]) != "function") continue;
            var name = Text(tools[i]?["name"]);
            if ((ToolNameError(name, $"tools[{i}].name") ?? StrictToolSchemaRules.Check(tools[i]?["parameters"], name ?? "", $"tools[{i}].parameters")) is { } error)
                return error;
        }
        return null;
    }

    private static UpstreamError? CallIds(JsonObject body)
    {
        foreach (var (item, i) in Items(body))
            if (Text(item["call_id"]) is { Length: > MaxCallIdLength } id)
                return UpstreamError.BadRequest(
                    $"Invalid 'input[{i}].call_id': string too long. Expected a string with maximum length {MaxCallIdLength}, but got a string with length {id.Length} instead.",
                    $"input[{i}].call_id", "string_above_max_length");
        return null;
    }

    /// <summary>Every function_call_output answers an earlier function_call, and every function_call is answered.</summary>
    private static UpstreamError? CallPairing(JsonObject body)
    {
        var calls = new List<string>();
        var answered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, _) in Items(body))
        {
            var type = Text(item["type"]);
            var callId = Text(item["call_id"]);
            if (type == "function_call" && callId is not null) calls.Add(callId);
            else if (type == "function_call_output")
            {
                if (callId is null || !calls.Contains(callId))
                    return UpstreamError.BadRequest($"No tool call found for function call output with call_id {callId}.", "input", null);
                answered.Add(callId);
            }
        }
        foreach (var call in calls)
            if (!answered.Contains(call)) return UpstreamError.BadRequest($"No tool output found for function call {call}.", "input", null);
        return null;
    }

    /// <summary>Reasoning parameters only on reasoning models; sampling parameters only on the others.</summary>
    private static UpstreamError? ModelParameters(JsonObject body, FakeDeployment deployment, FakeUpstreamOptions options)
    {
        var isReasoning = options.IsReasoningModel(deployment.Model) || options.IsResponsesOnlyModel(deployment.Model);
        if (!isReasoning && body["reasoning"]?["effort"] is not null)
            return Unsupported("reasoning.effort");
        if (!isReasoning && body["include"] is JsonArray include && include.Any(i => Text(i) == "reasoning.encrypted_content"))
            return UpstreamError.BadRequest("Encrypted content is not supported with this model.", "include", null);
        if (isReasoning)
            foreach (var name in (ReadOnlySpan<string>)["temperature", "top_p"])
                if (body.ContainsKey(name)) return Unsupported(name);
        return null;
    }

    private static UpstreamError Unsupported(string param) =>
        UpstreamError.BadRequest($"Unsupported parameter: '{param}' is not supported with this model.", param, "unsupported_parameter");

    private static UpstreamError? Spec(JsonObject body, FakeUpstreamOptions options)
    {
        if (!options.ValidateAgainstSpecs) return null;
        var errors = SpecValidator.OpenAI.Validate("CreateResponse", body);
        if (errors.Count == 0) return null;
        var param = ToParam(errors[0].InstancePath);
        return UpstreamError.BadRequest(
            $"Invalid '{param}': {errors[0].Message} (OpenAI spec; {errors.Count} schema error(s): {string.Join(" | ", errors.Take(5))})",
            param, "invalid_value");
    }

    private static IEnumerable<(JsonObject Item, int Index)> Items(JsonObject body) =>
        body["input"] is JsonArray input
            ? input.Select((item, i) => (item as JsonObject, i)).Where(p => p.Item1 is not null).Select(p => (p.Item1!, p.i))
            : [];
}
