using AzureOpenAI.Proxy.Cli;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Tests.Lifecycle;

namespace AzureOpenAI.Proxy.Tests.Configuration;

/// <summary>Every path that reads Claude Code's settings.json reads a value the same way (<see cref="ClaudeSettingsJson"/>).</summary>
public sealed class ClaudeSettingsReadersTests
{
    // The same options as the plugins.azure-openai block and as Claude Code's stored plugin options.
    private const string Options = """{"proxyPort":8082,"maxTokens":"4096","autoStart":false,"smallModel":"mini","bigModel":null,"middleModel":{"x":1}}""";

    private static readonly Dictionary<string, string> Expected = new()
    {
        [SettingNames.Port] = "8082",
        [SettingNames.MaxTokensLimit] = "4096",
        [CompatibilityKeys.AutoStart] = "false",
        [SettingNames.SmallModel] = "mini",
    };

    [Fact]
    public void NumbersBooleansAndStrings_ReadTheSame_InTheSettingsLayerAndThePluginOptionsFallback()
    {
        using var temp = new TempFolder();
        var environment = WriteUserSettings(temp, "{\"plugins\":{\"azure-openai\":" + Options + "},\"pluginConfigs\":{\"azure-openai@market\":{\"options\":" + Options + "}}}");

        Assert.Equal(Expected, SettingsLayer(environment, temp.Path)!.Values);
        Assert.Equal(Expected, PluginOptionsLayer(environment, temp.Path)!.Values);
    }

    [Fact]
    public void RoutingCheck_ReadsANumberTokenAsItsText()
    {
        using var temp = new TempFolder();
        var environment = WriteUserSettings(temp, """{"env":{"ANTHROPIC_BASE_URL":"http://127.0.0.1:8082","ANTHROPIC_AUTH_TOKEN":12345}}""");

        var check = ClaudeSettingsFile.ForUser(environment.GetValueOrDefault).CheckRouting("http://127.0.0.1:8082", "12345");

        Assert.True(check.RoutesHere, check.Explanation);
    }

    [Theory]
    [InlineData("{ // comment\n \"plugins\": {\"azure-openai\": {\"proxyPort\": 9000}} }")]
    [InlineData("{ \"plugins\": {\"azure-openai\": {\"proxyPort\": 9000}}, }")]
    [InlineData("[1, 2]")]
    [InlineData("{ \"plugins\": [1] }")]
    public void UnreadableOrMisshapenSettings_AreSkippedByEveryReader(string content)
    {
        using var temp = new TempFolder();
        var environment = WriteUserSettings(temp, content);

        Assert.Null(SettingsLayer(environment, temp.Path));
        Assert.Null(PluginOptionsLayer(environment, temp.Path));
    }

    private static Dictionary<string, string> WriteUserSettings(TempFolder temp, string json)
    {
        Directory.CreateDirectory(temp.File(".claude"));
        File.WriteAllText(Path.Combine(temp.File(".claude"), "settings.json"), json);
        return new() { ["HOME"] = temp.Path, ["AZURE_OPENAI_HOME"] = temp.File("home") };
    }

    private static ConfigLayer? SettingsLayer(Dictionary<string, string> environment, string currentDirectory) =>
        ConfigLayers.Standard(environment, currentDirectory).SingleOrDefault(l => l.Source.StartsWith("settings.json", StringComparison.Ordinal));

    private static ConfigLayer? PluginOptionsLayer(Dictionary<string, string> environment, string currentDirectory) =>
        CompatibilityLayers.PluginOptions(PluginOptionsFallback.Apply(new CliEnvironment(environment, currentDirectory, TextWriter.Null, TextWriter.Null)).Variables);
}
