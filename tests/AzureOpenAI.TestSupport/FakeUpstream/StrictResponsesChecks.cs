using System.Text.Json.Nodes;

namespace AzureOpenAI.TestSupport.FakeUpstream;

/// <summary>The strict fake's Responses body rules without a server, for golden upstream requests.</summary>
public static class StrictResponsesChecks
{
    /// <param name="body">The upstream Responses request body (its <c>model</c> names the deployment).</param>
    /// <param name="model">The model behind the deployment; defaults to the body's <c>model</c>.</param>
    public static UpstreamError? Check(JsonObject body, string? model = null, FakeUpstreamOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        options ??= new FakeUpstreamOptions();
        model ??= body["model"] is JsonValue m && m.TryGetValue<string>(out var name) ? name
            : throw new ArgumentException("the body has no model: pass the deployment's model", nameof(model));
        return StrictResponsesRules.Check(body, new FakeDeployment(model, model, int.MaxValue), options);
    }
}
