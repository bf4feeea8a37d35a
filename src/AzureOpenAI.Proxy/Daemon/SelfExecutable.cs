namespace AzureOpenAI.Proxy.Daemon;

/// <summary>How to run this same executable again: the native apphost, or <c>dotnet azure-openai.dll</c>.</summary>
internal static class SelfExecutable
{
    public static IReadOnlyList<string> Command()
    {
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this executable is unknown");
        if (!string.Equals(Path.GetFileNameWithoutExtension(processPath), "dotnet", StringComparison.Ordinal)) return [processPath];
        // Running under the dotnet host: the entry assembly sits next to this code.
        return [processPath, Path.Combine(AppContext.BaseDirectory, typeof(SelfExecutable).Assembly.GetName().Name + ".dll")];
    }
}
