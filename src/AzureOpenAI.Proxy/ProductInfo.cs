using System.Reflection;

namespace AzureOpenAI.Proxy;

/// <summary>Name and version as shown by <c>version</c>, <c>/health</c> and the startup line.</summary>
internal static class ProductInfo
{
    public const string Name = "azure-openai";

    public static string Version { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var informational = typeof(ProductInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
