namespace AzureOpenAI.Proxy.Configuration;

/// <summary>How a <c>pools.json</c> backend authenticates: <c>api-key</c> (or Bearer off Azure), Entra ID, or no credential.</summary>
internal enum PoolAuth
{
    Key,
    Entra,
    None,
}

/// <summary>One backend of a <c>pools.json</c> tier, as written (validated by <see cref="PoolsFileReader"/>).</summary>
internal sealed record PoolBackend
{
    public required Uri Endpoint { get; init; }
    public required string Deployment { get; init; }

    /// <summary>Null: the settings' <c>AZURE_API_VERSION</c> (v1 on Azure).</summary>
    public string? ApiVersion { get; init; }

    public string? ApiKey { get; init; }
    public PoolAuth Auth { get; init; }

    /// <summary>Null: detected from the endpoint and api-version, as <c>PROVIDER=auto</c>.</summary>
    public ProviderKind? Provider { get; init; }

    /// <summary>Null: the settings' <c>API_STYLE</c>.</summary>
    public ApiStyle? ApiStyle { get; init; }

    /// <summary>1 is served first (PTU), then 2 (PAYG), …</summary>
    public int Priority { get; init; } = 1;

    /// <summary>The share of traffic among backends of the same priority.</summary>
    public int Weight { get; init; } = 1;

    public string? DataZone { get; init; }

    /// <summary>Static headers sent with every request (an APIM subscription key); their values are secrets.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The input window in tokens, when the model family table does not know the deployment.</summary>
    public int? ContextWindow { get; init; }

    /// <summary>The deployment's output cap, when the model family table does not know it.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>The TPM reservation ceiling of this backend (<c>MAX_OUTPUT_RESERVATION</c> otherwise).</summary>
    public int? MaxOutputReservation { get; init; }

    /// <summary>
    /// Azure's spillover: a standard deployment of the same resource that takes this provisioned deployment's overflow,
    /// named in <c>x-ms-spillover-deployment</c> on Chat Completions requests (Azure has no spillover on Responses).
    /// </summary>
    public string? SpilloverDeployment { get; init; }

    /// <summary>The line of the backend's opening brace, for messages about it.</summary>
    public int Line { get; init; }
}
