using System.Runtime.InteropServices;
using System.Text.Json;

namespace AzureOpenAI.Translation.Anthropic;

/// <summary>
/// Binds a body already parsed into one <see cref="JsonDocument"/> to <see cref="MessagesRequest"/>, its
/// <see cref="JsonElement"/> fields pointing into that document. The serializer gives each such field a document of its
/// own over a copy of its bytes: for a 51.5 KB Claude Code turn that parsed most of the body twice and copied it once more.
/// Only what the serializer binds without complaint is bound here, to the same values; for anything else (a wrong type,
/// a field given twice, an escaped or <c>$</c> name) this declines, and the caller lets the serializer bind the body,
/// so that its error, naming the field and position, is the one reported.
/// </summary>
public static class MessagesRequestBinder
{
    private delegate bool TryRead<T>(JsonElement json, out T? value);

    /// <summary>The request, or null when the serializer must bind (and judge) this body.</summary>
    public static MessagesRequest? TryBind(JsonElement root) => root.ValueKind == JsonValueKind.Object && TryRequest(root, out var request) ? request : null;

    private static bool TryRequest(JsonElement json, out MessagesRequest request)
    {
        request = new MessagesRequest();
        Dictionary<string, JsonElement>? extra = null;
        var seen = 0;
        foreach (var property in json.EnumerateObject())
        {
            var value = property.Value;
            switch (Field(property, ref seen, "model", "max_tokens", "messages", "system", "metadata", "stop_sequences", "stream",
                        "temperature", "top_p", "top_k", "tools", "tool_choice", "thinking", "output_config"))
            {
                case Declined: return false;
                case 0 when TryString(value, out var v): request.Model = v; break;
                case 1 when TryInt(value, out var v): request.MaxTokens = v; break;
                case 2 when TryList<InputMessage>(value, TryMessage, out var v): request.Messages = v; break;
                case 3: request.System = value; break;
                case 4 when TryMetadata(value, out var v): request.Metadata = v; break;
                case 5 when TryList<string>(value, TryString, out var v): request.StopSequences = v; break;
                case 6 when TryBool(value, out var v): request.Stream = v; break;
                case 7 when TryDouble(value, out var v): request.Temperature = v; break;
                case 8 when TryDouble(value, out var v): request.TopP = v; break;
                case 9 when TryInt(value, out var v): request.TopK = v; break;
                case 10 when TryList<ToolDefinition>(value, TryTool, out var v): request.Tools = v; break;
                case 11 when TryToolChoice(value, out var v): request.ToolChoice = v; break;
                case 12 when TryThinking(value, out var v): request.Thinking = v; break;
                case 13 when TryOutputConfig(value, out var v): request.OutputConfig = v; break;
                case Unknown when TryExtra(ref extra, property): break;
                default: return false;
            }
        }
        request.AdditionalProperties = extra;
        return true;
    }

    private static bool TryMessage(JsonElement json, out InputMessage? message)
    {
        if (!TryStart(json, out message)) return false;
        if (message is null) return true;
        var seen = 0;
        foreach (var property in json.EnumerateObject())
        {
            switch (Field(property, ref seen, "role", "content"))
            {
                case 0 when TryString(property.Value, out var v): message.Role = v; break;
                case 1: message.Content = property.Value; break;
                case Unknown: break; // no extension data: the serializer skips it
                default: return false;
            }
        }
        return true;
    }

    private static bool TryMetadata(JsonElement json, out RequestMetadata? metadata)
    {
        if (!TryStart(json, out metadata)) return false;
        if (metadata is null) return true;
        Dictionary<string, JsonElement>? extra = null;
        var seen = 0;
        foreach (var property in json.EnumerateObject())
        {
            switch (Field(property, ref seen, "user_id"))
            {
                case 0 when TryString(property.Value, out var v): metadata.UserId = v; break;
                case Unknown when TryExtra(ref extra, property): break;
                default: return false;
            }
        }
        metadata.AdditionalProperties = extra;
        return true;
    }

    private static bool TryTool(JsonElement json, out ToolDefinition? tool)
    {
        if (!TryStart(json, out tool)) return false;
        if (tool is null) return true;
        Dictionary<string, JsonElement>? extra = null;
        var seen = 0;
        foreach (var property in json.EnumerateObject())
        {
            switch (Field(property, ref seen, "name", "description", "input_schema", "type", "IsClientTool"))
            {
                case 0 when TryString(property.Value, out var v): tool.Name = v; break;
                case 1 when TryString(property.Value, out var v): tool.Description = v; break;
                case 2: tool.InputSchema = property.Value; break;
                case 3 when TryString(property.Value, out var v): tool.Type = v; break;
                case Unknown when TryExtra(ref extra, property): break;
                default: return false; // IsClientTool, an ignored member's name, included
            }
        }
        tool.AdditionalProperties = extra;
        return true;
    }

