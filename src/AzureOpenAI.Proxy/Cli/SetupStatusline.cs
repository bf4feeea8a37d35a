using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Daemon;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// <c>setup --statusline</c>: sets Claude Code's <c>statusLine</c> to <c>&lt;launcher&gt; statusline</c> (a plugin
/// cannot set it, FIELD-NOTES §3.4). Backed up and recorded like the routing keys, taken back by
/// <c>setup --remove</c>; a statusline of the user's is replaced only with <c>--replace-statusline</c> (or the
/// wizard's explicit yes).
/// </summary>
internal static class SetupStatusline
{
    public const string ReplaceFlag = "--replace-statusline";

    /// <summary>
    /// Claude Code runs the statusline on its events only, so a "proxy down" read while the hook was still starting the
    /// proxy (or on a machine too busy to answer in the verb's budget) would stay until the next message.
    /// </summary>
    public const int RefreshSeconds = 10;
    private const string Verb = " " + StatuslineCommand.Name;

    public static int Install(CliContext context, bool replace)
    {
        var file = context.ClaudeSettings;
        var command = Command(context.Variables);
        var snapshot = context.LoadConfiguration();
        try
        {
            var merge = file.MergeStatusLine(command, RefreshSeconds, replace, IsOurs, snapshot.Redactor, DateTime.Now);
            switch (merge.Outcome)
            {
                case StatusLineOutcome.KeptTheUsers:
                    context.Error.WriteLine($"setup: {file.Path} already has a statusline ({merge.Previous}); it was kept. " +
                                            $"To show the proxy's instead, run `{ProductInfo.Name} setup --statusline {ReplaceFlag}` " +
                                            $"(`{ProductInfo.Name} setup --remove` puts yours back).");
                    return ExitCodes.Failure;
                case StatusLineOutcome.AlreadyInstalled:
                    context.Out.WriteLine($"{file.Path} already shows the proxy's statusline");
                    return ExitCodes.Success;
            }
            context.Home.EnsureExists();
            var previous = SetupStatuslineRecord.Read(context.Home) is { } earlier ? earlier.PreviousJson : merge.Previous;
            new SetupStatuslineRecord(command, previous).Write(context.Home);
            context.Out.WriteLine($"installed the statusline `{command}` in {file.Path}{(merge.BackupPath is null ? " (new file)" : $" (backup: {merge.BackupPath})")}");
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is SettingsFileException or IOException)
        {
            context.Error.WriteLine($"the statusline was not installed: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>Part of <c>setup --remove</c>: puts back the statusline setup replaced, while setup's is still there.</summary>
    public static void Remove(CliContext context, SecretRedactor redactor)
    {
        if (SetupStatuslineRecord.Read(context.Home) is not { } record) return;
        var backup = context.ClaudeSettings.RemoveStatusLine(record.Command, record.PreviousJson, redactor, DateTime.Now);
        context.Out.WriteLine(backup is null ? "kept statusLine: it is not setup's any more"
            : record.PreviousJson is null ? "removed statusLine" : "restored statusLine to your own");
        SetupStatuslineRecord.Delete(context.Home);
    }

    /// <summary>The launcher the plugin runs (<c>AZURE_OPENAI_LAUNCHER</c>), else this executable, then the verb.</summary>
    public static string Command(IReadOnlyDictionary<string, string> variables)
    {
        IReadOnlyList<string> launcher = variables.GetValueOrDefault("AZURE_OPENAI_LAUNCHER") is { Length: > 0 } path ? [path] : SelfExecutable.Command();
        return string.Join(' ', launcher.Select(ShellQuoted)) + Verb;
    }

    /// <summary>A statusline an earlier setup wrote, perhaps from another plugin version's folder.</summary>
    public static bool IsOurs(string command) =>
        command.EndsWith("azure-openai" + Verb, StringComparison.Ordinal) || command.EndsWith("azure-openai'" + Verb, StringComparison.Ordinal)
        || command.EndsWith("azure-openai.dll" + Verb, StringComparison.Ordinal) || command.EndsWith("azure-openai.dll'" + Verb, StringComparison.Ordinal);

    private static string ShellQuoted(string word) =>
        word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or '+' or ':') ? word : $"'{word.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
