using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace AzureOpenAI.TestSupport;

/// <summary>
/// Checks the Anthropic stream grammar (PROTOCOL.md §1.6) independently of any golden file: exact framing, data type
/// equal to the event name, message_start first, blocks sequential and never interleaved, deltas matching their block,
/// signature_delta last in a thinking block, tool input that parses to an object, then message_delta and message_stop,
/// or an error event as the very last event.
/// </summary>
public static partial class AnthropicStreamAssert
{
    public static void WellFormed(byte[] sse)
    {
        var text = Encoding.UTF8.GetString(sse);
        Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
        var frames = text[..^2].Split("\n\n");
        var events = new List<(string Name, JsonObject Data)>();
        foreach (var frame in frames)
        {
            var match = FrameRegex().Match(frame);
            Assert.True(match.Success, $"not an `event:`/`data:` frame: {frame}");
            var data = Assert.IsType<JsonObject>(JsonNode.Parse(match.Groups["data"].Value));
            Assert.Equal(match.Groups["event"].Value, (string?)data["type"]);
            events.Add((match.Groups["event"].Value, data));
        }

        var last = events[^1].Name;
        var failed = last == "error";
        if (failed)
        {
            Assert.DoesNotContain(events.SkipLast(1), e => e.Name is "error" or "message_stop");
            events.RemoveAt(events.Count - 1);
            if (events.Count == 0) return;
        }
        else
        {
            Assert.Equal("message_stop", last);
            Assert.Equal("message_delta", events[^2].Name);
        }
        Assert.Equal("message_start", events[0].Name);
        CheckBlocks(events.Skip(1).TakeWhile(e => e.Name is not ("message_delta" or "message_stop")).Where(e => e.Name != "ping").ToList(), failed);
    }

    /// <summary>A stream cut by an error may end inside a block; a completed one may not.</summary>
    private static void CheckBlocks(List<(string Name, JsonObject Data)> events, bool failed)
    {
        var expectedIndex = 0;
        string? openType = null;
        var lastDelta = "";
        var signed = false;
        var toolInput = new StringBuilder();
        foreach (var (name, data) in events)
        {
            switch (name)
            {
                case "content_block_start":
                    Assert.Null(openType);
                    Assert.Equal(expectedIndex, (int)data["index"]!);
                    openType = (string)data["content_block"]!["type"]!;
                    toolInput.Clear();
                    lastDelta = "";
                    signed = false;
                    break;
                case "content_block_delta":
                    Assert.NotNull(openType);
                    Assert.Equal(expectedIndex, (int)data["index"]!);
                    lastDelta = (string)data["delta"]!["type"]!;
                    Assert.Contains(lastDelta, AllowedDeltas(openType));
                    if (lastDelta == "input_json_delta") toolInput.Append((string)data["delta"]!["partial_json"]!);
                    Assert.False(signed && lastDelta == "thinking_delta", "thinking_delta after signature_delta");
                    signed |= lastDelta == "signature_delta";
                    break;
                case "content_block_stop":
                    Assert.Equal(expectedIndex, (int)data["index"]!);
                    if (openType == "thinking") Assert.Equal("signature_delta", lastDelta);
                    if (openType == "tool_use" && toolInput.Length > 0)
                        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(toolInput.ToString()).RootElement.ValueKind);
                    openType = null;
                    expectedIndex++;
                    break;
                default:
                    Assert.Fail($"unexpected event {name} between message_start and message_delta");
                    break;
            }
        }
        if (!failed) Assert.Null(openType);
    }

    private static string[] AllowedDeltas(string? blockType) => blockType switch
    {
        "text" => ["text_delta", "citations_delta"],
        "thinking" => ["thinking_delta", "signature_delta"],
        "tool_use" => ["input_json_delta"],
        _ => [],
    };

    [GeneratedRegex(@"\Aevent: (?<event>[a-z_]+)\ndata: (?<data>[^\n]+)\z")]
    private static partial Regex FrameRegex();
}
