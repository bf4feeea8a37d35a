using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AzureOpenAI.TestSupport;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.LoadTest;

/// <summary><c>bin/azure-openai serve</c> on a free loopback port, pointed at a fake upstream (Azure v1), request log off.</summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServeProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The process's resident set size now (VmRSS on Linux).</summary>
    public long ResidentBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    public static Task<ServeProcess> StartAsync(FakeUpstreamServer upstream) => StartAsync(upstream.BaseUri, upstream.Options.ApiKey);

    public static async Task<ServeProcess> StartAsync(Uri upstreamBaseUri, string upstreamApiKey)
    {
        var port = FreePort();
        var info = new ProcessStartInfo(Path.Combine(RepositoryPaths.Root, "bin", "azure-openai"), ["serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in (string[])["PROXY_AUTH_TOKEN", "AZURE_API_VERSION", "OPENAI_API_KEY", "OPENAI_BASE_URL"]) info.Environment.Remove(name);
        info.Environment["OPENAI_BASE_URL"] = upstreamBaseUri.ToString();
        info.Environment["OPENAI_API_KEY"] = upstreamApiKey;
        info.Environment["AZURE_API_VERSION"] = "v1";
        info.Environment["MIDDLE_MODEL"] = "gpt-4o";
        info.Environment["LOG_LEVEL"] = "warning";
        var process = Process.Start(info)!;
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);

        var address = new Uri($"http://127.0.0.1:{port}/");
        using var http = new HttpClient { BaseAddress = address };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            try
            {
                using var health = await http.GetAsync("/health");
                if (health.IsSuccessStatusCode) return new ServeProcess(process, address);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200); // the first launch builds the proxy; poll until it answers
            }
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("bin/azure-openai serve did not answer /health within 3 minutes");
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
