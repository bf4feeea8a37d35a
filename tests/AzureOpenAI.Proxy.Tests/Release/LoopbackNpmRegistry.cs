using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AzureOpenAI.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AzureOpenAI.Proxy.Tests.Release;

/// <summary>
/// An npm registry on 127.0.0.1 that serves one package tarball: its document (<c>GET /@scope%2fname</c>, with the
/// tarball's integrity) and the tarball. The launcher's npm reaches it through <c>npm_config_registry</c>, exactly as a
/// mirror. The tarball can be held back until <see cref="ReleaseTarball"/>, to show that a caller did not wait for it.
/// </summary>
public sealed class LoopbackNpmRegistry : IAsyncDisposable
{
    private const string TarballPath = "/package.tgz";

    private readonly WebApplication _app;
    private readonly byte[] _tarball;
    private readonly JsonObject _manifest;
    private readonly TaskCompletionSource _tarballGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _tarballRequests;

    private LoopbackNpmRegistry(WebApplication app, string tarball)
    {
        _app = app;
        _tarball = File.ReadAllBytes(tarball);
        _manifest = ReleasePackages.ReadPackageJson(tarball);
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>How many times the tarball was downloaded.</summary>
    public int TarballRequests => Volatile.Read(ref _tarballRequests);

    public static async Task<LoopbackNpmRegistry> StartAsync(string tarball, bool holdTarball, CancellationToken cancellationToken)
    {
        var app = LoopbackApp.CreateBuilder().Build();
        var registry = new LoopbackNpmRegistry(app, tarball);
        if (!holdTarball) registry.ReleaseTarball();
        app.Run(registry.HandleAsync);
        await app.StartAsync(cancellationToken);
        registry.Address = LoopbackApp.BaseAddress(app);
        return registry;
    }

    public void ReleaseTarball() => _tarballGate.TrySetResult();

    private async Task HandleAsync(HttpContext context)
    {
        var path = Uri.UnescapeDataString(context.Request.Path.Value ?? "");
        if (path == TarballPath)
        {
            Interlocked.Increment(ref _tarballRequests);
            await _tarballGate.Task.WaitAsync(context.RequestAborted);
            context.Response.ContentType = "application/octet-stream";
            await context.Response.Body.WriteAsync(_tarball, context.RequestAborted);
            return;
        }
        if (path != $"/{(string)_manifest["name"]!}")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var version = (string)_manifest["version"]!;
        var release = _manifest.DeepClone().AsObject();
        release["dist"] = new JsonObject
        {
            ["tarball"] = new Uri(Address, TarballPath.TrimStart('/')).ToString(),
            ["integrity"] = "sha512-" + Convert.ToBase64String(SHA512.HashData(_tarball)),
        };
        var document = new JsonObject
        {
            ["name"] = _manifest["name"]!.DeepClone(),
            ["dist-tags"] = new JsonObject { ["latest"] = version },
            ["versions"] = new JsonObject { [version] = release },
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(document.ToJsonString(), context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseTarball();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
