namespace AzureOpenAI.Proxy.Tests.Fuzz;

/// <summary>An answer the fuzz oracle does not accept; CsCheck shrinks the case and reports it with its seed.</summary>
public sealed class FuzzViolationException(string message) : Exception(message);
