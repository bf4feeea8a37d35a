using System.Diagnostics;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Usage;

namespace AzureOpenAI.Proxy.Telemetry;

/// <summary>
/// One span per Messages request, named <c>chat {deployment}</c> as the GenAI conventions name a chat call. HttpClient's
/// own <c>System.Net.Http</c> span is its child and carries <c>traceparent</c> upstream.
/// </summary>
internal static class ProxyTracing
{
    public const string SourceName = "AzureOpenAI.Proxy";

    /// <summary>HttpClient's built-in source: one span per upstream attempt.</summary>
    public const string HttpClientSourceName = "System.Net.Http";

    private const string HostingActivity = "Microsoft.AspNetCore.Hosting.HttpRequestIn";

    private static readonly ActivitySource Source = new(SourceName, ProductInfo.Version);

    /// <summary>The request's span, or null when nobody listens.</summary>
    public static Activity? StartChat()
    {
        // ASP.NET Core makes an unexported request Activity whenever logging is on; parenting to it would leave every
        // span with a parent no backend ever sees, so the span takes that Activity's own (remote or no) parent.
        var parent = Activity.Current is { OperationName: HostingActivity, Recorded: false } hosting
            && ActivityContext.TryParse(hosting.ParentId, hosting.TraceStateString, isRemote: true, out var remote) ? remote : default;
        var activity = Source.StartActivity(GenAiTags.Chat, ActivityKind.Client, parent);
        activity?.SetTag(GenAiTags.OperationName, GenAiTags.Chat);
        return activity;
    }

    /// <summary>Names and tags the current request's span from its finished record.</summary>
    public static void Complete(UsageRecord record, ProviderKind? provider)
    {
        if (Activity.Current is not { Source.Name: SourceName, IsAllDataRequested: true } activity) return;
        if (record.Deployment is { } deployment) activity.DisplayName = $"{GenAiTags.Chat} {deployment}";
        foreach (var tag in GenAiTags.Of(record, provider)) activity.SetTag(tag.Key, tag.Value);
        activity.SetTag(GenAiTags.InputTokens, record.InputTokens);
        activity.SetTag(GenAiTags.OutputTokens, record.OutputTokens);
        if (record.ErrorType is { } error) activity.SetStatus(ActivityStatusCode.Error, error);
    }
}
