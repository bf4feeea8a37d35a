namespace AzureOpenAI.Proxy.Tests.Launcher;

/// <summary>What <c>azure-openai version --verbose</c> says about the binary that ran: its build (jit or native-aot) and path.</summary>
public sealed record VersionReport(string Build, string Executable)
{
    public static VersionReport Parse(string stdout)
    {
        var fields = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        return new VersionReport(fields["build"], fields["executable"]);
    }
}