    private static bool TryToolChoice(JsonElement json, out ToolChoice? choice)
    {
        if (!TryStart(json, out choice)) return false;
        if (choice is null) return true;
        var seen = 0;
        foreach (var property in json.EnumerateObject())
        {
            switch (Field(property, ref seen, "type", "name", "disable_parallel_tool_use"))
            {
                case 0 when TryString(property.Value, out var v): choice.Type = v; break;
                case 1 when TryString(property.Value, out var v): choice.Name = v; break;
                case 2 when TryBool(property.Value, out var v): choice.DisableParallelToolUse = v; break;
                case Unknown: break;
                default: return false;
            }
        }
        return true;
    }

    private static bool TryThinking(JsonElement json, out ThinkingConfig? thinking)
    {
        if (!TryStart(json, out thinking)) return false;
        if (thinking is null) return true;
        Dictionary<string, JsonElement>? extra = null;
        var seen = 0;
        foreach (var property in json.EnumerateObject())
        {
            switch (Field(property, ref seen, "type", "budget_tokens", "display"))
            {
                case 0 when TryString(property.Value, out var v): thinking.Type = v; break;
                case 1 when TryInt(property.Value, out var v): thinking.BudgetTokens = v; break;
                case 2 when TryString(property.Value, out var v): thinking.Display = v; break;
                case Unknown when TryExtra(ref extra, property): break;
                default: return false;
            }
        }
        thinking.AdditionalProperties = extra;
        return true;
    }

    private static bool TryOutputConfig(JsonElement json, out OutputConfig? config)
    {
        if (!TryStart(json, out config)) return false;
        if (config is null) return true;
        Dictionary<string, JsonElement>? extra = null;
        var seen = 0;
        foreach (var property in json.EnumerateObject())
        {
            switch (Field(property, ref seen, "effort", "format"))
            {
                case 0 when TryString(property.Value, out var v): config.Effort = v; break;
                case 1: config.Format = property.Value; break;
                case Unknown when TryExtra(ref extra, property): break;
                default: return false;
            }
        }
        config.AdditionalProperties = extra;
        return true;
    }

    private const int Unknown = -1;
    private const int Declined = -2;

    /// <summary>
    /// The index of the property's name among the names; <see cref="Unknown"/>; or <see cref="Declined"/> for a name given
    /// twice, an escaped name, a <c>$</c> name (metadata to the serializer) or the name of a member the serializer ignores.
    /// </summary>
    private static int Field(JsonProperty property, ref int seen, params ReadOnlySpan<string> names)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.IsEmpty || raw[0] is (byte)'$' or (byte)'\\' || raw.SequenceEqual("SessionId"u8) || raw.SequenceEqual("AgentId"u8)) return Declined;
        for (var i = 0; i < names.Length; i++)
        {
            if (!property.NameEquals(names[i])) continue;
            if ((seen & (1 << i)) != 0) return Declined;
            seen |= 1 << i;
            return i;
        }
        return Unknown;
    }

    /// <summary>An object to fill (a new <typeparamref name="T"/>), null for JSON null, false for anything else.</summary>
    private static bool TryStart<T>(JsonElement json, out T? value) where T : class, new()
    {
        value = json.ValueKind == JsonValueKind.Object ? new T() : null;
        return json.ValueKind is JsonValueKind.Object or JsonValueKind.Null;
    }

    private static bool TryExtra(ref Dictionary<string, JsonElement>? extra, JsonProperty property) =>
        (extra ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal)).TryAdd(property.Name, property.Value);

    private static bool TryList<T>(JsonElement json, TryRead<T> item, out List<T>? list)
    {
        list = null;
        if (json.ValueKind == JsonValueKind.Null) return true;
        if (json.ValueKind != JsonValueKind.Array) return false;
        list = new List<T>(json.GetArrayLength());
        foreach (var element in json.EnumerateArray())
        {
            if (!item(element, out var value)) return false;
            list.Add(value!); // a null item stays, as the serializer keeps it
        }
        return true;
    }

    private static bool TryString(JsonElement json, out string? value)
    {
        value = json.ValueKind == JsonValueKind.String ? json.GetString() : null;
        return json.ValueKind is JsonValueKind.String or JsonValueKind.Null;
    }

    private static bool TryInt(JsonElement json, out int? value)
    {
        value = null;
        if (json.ValueKind == JsonValueKind.Null) return true;
        if (json.ValueKind != JsonValueKind.Number || !json.TryGetInt32(out var number)) return false;
        value = number;
        return true;
    }

    private static bool TryDouble(JsonElement json, out double? value)
    {
        value = null;
        if (json.ValueKind == JsonValueKind.Null) return true;
        if (json.ValueKind != JsonValueKind.Number || !json.TryGetDouble(out var number)) return false;
        value = number;
        return true;
    }

    private static bool TryBool(JsonElement json, out bool? value)
    {
        value = json.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null };
        return json.ValueKind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null;
    }
}
