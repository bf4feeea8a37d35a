namespace AzureOpenAI.TestSupport.FakeUpstream;

/// <summary>
/// Azure's per-request spillover, <c>x-ms-spillover-deployment: NAME</c> (FIELD-NOTES §4.5; Microsoft's "Manage traffic
/// with spillover for provisioned deployments"), as documented:
/// <code>
/// the requested deployment is provisioned (PTU)                      else 400
/// NAME is a standard deployment of the same resource (this fake)    else 400
/// NAME serves the same model, at the same data-processing level     else 400 (Global with Global, DataZone with DataZone)
/// Chat Completions only: "not available for the Responses API"      the Responses routes refuse the header, 400
/// </code>
/// The docs state the rules, not the error bodies: these 400s carry the fake's own words, in Azure's shape. A valid
/// header changes what a non-200 answer of the provisioned deployment becomes: the spillover deployment serves the
/// request, and the answer carries <c>x-ms-spillover-from-&lt;deployment&gt;</c>.
/// </summary>
internal static class SpilloverRules
{
    public const string Header = "x-ms-spillover-deployment";

    public static UpstreamError? CheckChat(string? target, FakeDeployment primary, FakeUpstreamOptions options)
    {
        if (target is null) return null;
        if (!primary.Provisioned)
            return Refuse($"The deployment {primary.Name} is not a provisioned deployment; spillover ({Header}) is only available for provisioned deployments.");
        if (!options.Deployments.TryGetValue(target, out var spillover) || spillover.Provisioned)
            return Refuse($"The spillover deployment {target} must be a standard deployment in the same resource as {primary.Name}.");
        if (spillover.Model != primary.Model || spillover.DataProcessing != primary.DataProcessing)
            return Refuse($"The spillover deployment {target} ({spillover.Model}, {spillover.DataProcessing}) must serve the same model at the same data "
                + $"processing level as {primary.Name} ({primary.Model}, {primary.DataProcessing}).");
        return null;
    }

    public static UpstreamError? CheckResponses(string? target) =>
        target is null ? null : Refuse($"Spillover ({Header}) is not available for the Responses API.");

    private static UpstreamError Refuse(string message) => UpstreamError.Azure(400, "InvalidSpilloverDeployment", message);
}
