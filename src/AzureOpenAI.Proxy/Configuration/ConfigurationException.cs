namespace AzureOpenAI.Proxy.Configuration;

/// <summary>An invalid setting. Its message is one line naming the variable, its source and what is wrong.</summary>
internal sealed class ConfigurationException(string message) : Exception(message)
{
    public static ConfigurationException Invalid(string name, ConfigValue value, string problem) =>
        new($"{name} (from {value.Source}): {problem}");
}
