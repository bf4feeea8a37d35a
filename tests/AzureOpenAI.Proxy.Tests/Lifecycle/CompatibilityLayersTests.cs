using AzureOpenAI.Proxy.Configuration;
using Xunit;

namespace AzureOpenAI.Proxy.Tests.Lifecycle;

/// <summary>DESIGN.md §2 layers 2–5 and their order, through the same <see cref="ConfigLayers.Standard"/> serve uses.</summary>
public sealed class CompatibilityLayersTests
{
    [Fact]
    public void Layers_ApplyLowestToHighest_EachValueNamingItsSource()
    {
        using var folder = new TempFolder();
        var home = Path.Combine(folder.Path, "home");
        var project = Path.Combine(folder.Path, "project");
        var plugin = Path.Combine(folder.Path, "plugin");
        var dataHome = Path.Combine(home, ".config", "azure-openai");
        foreach (var dir in new[] { dataHome, Path.Combine(home, ".claude"), Path.Combine(project, ".claude"), plugin }) Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dataHome, "config.env"), "BIG_MODEL=from-config-env\nMIDDLE_MODEL=from-config-env\nSMALL_MODEL=from-config-env\nPORT=1001\nREQUEST_TIMEOUT=11\n");
        File.WriteAllText(Path.Combine(plugin, ".env"), "MIDDLE_MODEL=from-plugin-env\nSMALL_MODEL=from-plugin-env\nPORT=1002\n");
        File.WriteAllText(Path.Combine(home, ".claude", "settings.json"),
            """{"plugins":{"azure-openai":{"smallModel":"from-user-settings","proxyPort":1003,"maxTokens":4096,"unknownKey":true}}}""");
        File.WriteAllText(Path.Combine(project, ".claude", "settings.json"), """{"plugins":{"azure-openai":{"maxTokens":2048}}}""");
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["CLAUDE_PLUGIN_ROOT"] = plugin,
            ["CLAUDE_PLUGIN_OPTION_REQUESTTIMEOUT"] = "55",
            ["CLAUDE_PLUGIN_OPTION_API_VERSION"] = "2024-10-21",
            ["LOG_LEVEL"] = "debug",
        };

        var config = EffectiveConfig.Merge(ConfigLayers.Standard(environment, project));

        Assert.Equal(new ConfigValue("from-config-env", $"config.env ({Path.Combine(dataHome, "config.env")})"), config.Find("BIG_MODEL"));
        Assert.Equal(new ConfigValue("from-plugin-env", $"plugin .env ({Path.Combine(plugin, ".env")})"), config.Find("MIDDLE_MODEL"));
        var userSettings = Path.Combine(home, ".claude", "settings.json");
        Assert.Equal(new ConfigValue("from-user-settings", $"settings.json plugins.azure-openai ({userSettings})"), config.Find("SMALL_MODEL"));
        Assert.Equal(new ConfigValue("1003", $"settings.json plugins.azure-openai ({userSettings})"), config.Find("PORT"));
        Assert.Equal("2048", config.Get("MAX_TOKENS_LIMIT"));
        Assert.Contains(Path.Combine(project, ".claude", "settings.json"), config.Find("MAX_TOKENS_LIMIT")!.Source, StringComparison.Ordinal);
        Assert.Equal(new ConfigValue("55", "plugin options (CLAUDE_PLUGIN_OPTION_*)"), config.Find("REQUEST_TIMEOUT"));
        Assert.Equal("2024-10-21", config.Get("AZURE_API_VERSION"));
        Assert.Equal(new ConfigValue("debug", ConfigLayers.EnvironmentSource), config.Find("LOG_LEVEL"));
    }

    [Fact]
    public void BrokenLayer_IsReportedWhenProblemsAreCollected_AndThrownOtherwise()
    {
        using var folder = new TempFolder();
        var dataHome = Path.Combine(folder.Path, "data");
        Directory.CreateDirectory(dataHome);
        File.WriteAllText(Path.Combine(dataHome, "config.env"), "oops\n");
        var environment = new Dictionary<string, string> { ["HOME"] = folder.Path, ["AZURE_OPENAI_HOME"] = dataHome, ["PORT"] = "9" };

        var problems = new List<ConfigurationException>();
        var config = EffectiveConfig.Merge(ConfigLayers.Standard(environment, folder.Path, problems));

        Assert.Equal("9", config.Get("PORT"));
        Assert.Contains("line 1: expected NAME=value", Assert.Single(problems).Message, StringComparison.Ordinal);
        Assert.Throws<ConfigurationException>(() => ConfigLayers.Standard(environment, folder.Path));
    }
}
