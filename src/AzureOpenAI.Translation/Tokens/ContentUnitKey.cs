using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text.Json;
using AzureOpenAI.Translation.Anthropic;

namespace AzureOpenAI.Translation.Tokens;

/// <summary>
/// The memo key of a content unit: XxHash128 of its raw JSON bytes as the client sent them, seeded with the encoding,
/// the kind of unit and its role or tool fields, so equal bytes counted for another encoding or role never share a
/// count. Hashing 50 KB costs microseconds; counting it costs milliseconds.
/// </summary>
internal static class ContentUnitKey
{
    private enum Kind : long { Message = 1, MessageOverhead, SystemBlock, Tool }

    public static UInt128 Message(TokenEncoding encoding, string role, JsonElement content) =>
        XxHash128.HashToUInt128(Raw(content), Seed(encoding, Kind.Message, role));

    public static UInt128 MessageOverhead(TokenEncoding encoding, string role) =>
        XxHash128.HashToUInt128([], Seed(encoding, Kind.MessageOverhead, role));

    public static UInt128 SystemBlock(TokenEncoding encoding, JsonElement block) =>
        XxHash128.HashToUInt128(Raw(block), Seed(encoding, Kind.SystemBlock, null));

    /// <summary>A tool's name, description, whether its schema counts, and the schema's bytes.</summary>
    public static UInt128 Tool(TokenEncoding encoding, ToolDefinition tool)
    {
        var seed = Seed(encoding, Kind.Tool, tool.Name);
        seed = (long)XxHash3.HashToUInt64(Chars(tool.Description), seed + (tool.IsClientTool ? 1 : 0));
        return XxHash128.HashToUInt128(Raw(tool.InputSchema), seed);
    }

    /// <summary>The JSON text of <paramref name="element"/>, without a copy; nothing for an absent one.</summary>
    private static ReadOnlySpan<byte> Raw(JsonElement element) =>
        element.ValueKind == JsonValueKind.Undefined ? [] : JsonMarshal.GetRawUtf8Value(element);

    private static long Seed(TokenEncoding encoding, Kind kind, string? text) =>
        (long)XxHash3.HashToUInt64(Chars(text), encoding.Seed + (long)kind);

    private static ReadOnlySpan<byte> Chars(string? text) => MemoryMarshal.AsBytes(text.AsSpan());
}
