using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AzureOpenAI.Translation.Mapping;
using static AzureOpenAI.Translation.Streaming.JsonSpans;

namespace AzureOpenAI.Translation.Streaming;

// Tool-call fragments: keyed by index (order of appearance when it is missing), first id and name latched, each
// argument fragment forwarded as input_json_delta the moment it arrives. See the class summary for the ordering rules.
internal sealed partial class ChatStreamTranslator
{
    /// <summary>Used when an upstream never names a call; Claude Code then tells the model the tool does not exist.</summary>
    private const string UnnamedTool = "unknown_tool";

    private byte[] _scratch = [];

    /// <summary>One element of <c>delta.tool_calls</c>, with spans into the payload.</summary>
    private ref struct ToolCallFragment
    {
        public int Index;
        public ReadOnlySpan<byte> Id;
        public ReadOnlySpan<byte> Name;

        /// <summary>A JSON string literal (the usual case) or, when <see cref="ArgumentsAreJson"/>, a raw JSON value.</summary>
        public ReadOnlySpan<byte> Arguments;
        public bool ArgumentsAreJson;
    }

    private void ReadToolCalls(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, IBufferWriter<byte> output)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            var fragment = new ToolCallFragment { Index = -1 };
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("index"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var index) && index >= 0) fragment.Index = index;
                    else reader.Skip();
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String) fragment.Id = Utf8Value(ref reader, data);
                    else reader.Skip();
                }
                else if (reader.ValueTextEquals("function"u8)) ReadFunction(ref reader, data, ref fragment);
                else reader.Skip();
            }
            Apply(ref fragment, output);
        }
    }

    /// <summary>The deprecated <c>delta.function_call</c>: a single call with neither index nor id.</summary>
    private void ReadLegacyFunctionCall(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, IBufferWriter<byte> output)
    {
        var fragment = new ToolCallFragment { Index = -1 };
        ReadFunction(ref reader, data, ref fragment);
        Apply(ref fragment, output);
    }

    /// <summary>Reads <c>{name, arguments}</c>; arguments may be a string fragment or, from some servers, a whole JSON object.</summary>
    private static void ReadFunction(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, ref ToolCallFragment fragment)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) fragment.Name = Utf8Value(ref reader, data);
                else reader.Skip();
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) fragment.Arguments = Literal(ref reader, data);
                else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    var start = checked((int)reader.TokenStartIndex);
                    reader.Skip();
                    fragment.Arguments = data[start..checked((int)reader.BytesConsumed)];
                    fragment.ArgumentsAreJson = true;
                }
                else reader.Skip();
            }
            else reader.Skip();
        }
    }

    private void Apply(ref ToolCallFragment fragment, IBufferWriter<byte> output)
    {
        var call = FindOrAddCall(ref fragment);
        if (call.Name is null && !fragment.Name.IsEmpty) call.Name = toolNames.ToAnthropic(Encoding.UTF8.GetString(fragment.Name));
        StartWaitingToolCalls(output, force: false);

        if (!fragment.Arguments.IsEmpty)
        {
            var literal = fragment.ArgumentsAreJson ? QuoteJson(fragment.Arguments) : fragment.Arguments;
            var escaped = literal[1..^1];
            if (escaped.IsEmpty) return;
            if (call == OpenCall)
            {
                call.Arguments.Observe(escaped);
                Message.InputJsonDelta(output, literal);
            }
            else if (!call.HasStarted)
            {
                call.Arguments.Observe(escaped);
                call.Hold(escaped);
            }
            // else: the call's block was closed by text or thinking in between; see the class summary.
        }

        // These arguments may have completed the open call, which lets a held call start.
        StartWaitingToolCalls(output, force: false);
    }

    /// <summary>
    /// The call a fragment belongs to. With an index: the latest call at that index, unless the fragment brings a
    /// different id (a new call reusing the index). Without one: the call with the same id; a fragment with only
    /// arguments continues the latest call; anything else is a new call, keyed by order of appearance.
    /// </summary>
    private StreamedToolCall FindOrAddCall(ref ToolCallFragment fragment)
    {
        StreamedToolCall? existing = null;
        for (var i = _toolCalls.Count - 1; i >= 0 && existing is null; i--)
        {
            var candidate = _toolCalls[i];
            if (fragment.Index >= 0 ? candidate.UpstreamIndex == fragment.Index
                : !fragment.Id.IsEmpty && candidate.UpstreamId is not null && fragment.Id.SequenceEqual(candidate.UpstreamId))
                existing = candidate;
        }
        if (existing is null && fragment.Index < 0 && fragment.Id.IsEmpty && fragment.Name.IsEmpty && _toolCalls.Count > 0)
            existing = _toolCalls[^1];

        var sameCall = existing is not null
            && (fragment.Id.IsEmpty || existing.UpstreamId is null || fragment.Id.SequenceEqual(existing.UpstreamId));
        if (sameCall)
        {
            if (existing!.UpstreamId is null && !fragment.Id.IsEmpty && !existing.HasStarted) existing.UpstreamId = fragment.Id.ToArray();
            return existing;
        }

        var call = new StreamedToolCall(fragment.Index >= 0 ? fragment.Index : _toolCalls.Count, fragment.Id.IsEmpty ? null : fragment.Id.ToArray());
        _toolCalls.Add(call);
        return call;
    }

    /// <summary>
    /// Starts the calls that have appeared but not started, in order, while the open block allows it: a call may start
    /// once it has a name and the open block is not a tool call with incomplete arguments. <paramref name="force"/>
    /// (at the end of the stream) starts them all.
    /// </summary>
    private void StartWaitingToolCalls(IBufferWriter<byte> output, bool force)
    {
        while (_startedCalls < _toolCalls.Count)
        {
            var call = _toolCalls[_startedCalls];
            if (!force && (call.Name is null || OpenCall is { Arguments.IsComplete: false })) return;

            var id = ToolCallIds.ToAnthropic(call.UpstreamId is null ? null : Encoding.UTF8.GetString(call.UpstreamId));
            Message.StartToolUse(output, id, call.Name ?? UnnamedTool);
            call.HasStarted = true;
            _startedCalls++;
            var held = call.TakeHeld();
            if (!held.IsEmpty) Message.InputJsonDelta(output, held);
        }
    }

    /// <summary>Arguments delivered as a JSON value rather than a string: stringified into a JSON string literal.</summary>
    private ReadOnlySpan<byte> QuoteJson(ReadOnlySpan<byte> json)
    {
        var needed = json.Length * 6 + 2;
        if (_scratch.Length < needed) _scratch = new byte[needed];
        _scratch[0] = (byte)'"';
        JavaScriptEncoder.UnsafeRelaxedJsonEscaping.EncodeUtf8(json, _scratch.AsSpan(1), out _, out var written);
        _scratch[written + 1] = (byte)'"';
        return _scratch.AsSpan(0, written + 2);
    }
}
