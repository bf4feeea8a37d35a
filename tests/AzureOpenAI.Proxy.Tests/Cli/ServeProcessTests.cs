using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using AzureOpenAI.Proxy.Tests.Lifecycle;

namespace AzureOpenAI.Proxy.Tests.Cli;

/// <summary>The real <c>azure-openai serve</c> process (<see cref="Sandbox.Command"/>: the JIT build, or the native one).</summary>
public sealed partial class ServeProcessTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly string _directory = Directory.CreateTempSubdirectory("azure-openai-serve-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Process Start(string arguments, params (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo(Sandbox.Command[0], [.. Sandbox.Command.Skip(1), .. arguments.Split(' ')])
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in (string[])["OPENAI_API_KEY", "OPENAI_BASE_URL", "AZURE_API_VERSION", "PROVIDER", "PORT", "HOST", "AZURE_OPENAI_ENV_FILE", "PROXY_AUTH_TOKEN", "LOG_LEVEL"])
            info.Environment.Remove(name);
        foreach (var (name, value) in environment) info.Environment[name] = value;
        return Process.Start(info)!;
    }

    [Theory]
    [InlineData("PORT", "eighty", "azure-openai: PORT (from environment): \"eighty\" is not a whole number")]
    [InlineData("OPENAI_BASE_URL", "res.openai.azure.com", "azure-openai: OPENAI_BASE_URL (from environment): \"res.openai.azure.com\" is not an http(s) URL")]
    [InlineData("PROVIDER", "gemini", "azure-openai: PROVIDER (from environment): unknown provider \"gemini\"")]
    public async Task InvalidSetting_ServeExits2WithOneLineNamingIt(string name, string value, string expectedStart)
    {
        using var process = Start("serve", (name, value));

        var stderr = await process.StandardError.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token).WaitAsync(Bound, Token);

        Assert.Equal(2, process.ExitCode);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith(expectedStart, lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidDotEnvValue_NamesTheFileAsSource()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, ".env"), "# settings\nexport REQUEST_TIMEOUT='soon'\n", Token);
        using var process = Start("serve");

        var stderr = await process.StandardError.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token).WaitAsync(Bound, Token);

        Assert.Equal(2, process.ExitCode);
        Assert.Equal($"azure-openai: REQUEST_TIMEOUT (from .env ({Path.Combine(_directory, ".env")})): \"soon\" is not a whole number", stderr.Trim());
    }

    [Fact]
    public async Task Serve_WithoutProviderSettings_AnswersHealth_AndStopsCleanlyOnSigterm()
    {
        using var process = Start("serve --port 0 --host 127.0.0.1");
        try
        {
            var address = await ReadListeningAddressAsync(process);
            using var http = new HttpClient { BaseAddress = address };

            using var health = await http.GetAsync("/health", Token);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Contains("\"provider\":\"unconfigured\"", await health.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync(Token);
            await process.WaitForExitAsync(Token).WaitAsync(Bound, Token);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Version_PrintsNameAndVersion()
    {
        using var process = Start("version");

        var stdout = await process.StandardOutput.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token).WaitAsync(Bound, Token);

        Assert.Equal(0, process.ExitCode);
        Assert.Matches(@"^azure-openai \d+\.\d+\.\d+", stdout);
    }

    /// <summary>Reads the startup line ("listening on http://127.0.0.1:PORT"), bounded in time.</summary>
    private static async Task<Uri> ReadListeningAddressAsync(Process process)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(Bound);
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            if (ListeningLine().Match(line) is { Success: true } match) return new Uri(match.Groups[1].Value);
        throw new InvalidOperationException("serve exited without a listening line: " + await process.StandardError.ReadToEndAsync(Token));
    }

    [GeneratedRegex(@"listening on (http://[^ ]+)")]
    private static partial Regex ListeningLine();
}
