namespace AzureOpenAI.Proxy.Configuration;

/// <summary>Which upstream API a deployment is called through (<c>API_STYLE</c>).</summary>
internal enum ApiStyle
{
    /// <summary>Responses for Responses-only model families, <c>RESPONSES_MODELS</c>, and after an <c>OperationNotSupported</c>; Chat otherwise.</summary>
    Auto,
    Chat,
    Responses,
}
