using System.Text.Json.Nodes;

namespace AzureOpenAI.TestSupport.FakeUpstream;

/// <summary>
/// The strict fake's body rules without a server, for golden upstream requests. Token limits are per-deployment
/// configuration (the fake server exercises them), so here the deployment has none; deployment URLs are checked
/// at the newest api-version the options accept.
/// </summary>
public static class StrictChatChecks
{
    /// <param name="body">The upstream request body.</param>
    /// <param name="dialect">The URL style it is sent to; deployment URLs allow a body without <c>model</c>.</param>
    /// <param name="model">The model behind the deployment; defaults to the body's <c>model</c>.</param>
    /// <param name="options">Reasoning prefixes, api-versions; defaults to <see cref="FakeUpstreamOptions"/>'s.</param>
    public static UpstreamError? Check(JsonObject body, UpstreamDialect dialect = UpstreamDialect.OpenAI, string? model = null, FakeUpstreamOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        options ??= new FakeUpstreamOptions();
        model ??= body["model"] is JsonValue m && m.TryGetValue<string>(out var name) ? name
            : throw new ArgumentException("the body has no model: pass the deployment's model", nameof(model));
        var apiVersion = dialect == UpstreamDialect.AzureDeployment ? options.ApiVersions.Max(StringComparer.Ordinal) : null;
        return StrictChatRules.Check(body, dialect, new FakeDeployment(model, model, int.MaxValue), apiVersion, options);
    }
}
