using System.Globalization;
using AzureOpenAI.Translation.Errors;

namespace AzureOpenAI.Proxy.Upstream.Pools;

/// <summary>
/// Which failures move a request to the next backend: a quota answer (429, an APIM quota 403), a 503, or no
/// connection. All happen before any byte reached the client (a started answer is an <see cref="UpstreamSuccess"/>).
/// Everything else (400, 401, 404, timeouts, …) would fail the same way elsewhere, or has waited long enough already.
/// </summary>
internal static class Failover
{
    public static bool MovesOn(UpstreamFailure failure) => failure.Kind switch
    {
        UpstreamFailureKind.ConnectionFailed => true,
        UpstreamFailureKind.HttpStatus => failure.Status == 503 || IsQuota(failure),
        _ => false,
    };

    public static bool IsQuota(UpstreamFailure failure) =>
        failure.Kind == UpstreamFailureKind.HttpStatus && UpstreamErrorMapper.IsQuotaExhausted(failure.Status, failure.Body);

    /// <summary>Why the backend was left, for the log: the status, or <c>connection-failed</c>.</summary>
    public static string Reason(UpstreamFailure failure) =>
        failure.Kind == UpstreamFailureKind.HttpStatus ? failure.Status.ToString(CultureInfo.InvariantCulture) : "connection-failed";

    /// <summary>Cools the backend down for the wait the failure names, if it names one.</summary>
    public static void CoolDown(Backend backend, UpstreamFailure failure, DateTimeOffset now)
    {
        if (BackendCooldown.WaitOf(failure, now) is { } wait) backend.Cooldown.CoolFor(wait);
    }
}
