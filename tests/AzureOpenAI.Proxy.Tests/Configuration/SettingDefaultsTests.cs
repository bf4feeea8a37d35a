using AzureOpenAI.Proxy.Cli;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Tests.Lifecycle;

namespace AzureOpenAI.Proxy.Tests.Configuration;

/// <summary>The defaults <c>config</c> shows (the <c>default</c> layer) are the ones the proxy runs with: one table.</summary>
public sealed class SettingDefaultsTests
{
    [Fact]
    public void DefaultsLayerSetExplicitly_GivesTheSameSettingsAsNothingSet()
    {
        var shown = ConfigLayers.Defaults();

        var nothingSet = Typed(ProxySettings.Load(EffectiveConfig.Merge([])));
        var constructed = Typed(new ProxySettings());
        var setExplicitly = Typed(ProxySettings.Load(EffectiveConfig.Merge([new ConfigLayer(ConfigLayers.EnvironmentSource, shown.Values)])));

        Assert.Equal(nothingSet, constructed);
        Assert.Equal(nothingSet, setExplicitly);
    }

    [Fact]
    public void ConfigShowsEachDefault_WithTheDefaultSource()
    {
        using var temp = new TempFolder();
        var config = EffectiveConfig.Merge(ConfigLayers.Standard(Sandbox(temp), temp.Path));

        Assert.Equal(new ConfigValue("8082", ConfigLayers.DefaultsSource), config.Find(SettingNames.Port));
        Assert.Equal(8082, ProxySettings.Load(config).Port);
        foreach (var name in SettingDefaults.Values.Keys.Where(SettingNames.All.Contains))
            Assert.Equal(ConfigLayers.DefaultsSource, config.Find(name)?.Source);
    }

    [Fact]
    public void AutoStart_DefaultsToOnFromTheDefaultsLayer()
    {
        using var temp = new TempFolder();

        var autoStart = AutoStartSetting.Resolve(new CliContext(new CliEnvironment(Sandbox(temp), temp.Path, TextWriter.Null, TextWriter.Null)));

        Assert.Equal(new AutoStartSetting(true, ConfigLayers.DefaultsSource), autoStart);
    }

    /// <summary>An environment whose home, data home and current directory hold nothing.</summary>
    private static Dictionary<string, string> Sandbox(TempFolder temp) =>
        new() { ["HOME"] = temp.Path, ["AZURE_OPENAI_HOME"] = temp.File("home") };

    private static string Typed(ProxySettings s) =>
        $"{s.Provider} {s.Port} {s.Host} {s.MaxTokensLimit} {s.RequestTimeout} {s.LogLevel} {string.Join(',', s.ReasoningModels)} " +
        $"{s.MaxRetries} {s.ApiStyle} {s.AzureAuth} {string.Join(',', s.ResponsesModels)} {s.Credential}";
}
