namespace AzureOpenAI.Translation.Mapping;

/// <summary>A lookup of model-family tables (<see cref="ModelOutputLimits"/>, <see cref="ModelContextWindows"/>) by the longest matching family prefix.</summary>
internal static class FamilyTable
{
    public static int? Find((string Prefix, int Value)[] table, string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        (string Prefix, int Value)? best = null;
        foreach (var entry in table)
            if (ModelFamilies.StartsWithFamily(model, entry.Prefix) && (best is null || entry.Prefix.Length > best.Value.Prefix.Length))
                best = entry;
        return best?.Value;
    }
}
