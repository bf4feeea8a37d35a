using System.Globalization;

namespace AzureOpenAI.Proxy.Tests.Entra;

/// <summary>
/// A fake <c>az</c> executable in a folder of its own, to put first on PATH: it records each call (one line with its
/// arguments) and answers <c>az account get-access-token</c> as the real CLI does, or fails as a signed-out CLI does.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FakeAzureCli : IDisposable
{
    private FakeAzureCli(string folder) => Folder = folder;

    /// <summary>The folder holding <c>az</c>: prepend it to PATH.</summary>
    public string Folder { get; }

    private string CallsFile => Path.Combine(Folder, "calls.log");

    /// <summary>Each call's arguments, in order.</summary>
    public IReadOnlyList<string> Calls => File.Exists(CallsFile) ? File.ReadAllLines(CallsFile) : [];

    /// <summary>
    /// Prints the JSON of <c>az account get-access-token --output json</c> (Azure CLI 2.54+): <c>expiresOn</c> in local
    /// time, <c>expires_on</c> as Unix seconds, <paramref name="lifetime"/> from now.
    /// </summary>
    public static FakeAzureCli SignedIn(string accessToken, TimeSpan lifetime) => Create($$"""
        expires=$(( $(date +%s) + {{(int)lifetime.TotalSeconds}} ))
        cat <<JSON
        {
          "accessToken": "{{accessToken}}",
          "expiresOn": "$(date -d "@$expires" '+%Y-%m-%d %H:%M:%S.000000')",
          "expires_on": $expires,
          "subscription": "00000000-0000-0000-0000-000000000001",
          "tenant": "00000000-0000-0000-0000-000000000002",
          "tokenType": "Bearer"
        }
        JSON
        """);

    /// <summary>What the real CLI prints when nobody ran <c>az login</c>.</summary>
    public static FakeAzureCli SignedOut() => Create("""
        echo "ERROR: Please run 'az login' to setup account." >&2
        exit 1
        """);

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static FakeAzureCli Create(string body)
    {
        var cli = new FakeAzureCli(Directory.CreateTempSubdirectory("aoai-fake-az-").FullName);
        var script = Path.Combine(cli.Folder, "az");
        File.WriteAllText(script, string.Create(CultureInfo.InvariantCulture,
            $"#!/bin/sh\necho \"$*\" >> '{cli.CallsFile}'\n{body.ReplaceLineEndings("\n")}\n"));
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return cli;
    }
}
