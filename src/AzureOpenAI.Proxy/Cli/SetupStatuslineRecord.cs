using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Configuration;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// What <c>setup --statusline</c> did to settings.json (<c>claude-statusline.json</c> in the data home, mode 0600): the
/// command it wrote and the statusline it replaced, kept from the first install so <c>setup --remove</c> restores
/// the user's own.
/// </summary>
internal sealed record SetupStatuslineRecord(string Command, string? PreviousJson)
{
    public static string PathIn(DataHome home) => System.IO.Path.Combine(home.Directory, "claude-statusline.json");

    public static SetupStatuslineRecord? Read(DataHome home)
    {
        var root = ClaudeSettingsJson.TryRead(PathIn(home));
        return ClaudeSettingsJson.Text(root?["command"]) is { } command ? new SetupStatuslineRecord(command, ClaudeSettingsJson.Text(root!["previous"])) : null;
    }

    public void Write(DataHome home) =>
        AtomicFile.WriteAllText(PathIn(home), new JsonObject { ["command"] = Command, ["previous"] = PreviousJson }.ToJsonString() + "\n");

    public static void Delete(DataHome home) => File.Delete(PathIn(home));
}
