using System.Text.Json;

namespace AzureOpenAI.Benchmarks;

/// <summary>The larger real Claude Code request (../shared/fixtures), the body only, as the proxy receives it.</summary>
internal static class CapturedRequest
{
    public static byte[] LoadBody()
    {
        var path = Path.Combine(FindRepositoryRoot(), "..", "shared", "fixtures", "claude-code-2.1.328", "tool-result-turn.request.json");
        using var capture = JsonDocument.Parse(File.ReadAllBytes(path));
        return JsonSerializer.SerializeToUtf8Bytes(capture.RootElement.GetProperty("body"));
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AzureOpenAI.slnx"))) return dir.FullName;
        throw new InvalidOperationException("run the benchmarks from inside the repository");
    }
}
