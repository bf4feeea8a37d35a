using AzureOpenAI.Proxy.Configuration;

namespace AzureOpenAI.Proxy.Tests.Configuration;

public sealed class ConfigLayersTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("azure-openai-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void DotEnvInCurrentDirectory_IsReadBelowTheEnvironment()
    {
        File.WriteAllText(Path.Combine(_directory, ".env"), "PORT=9001\nBIG_MODEL=gpt-5\n");

        var config = EffectiveConfig.Merge(ConfigLayers.Standard(new Dictionary<string, string> { ["PORT"] = "9002" }, _directory));

        Assert.Equal("9002", config.Get("PORT"));
        Assert.Equal("gpt-5", config.Get("BIG_MODEL"));
        Assert.Equal($".env ({Path.Combine(_directory, ".env")})", config.Find("BIG_MODEL")!.Source);
    }

    [Fact]
    public void EnvFileVariable_ReplacesTheCurrentDirectoryFile()
    {
        File.WriteAllText(Path.Combine(_directory, ".env"), "BIG_MODEL=from-cwd\n");
        var other = Path.Combine(_directory, "proxy.env");
        File.WriteAllText(other, "BIG_MODEL=from-explicit\n");

        var config = EffectiveConfig.Merge(ConfigLayers.Standard(new Dictionary<string, string> { ["AZURE_OPENAI_ENV_FILE"] = other }, _directory));

        Assert.Equal("from-explicit", config.Get("BIG_MODEL"));
    }

    [Fact]
    public void EnvFileVariable_NamingAMissingFile_IsAnError()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            ConfigLayers.Standard(new Dictionary<string, string> { ["AZURE_OPENAI_ENV_FILE"] = "nope.env" }, _directory));

        Assert.Contains("AZURE_OPENAI_ENV_FILE", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoDotEnv_LeavesDefaultsAndEnvironment()
    {
        var layers = ConfigLayers.Standard(new Dictionary<string, string>(), _directory);

        Assert.Equal(["default", "environment"], layers.Select(l => l.Source));
    }
}
