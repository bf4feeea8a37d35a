using Azure.Core;

namespace AzureOpenAI.Proxy.Tests.Entra;

/// <summary>A TokenCredential that answers each fetch from a script (a token or an exception) and counts fetches.</summary>
internal sealed class ScriptedCredential(Func<int, TokenRequestContext, Task<AccessToken>> fetch) : TokenCredential
{
    private int _fetches;

    public int Fetches => Volatile.Read(ref _fetches);

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        await fetch(Interlocked.Increment(ref _fetches), requestContext);
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
