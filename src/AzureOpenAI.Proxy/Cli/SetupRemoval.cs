using AzureOpenAI.Proxy.Configuration;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// <c>setup --remove</c>: restores Claude Code's settings.json keys that setup wrote (to their earlier values, or
/// removes them), and its statusline, but only those still holding setup's values. config.env and the proxy are
/// left alone.
/// </summary>
internal static class SetupRemoval
{
    public static int Run(CliContext context)
    {
        var file = context.ClaudeSettings;
        var record = ClaudeRoutingRecord.Read(context.Home);
        if (record is null && SetupStatuslineRecord.Read(context.Home) is null)
        {
            context.Out.WriteLine($"nothing to remove: setup has not changed {file.Path} (no {ClaudeRoutingRecord.PathIn(context.Home)})");
            return ExitCodes.Success;
        }
        var snapshot = context.LoadConfiguration();
        try
        {
            SetupStatusline.Remove(context, snapshot.Redactor);
            if (record is null) return ExitCodes.Success;
            var result = file.RemoveRouting(record.Written, record.Previous, snapshot.Redactor, DateTime.Now);
            foreach (var key in result.Restored)
                context.Out.WriteLine(record.Previous.GetValueOrDefault(key) is null ? $"removed env.{key}" : $"restored env.{key} to its value from before setup");
            foreach (var key in result.KeptBecauseChanged)
                context.Out.WriteLine($"kept env.{key}: it was changed after setup, so it is not setup's to remove");
            if (result.BackupPath is not null) context.Out.WriteLine($"backup: {result.BackupPath}");
            if (result.Restored.Count == 0 && result.KeptBecauseChanged.Count == 0) context.Out.WriteLine($"{file.Path} holds nothing setup added");
            ClaudeRoutingRecord.Delete(context.Home);
            context.Out.WriteLine("Restart Claude Code so it stops using the proxy.");
            return ExitCodes.Success;
        }
        catch (SettingsFileException e)
        {
            context.Error.WriteLine(e.Message);
            return ExitCodes.Failure;
        }
    }
}
