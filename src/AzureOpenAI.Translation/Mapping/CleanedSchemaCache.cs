using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Cleaned tool schemas (<see cref="ToolSchemaCleaner"/>, written with <see cref="WireJson.WriterOptions"/>) by their raw
/// bytes and dialect. Claude Code sends the same tools every turn, and cleaning them again cost about a third of writing
/// the upstream body of a 51.5 KB turn. A hit is checked byte for byte against the schema it was made from, so a hash
/// collision can only cost a miss. Bounded: when full it starts over, and the tools still in use come back on their
/// next request.
/// </summary>
internal sealed class CleanedSchemaCache(int capacity)
{
    /// <summary>A few hundred tools: Claude Code's own, MCP servers', subagents' sets.</summary>
    public static CleanedSchemaCache Shared { get; } = new(256);

    private sealed record Entry(byte[] Schema, byte[] Cleaned);

    private ConcurrentDictionary<UInt128, Entry> _entries = new();

    public byte[] Get(JsonElement schema, ToolSchemaDialect dialect)
    {
        var raw = schema.ValueKind == JsonValueKind.Undefined ? [] : JsonMarshal.GetRawUtf8Value(schema);
        var key = XxHash128.HashToUInt128(raw, (long)dialect);
        var entries = Volatile.Read(ref _entries);
        if (entries.TryGetValue(key, out var hit) && raw.SequenceEqual(hit.Schema)) return hit.Cleaned;

        var cleaned = WireJson.Write((schema, dialect), static (writer, tool) => ToolSchemaCleaner.WriteParameters(writer, tool.schema, tool.dialect));
        if (entries.Count >= capacity) Volatile.Write(ref _entries, entries = new()); // Count takes every lock: misses only
        entries[key] = new Entry(raw.ToArray(), cleaned);
        return cleaned;
    }
}
