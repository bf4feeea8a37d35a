using AzureOpenAI.Proxy.Configuration;
using Spectre.Console;

namespace AzureOpenAI.Proxy.Cli;

/// <summary>
/// Interactive <c>setup</c> (stdin is a terminal): asks for the endpoint, for Azure how to sign in (an API key or
/// Microsoft Entra ID), the key (masked; Enter keeps the current one), the api-version and the three deployments, each validated as it is typed; then applies them and runs a real
/// test call, offering to retry, change the answers, or keep going when it fails; last, it offers the statusline.
/// </summary>
internal sealed class SetupWizard(CliContext context, IAnsiConsole console)
{
    private const string Retry = "Retry the test";
    private const string Change = "Change the answers";
    private const string KeepGoing = "Keep going (finish without a working test)";
    private const string UseKey = "API key";
    private const string UseEntra = "Microsoft Entra ID (az login, managed identity; no key)";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        console.MarkupLine("[bold]azure-openai setup[/]: connects Claude Code to Azure OpenAI or an OpenAI-compatible provider.");
        var applier = new SetupApplier(context);
        var current = context.LoadConfiguration().Config;
        while (true)
        {
            var answers = Ask(current);
            var tested = (await applier.ApplyAsync(answers, cancellationToken).ConfigureAwait(false)).ExitCode;
            while (tested != ExitCodes.Success)
            {
                var choice = console.Prompt(new SelectionPrompt<string>().Title("The setup did not finish cleanly. What now?").AddChoices(Retry, Change, KeepGoing));
                if (choice == Change) break;
                if (choice == KeepGoing) return Finish(applier, tested);
                tested = await applier.TestAsync(cancellationToken).ConfigureAwait(false);
            }
            if (tested == ExitCodes.Success) return Finish(applier, tested);
            current = context.LoadConfiguration().Config;
        }
    }

    /// <summary>The settings are applied (tested or not): offer the statusline, then say how to restart Claude Code.</summary>
    private int Finish(SetupApplier applier, int tested)
    {
        var statusline = OfferStatusline();
        applier.PrintRestartHint();
        return tested != ExitCodes.Success ? tested : statusline;
    }

    /// <summary>
    /// Yes by default when Claude Code shows no statusline (its own cost figure uses Claude prices, so only the proxy's
    /// is right); no by default when it shows the user's, which the question names: only an explicit yes replaces it.
    /// </summary>
    private int OfferStatusline()
    {
        string? current;
        try
        {
            current = context.ClaudeSettings.StatusLine();
        }
        catch (Exception e) when (e is SettingsFileException or IOException)
        {
            console.MarkupLineInterpolated($"[yellow]The statusline was not offered: {e.Message}[/]");
            return ExitCodes.Failure;
        }
        // Setup's own, perhaps from another plugin version's folder: install updates its path.
        if (current is not null && SetupStatusline.IsOurs(current)) return SetupStatusline.Install(context, replace: false);

        const string Question = "Show the proxy's statusline in Claude Code (deployment, cache hit rate, cost in Azure prices)?";
        var yes = current is null
            ? console.Prompt(new ConfirmationPrompt(Question))
            : console.Prompt(new ConfirmationPrompt($"{Question} It replaces yours, [bold]{Markup.Escape(current)}[/] (`setup --remove` puts it back).") { DefaultValue = false });
        return yes ? SetupStatusline.Install(context, replace: current is not null) : ExitCodes.Success;
    }

    private SetupAnswers Ask(EffectiveConfig current)
    {
        var endpoint = console.Prompt(Text("Endpoint URL (e.g. https://<resource>.openai.azure.com)", current.Get(SettingNames.BaseUrl))
            .Validate(value => Check(SettingNames.BaseUrl, value)));

        var azure = SetupAnswers.IsAzure(endpoint, current);
        var auth = azure ? AskAuth(current) : null;
        var key = auth == "entra" ? null : AskKey(current);

        string? apiVersion = null;
        if (azure)
            apiVersion = console.Prompt(Text("API version", current.Get(SettingNames.AzureApiVersion) ?? ProxySettings.AzureV1)
                .Validate(value => Check(SettingNames.AzureApiVersion, value)));

        var big = console.Prompt(Text("Deployment for opus requests (BIG_MODEL)", current.Get(SettingNames.BigModel)));
        var middle = console.Prompt(Text("Deployment for sonnet requests (MIDDLE_MODEL)", current.Get(SettingNames.MiddleModel) ?? big));
        var small = console.Prompt(Text("Deployment for haiku requests (SMALL_MODEL)", current.Get(SettingNames.SmallModel) ?? middle));
        return new SetupAnswers
        {
            Endpoint = endpoint,
            ApiKey = string.IsNullOrEmpty(key) ? null : key,
            Auth = auth,
            ApiVersion = apiVersion,
            BigModel = big,
            MiddleModel = middle,
            SmallModel = small,
        };
    }

    /// <summary>Azure only: <c>key</c> or <c>entra</c>; what is configured now comes first, so Enter keeps it.</summary>
    private string AskAuth(EffectiveConfig current)
    {
        var entraNow = string.Equals(current.Get(SettingNames.AzureAuth), "entra", StringComparison.OrdinalIgnoreCase)
            || (current.Get(SettingNames.AzureAuth) is null && current.Get(SettingNames.BaseUrl) is not null && current.Get(SettingNames.ApiKey) is null);
        var choice = console.Prompt(new SelectionPrompt<string>().Title("How should the proxy sign in to Azure?")
            .AddChoices(entraNow ? [UseEntra, UseKey] : [UseKey, UseEntra]));
        return choice == UseEntra ? "entra" : "key";
    }

    private string AskKey(EffectiveConfig current)
    {
        var currentKey = current.Get(SettingNames.ApiKey);
        var keyPrompt = new TextPrompt<string>(currentKey is null ? "API key" : $"API key (Enter keeps {SecretMask.Mask(currentKey)})").Secret();
        if (currentKey is not null) keyPrompt.AllowEmpty();
        return console.Prompt(keyPrompt);
    }

    private static TextPrompt<string> Text(string question, string? current)
    {
        var prompt = new TextPrompt<string>(question);
        if (current is not null) prompt.DefaultValue(current);
        return prompt;
    }

    private static ValidationResult Check(string name, string value) =>
        ConfigSnapshot.Validate(name, value, SetupAnswers.SetupSource) is { } problem
            ? ValidationResult.Error(Markup.Escape(problem))
            : ValidationResult.Success();
}
