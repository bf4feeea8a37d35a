using System.Text.Json;
using AzureOpenAI.Translation.Anthropic;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>A shape of a request that <see cref="KnownShapes"/> does not list, by kind and name (a field path, a block or tool type, a beta).</summary>
public readonly record struct UnknownShape(ShapeKind Kind, string Name)
{
    public override string ToString() => $"{KnownShapes.KindName(Kind)} {Name}";
}

/// <summary>
/// Lists what a request holds that the translator does not know (per <see cref="KnownShapes"/>): body fields (top level,
/// <c>thinking</c>, <c>output_config</c>, <c>metadata</c>, <c>tools[]</c>), block types in every role and inside
/// <c>tool_result</c> content, tool types and betas. The proxy logs it at debug; the compatibility check prints it for
/// the requests a new Claude Code release sends.
/// </summary>
public static class ShapeSurvey
{
    public static IReadOnlyList<UnknownShape> Unknowns(MessagesRequest request, string? betaHeader)
    {
        ArgumentNullException.ThrowIfNull(request);
        var found = new SortedSet<UnknownShape>(Comparer<UnknownShape>.Create(static (a, b) =>
            a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : string.CompareOrdinal(a.Name, b.Name)));
        Fields(found, "", request.AdditionalProperties);
        Fields(found, "thinking.", request.Thinking?.AdditionalProperties);
        Fields(found, "output_config.", request.OutputConfig?.AdditionalProperties);
        Fields(found, "metadata.", request.Metadata?.AdditionalProperties);
        foreach (var tool in request.Tools ?? [])
        {
            if (tool is null) continue;
            // A server tool is dropped whole, so only a client tool's fields matter.
            if (tool.IsClientTool) Fields(found, "tools[].", tool.AdditionalProperties);
            if (tool.Type is { } type) Check(found, ShapeKind.Tool, type);
        }
        Blocks(found, request.System);
        foreach (var message in request.Messages ?? [])
            if (message is not null) Blocks(found, message.Content);
        foreach (var beta in (betaHeader ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            Check(found, ShapeKind.Beta, beta);
        return [.. found];
    }

    private static void Fields(SortedSet<UnknownShape> found, string prefix, Dictionary<string, JsonElement>? fields)
    {
        if (fields is null) return;
        foreach (var name in fields.Keys) Check(found, ShapeKind.Field, prefix + name);
    }

    /// <summary>The block types of a content value, and of the content nested in its <c>tool_result</c> blocks.</summary>
    private static void Blocks(SortedSet<UnknownShape> found, JsonElement content)
    {
        if (content.ValueKind != JsonValueKind.Array) return;
        foreach (var block in content.EnumerateArray())
        {
            if (block.ValueKind != JsonValueKind.Object || !block.TryGetProperty("type"u8, out var type) || type.ValueKind != JsonValueKind.String) continue;
            Check(found, ShapeKind.Block, type.GetString()!);
            if (block.TryGetProperty("content"u8, out var nested)) Blocks(found, nested);
        }
    }

    private static void Check(SortedSet<UnknownShape> found, ShapeKind kind, string name)
    {
        if (!KnownShapes.IsKnown(kind, name)) found.Add(new UnknownShape(kind, name));
    }
}
