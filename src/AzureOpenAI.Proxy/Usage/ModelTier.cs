namespace AzureOpenAI.Proxy.Usage;

/// <summary>The tier a requested model routes through (DESIGN.md §2); <see cref="Other"/> for a model name passed as is.</summary>
internal enum ModelTier
{
    Big,
    Middle,
    Small,
    Other,
}

internal static class ModelTiers
{
    /// <summary>The same family-word rule as <c>ModelRouter</c>: opus → big, haiku → small, sonnet or any claude → middle.</summary>
    public static ModelTier Of(string requestedModel) =>
        Has(requestedModel, "opus") ? ModelTier.Big
        : Has(requestedModel, "haiku") ? ModelTier.Small
        : Has(requestedModel, "sonnet") || requestedModel.StartsWith("claude", StringComparison.OrdinalIgnoreCase) ? ModelTier.Middle
        : ModelTier.Other;

    public static string Name(ModelTier tier) => tier switch
    {
        ModelTier.Big => "big",
        ModelTier.Middle => "middle",
        ModelTier.Small => "small",
        _ => "other",
    };

    public static ModelTier Parse(string name) => name switch
    {
        "big" => ModelTier.Big,
        "middle" => ModelTier.Middle,
        "small" => ModelTier.Small,
        _ => ModelTier.Other,
    };

    private static bool Has(string model, string family) => model.Contains(family, StringComparison.OrdinalIgnoreCase);
}
