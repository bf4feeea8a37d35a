using System.Globalization;
using System.Text.Json;
using AzureOpenAI.Translation.Anthropic;
using Microsoft.AspNetCore.Http;

namespace AzureOpenAI.Proxy.Server;

/// <summary><c>GET /v1/models</c> (Anthropic's list shape, paged by <c>limit</c>, <c>after_id</c>, <c>before_id</c>) and <c>GET /v1/models/{id}</c>.</summary>
internal sealed class ModelsEndpoint(ProxyState state)
{
    private const int DefaultLimit = 20;
    private const int MaxLimit = 1000;

    public Task ListAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
            return AnthropicErrors.WriteAsync(context, AnthropicErrorType.InvalidRequest, $"limit: must be an integer from 1 to {MaxLimit}");

        var all = ModelCatalog.List(state);
        var start = 0;
        var end = all.Count;
        if (query["after_id"].ToString() is { Length: > 0 } afterId) start = IndexAfter(all, afterId);
        if (query["before_id"].ToString() is { Length: > 0 } beforeId)
        {
            end = Math.Max(0, FindIndex(all, beforeId));
            start = Math.Max(start, end - limit);
        }
        var page = all.Skip(start).Take(Math.Min(limit, Math.Max(0, end - start))).ToList();
        var hasMore = start + page.Count < end;

        return JsonResponses.WriteAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("data"u8);
            foreach (var entry in page) WriteModel(writer, entry);
            writer.WriteEndArray();
            writer.WriteBoolean("has_more"u8, hasMore);
            WriteIdOrNull(writer, "first_id"u8, page.Count > 0 ? page[0].Id : null);
            WriteIdOrNull(writer, "last_id"u8, page.Count > 0 ? page[^1].Id : null);
            writer.WriteEndObject();
        });
    }

    public Task GetAsync(HttpContext context, string id)
    {
        var entry = ModelCatalog.List(state).FirstOrDefault(e => e.Id == id);
        return entry is null
            ? AnthropicErrors.WriteAsync(context, AnthropicErrorType.NotFound, $"model: {id} is not served by this proxy")
            : JsonResponses.WriteAsync(context, writer => WriteModel(writer, entry));
    }

    private static void WriteModel(Utf8JsonWriter writer, ModelEntry entry)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "model"u8);
        writer.WriteString("id"u8, entry.Id);
        writer.WriteString("display_name"u8, entry.DisplayName);
        writer.WriteString("description"u8, entry.Description); // shown by /model for discovered entries
        writer.WriteString("created_at"u8, ModelCatalog.CreatedAt);
        writer.WriteEndObject();
    }

    private static void WriteIdOrNull(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? id)
    {
        if (id is null) writer.WriteNull(name);
        else writer.WriteString(name, id);
    }

    private static int FindIndex(IReadOnlyList<ModelEntry> all, string id)
    {
        for (var i = 0; i < all.Count; i++)
            if (all[i].Id == id) return i;
        return all.Count;
    }

    private static int IndexAfter(IReadOnlyList<ModelEntry> all, string id) => Math.Min(all.Count, FindIndex(all, id) + 1);
}
