using AzureOpenAI.Proxy.Configuration;
using Xunit;

namespace AzureOpenAI.Proxy.Tests.Lifecycle;

/// <summary>
/// <c>setup --add-backend</c> / <c>--remove-backend</c> through the real executable in a temp HOME: pools.json is
/// written atomically with mode 0600 and a backup, is read back by serve's reader, refuses what serve would refuse
/// (leaving the file as it was), and no secret is printed.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SetupBackendsTests
{
    private const string PtuKey = "ptu-key-0123456789abcdef0123456789";
    private const string ApimKey = "apim-subscription-0123456789abcdef";

    [Fact]
    public async Task AddingBackends_WritesAValidPrivateFile_WithABackup_AndPrintsNoSecret()
    {
        await using var sandbox = new Sandbox();

        var ptu = await sandbox.RunAsync(["setup", "--add-backend", "big", "--endpoint", "https://east.openai.azure.com", "--deployment", "gpt-5-ptu",
            "--api-key-stdin", "--api-version", "2024-10-21", "--priority", "1", "--data-zone", "us", "--spillover-deployment", "gpt-5-payg"], PtuKey + "\n");
        var apim = await sandbox.RunAsync(["setup", "--add-backend", "big", "--endpoint", "https://contoso-apim.azure-api.net/team-a", "--deployment", "gpt-5",
            "--auth", "entra", "--header", "Ocp-Apim-Subscription-Key", "--header", "X-Team=alpha", "--priority", "2", "--weight", "3", "--data-zone", "us"],
            ApimKey + "\n");

        Assert.True(ptu.ExitCode == 0, ptu.ToString());
        Assert.True(apim.ExitCode == 0, apim.ToString());
        var path = Path.Combine(sandbox.DataHome, "pools.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var pools = PoolsFile.Load(new DataHome(sandbox.DataHome))!;
        var (first, second) = (pools.Tiers["big"][0], pools.Tiers["big"][1]);
        Assert.Equal(("gpt-5-ptu", PtuKey, PoolAuth.Key, 1, "us", "gpt-5-payg", "2024-10-21"),
            (first.Deployment, first.ApiKey, first.Auth, first.Priority, first.DataZone, first.SpilloverDeployment, first.ApiVersion));
        Assert.Equal(("gpt-5", PoolAuth.Entra, 2, 3), (second.Deployment, second.Auth, second.Priority, second.Weight));
        Assert.Equal([new("Ocp-Apim-Subscription-Key", ApimKey), new("X-Team", "alpha")], second.Headers);
        var backup = Assert.Single(Directory.GetFiles(sandbox.DataHome, "pools.json.bak-*"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backup));
        Assert.Single(PoolsFileReader.Read(File.ReadAllBytes(backup), backup).Tiers["big"]);
        Assert.Contains("added to big: gpt-5 on https://contoso-apim.azure-api.net/team-a", apim.Stdout, StringComparison.Ordinal);
        Assert.Contains("headers Ocp-Apim-Subscription-Key, X-Team (values hidden)", apim.Stdout, StringComparison.Ordinal);
        foreach (var secret in new[] { PtuKey, ApimKey }) Assert.DoesNotContain(secret, ptu.Output + apim.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABackendWithoutSecrets_IsAdded_WithoutReadingStdin()
    {
        await using var sandbox = new Sandbox();

        // stdin stays open, as a terminal's: reading it would wait for an end that never comes.
        var added = await sandbox.RunWithOpenStdinAsync("setup", "--add-backend", "big", "--endpoint", "https://east.openai.azure.com",
            "--deployment", "gpt-5", "--auth", "entra", "--header", "X-Team=alpha");

        Assert.True(added.ExitCode == 0, added.ToString());
        var backend = Assert.Single(PoolsFile.Load(new DataHome(sandbox.DataHome))!.Tiers["big"]);
        Assert.Equal(("gpt-5", PoolAuth.Entra), (backend.Deployment, backend.Auth));
    }

    [Fact]
    public async Task WhatServeWouldRefuse_IsRefusedWithTheReadersWords_AndTheFileIsLeftAsItWas()
    {
        await using var sandbox = new Sandbox();
        var added = await sandbox.RunAsync(["setup", "--add-backend", "small", "--endpoint", "https://east.openai.azure.com", "--deployment", "gpt-5-mini",
            "--api-key-stdin"], PtuKey);
        var path = Path.Combine(sandbox.DataHome, "pools.json");
        var before = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);

        var badPriority = await sandbox.RunAsync(["setup", "--add-backend", "small", "--endpoint", "https://west.openai.azure.com", "--deployment", "gpt-5-mini",
            "--priority", "0"]);
        var selfSpillover = await sandbox.RunAsync(["setup", "--add-backend", "small", "--endpoint", "https://west.openai.azure.com", "--deployment", "gpt-5-mini",
            "--spillover-deployment", "gpt-5-mini"]);
        var duplicate = await sandbox.RunAsync(["setup", "--add-backend", "small", "--endpoint", "https://east.openai.azure.com/", "--deployment", "gpt-5-mini"]);
        var badTier = await sandbox.RunAsync(["setup", "--add-backend", "huge", "--endpoint", "https://west.openai.azure.com", "--deployment", "gpt-5"]);

        Assert.True(added.ExitCode == 0, added.ToString());
        foreach (var run in new[] { badPriority, selfSpillover, duplicate, badTier }) Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("\"priority\" must be a whole number from 1 to 1000", badPriority.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"spilloverDeployment\" must name another deployment than \"gpt-5-mini\"", selfSpillover.Stderr, StringComparison.Ordinal);
        Assert.Contains("small already has gpt-5-mini on https://east.openai.azure.com/", duplicate.Stderr, StringComparison.Ordinal);
        Assert.Contains("unknown key \"huge\"", badTier.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        Assert.Empty(Directory.GetFiles(sandbox.DataHome, "pools.json.bak-*"));
    }

    [Fact]
    public async Task RemovingABackend_NeedsTheEndpointWhenSeveralMatch_AndDropsATierLeftEmpty()
    {
        await using var sandbox = new Sandbox();
        foreach (var endpoint in new[] { "https://east.openai.azure.com", "https://west.openai.azure.com" })
            Assert.Equal(0, (await sandbox.RunAsync(["setup", "--add-backend", "big", "--endpoint", endpoint, "--deployment", "gpt-5", "--auth", "entra"])).ExitCode);
        Assert.Equal(0, (await sandbox.RunAsync(["setup", "--add-backend", "small", "--endpoint", "https://east.openai.azure.com", "--deployment", "gpt-5-mini",
            "--auth", "entra"])).ExitCode);

        var ambiguous = await sandbox.RunAsync("setup", "--remove-backend", "big:gpt-5");
        var west = await sandbox.RunAsync("setup", "--remove-backend", "big:gpt-5", "--endpoint", "https://west.openai.azure.com");
        var small = await sandbox.RunAsync("setup", "--remove-backend", "small:gpt-5-mini");
        var missing = await sandbox.RunAsync("setup", "--remove-backend", "small:gpt-5-mini");

        Assert.True(ambiguous.ExitCode == 2, ambiguous.ToString());
        Assert.Contains("add --endpoint URL to say which to remove", ambiguous.Stderr, StringComparison.Ordinal);
        Assert.True(west.ExitCode == 0, west.ToString());
        Assert.Contains("removed from big: gpt-5 on https://west.openai.azure.com", west.Stdout, StringComparison.Ordinal);
        Assert.True(small.ExitCode == 0, small.ToString());
        Assert.True(missing.ExitCode == 2, missing.ToString());
        var pools = PoolsFile.Load(new DataHome(sandbox.DataHome))!;
        Assert.Equal(["big"], pools.Tiers.Keys);
        Assert.Equal("east.openai.azure.com", Assert.Single(pools.Tiers["big"]).Endpoint.Host);
    }
}
