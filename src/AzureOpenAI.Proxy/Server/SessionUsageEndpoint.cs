using System.Text.Json;
using AzureOpenAI.Proxy.Usage;
using Microsoft.AspNetCore.Http;

namespace AzureOpenAI.Proxy.Server;

/// <summary>
/// <c>GET /azure-openai/session/{id}?model=…</c>, for the statusline: the session's totals in Azure prices, from the
/// recorder's in-memory book (no database query), the deployment that serves <c>model</c>, and the budget's state.
/// Behind the client token like every endpoint; an unknown session answers zeros.
/// </summary>
internal static class SessionUsageEndpoint
{
    public const string Route = "/azure-openai/session/{id}";

    public static Task HandleAsync(HttpContext context, ProxyState state, UsageRecorder recorder)
    {
        var id = context.Request.RouteValues["id"] as string ?? "";
        var usage = recorder.Sessions.Find(id);
        var totals = usage?.Totals ?? UsageTotals.Empty;
        var model = context.Request.Query["model"].ToString();
        var deployment = model.Length > 0 ? state.Router.Route(model) : usage?.LastDeployment;
        var budget = recorder.Budget.Check();
        return JsonResponses.WriteAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteString("session"u8, id);
            json.WriteBoolean("known"u8, usage is not null);
            json.WriteString("deployment"u8, deployment);
            json.WriteNumber("requests"u8, totals.Requests);
            json.WriteNumber("inputTokens"u8, totals.InputTokens);
            json.WriteNumber("cachedTokens"u8, totals.CachedTokens);
            json.WriteNumber("outputTokens"u8, totals.OutputTokens);
            json.WriteNumber("reasoningTokens"u8, totals.ReasoningTokens);
            json.WriteNumber("costUsd"u8, totals.CostUsd);
            json.WriteNumber("unpricedRequests"u8, totals.UnpricedRequests);
            WriteNullable(json, "cacheHitRate", totals.CacheHitRate);
            json.WriteStartObject("budget"u8);
            json.WriteString("level"u8, BudgetLevels.Name(budget.Level));
            json.WriteString("name"u8, budget.Budget);
            json.WriteNumber("share"u8, budget.Share);
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number) json.WriteNumber(name, number);
        else json.WriteNull(name);
    }
}
