using System.Text;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Tests.Lifecycle;

namespace AzureOpenAI.Proxy.Tests.Pools;

/// <summary>pools.json: the minimal form works as written; mistakes are named with their line and the fix.</summary>
public sealed class PoolsFileTests
{
    private const string Minimal = """
        { "big": [ { "endpoint": "https://east.openai.azure.com", "deployment": "gpt-5-ptu", "apiVersion": "2024-10-21", "apiKey": "key-east-0123456789", "priority": 1, "dataZone": "us" },
                   { "endpoint": "https://west.openai.azure.com", "deployment": "gpt-5", "apiKey": "key-west-0123456789", "priority": 2, "weight": 1, "dataZone": "us" } ],
          "small": [ { "endpoint": "https://east.openai.azure.com", "deployment": "gpt-5-mini", "apiKey": "key-east-0123456789" } ] }
        """;

    [Fact]
    public void TheMinimalForm_ReadsAsWritten()
    {
        var pools = Read(Minimal);

        Assert.Equal(["big", "small"], pools.Tiers.Keys.Order());
        var (ptu, payg) = (pools.Tiers["big"][0], pools.Tiers["big"][1]);
        Assert.Equal(("gpt-5-ptu", 1, "us", "2024-10-21", PoolAuth.Key), (ptu.Deployment, ptu.Priority, ptu.DataZone, ptu.ApiVersion, ptu.Auth));
        Assert.Equal(("gpt-5", 2, 1, (string?)null), (payg.Deployment, payg.Priority, payg.Weight, payg.ApiVersion));
        Assert.Equal((1, 1, (string?)null), (pools.Tiers["small"][0].Priority, pools.Tiers["small"][0].Weight, pools.Tiers["small"][0].DataZone));
        Assert.False(pools.AllowCrossZone);
        Assert.Contains("key-west-0123456789", pools.Secrets());
    }

    [Theory]
    [InlineData("{ \"big\": [\n { \"endpoint\": \"https://a.openai.azure.com\", \"deployment\": \"d\",\n \"priority\": 0 } ] }",
        "line 3: \"priority\" must be a whole number from 1 to 1000 (e.g. \"priority\": 1)")]
    [InlineData("{ \"big\": [\n { \"endpoint\": \"https://a.openai.azure.com\" } ] }", "line 2: the backend has no \"deployment\": add \"deployment\"")]
    [InlineData("{\n \"large\": [] }", "line 2: unknown key \"large\"; the top level holds \"big\", \"middle\", \"small\"")]
    [InlineData("{ \"big\": [\n { \"endpoint\": \"https://a.openai.azure.com\", \"deployment\": \"d\", \"zone\": \"us\" } ] }",
        "line 2: unknown key \"zone\" in a backend; a backend holds endpoint, deployment")]
    [InlineData("{ \"big\": [\n { \"endpoint\": \"ftp://a\", \"deployment\": \"d\" } ] }", "line 2: \"endpoint\": \"ftp://a\" is not an http(s) URL")]
    [InlineData("{ \"big\": [\n { \"endpoint\": \"https://a\" \"deployment\": \"d\" } ] }", "line 2: not valid JSON")]
    [InlineData("{ \"big\": [\n { \"endpoint\": \"https://a.openai.azure.com\", \"deployment\": \"ptu\", \"apiStyle\": \"responses\", \"spilloverDeployment\": \"payg\" } ] }",
        "line 2: Azure has no spillover on the Responses API")]
    [InlineData("{ \"big\": [\n { \"endpoint\": \"https://api.openai.com/v1\", \"deployment\": \"gpt-5\", \"spilloverDeployment\": \"payg\" } ] }",
        "line 2: \"spilloverDeployment\" is Azure's (x-ms-spillover-deployment)")]
    public void Mistakes_NameTheLineAndTheFix(string json, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(json));

        Assert.StartsWith("pools.json " + expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void AFileWithKeys_ReadableByOthers_IsRefused_WithTheChmod()
    {
        using var temp = new TempFolder();
        var home = new DataHome(temp.Path);
        File.WriteAllText(PoolsFile.PathIn(home), Minimal);
        File.SetUnixFileMode(PoolsFile.PathIn(home), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = Assert.Throws<ConfigurationException>(() => PoolsFile.Load(home));
        File.SetUnixFileMode(PoolsFile.PathIn(home), UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, PoolsFile.Load(home)!.Tiers.Count);
    }

    private static PoolsFile Read(string json) => PoolsFileReader.Read(Encoding.UTF8.GetBytes(json), "pools.json");
}
