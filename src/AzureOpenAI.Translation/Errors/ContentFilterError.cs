using System.Text.Json;
using static AzureOpenAI.Translation.Answers.UpstreamJson;
using AzureOpenAI.Translation.Answers;

namespace AzureOpenAI.Translation.Errors;

/// <summary>
/// Azure's prompt filter (PROTOCOL.md §3.3): a 400 with <c>code:"content_filter"</c> and/or
/// <c>innererror.code:"ResponsibleAIPolicyViolation"</c>, naming the categories in
/// <c>innererror.content_filter_result</c>. The spec spells them <c>inner_error</c>/<c>content_filter_results</c>;
/// both are read. The rewritten message says which category fired and where the policy is changed, because
/// Azure's own text ("…triggering Azure OpenAI's content management policy") says neither.
/// </summary>
internal static class ContentFilterError
{
    internal const string PolicyAdvice =
        "If this is a false positive, rephrase the request, or adjust the content filter policy assigned to the deployment " +
        "(Azure AI Foundry portal → Guardrails + controls → Content filters; jailbreak is \"Prompt shields for jailbreak attacks\").";

    /// <summary>True when the error object is a prompt-filter rejection; <paramref name="categories"/> names what fired.</summary>
    public static bool TryRead(JsonElement error, string? code, out IReadOnlyList<string> categories)
    {
        categories = [];
        var inner = Property(error, "innererror"u8);
        if (inner.ValueKind != JsonValueKind.Object) inner = Property(error, "inner_error"u8);
        var innerCode = Property(inner, "code"u8);
        var isFilter = code == "content_filter"
            || (innerCode.ValueKind == JsonValueKind.String && innerCode.ValueEquals("ResponsibleAIPolicyViolation"u8));
        if (!isFilter) return false;
        var results = Property(inner, "content_filter_result"u8);
        if (results.ValueKind != JsonValueKind.Object) results = Property(inner, "content_filter_results"u8);
        categories = FiredCategories(results);
        return true;
    }

    /// <summary>"Azure content filter blocked the prompt (jailbreak detected). …advice… Azure said: …"</summary>
    public static string Message(IReadOnlyList<string> categories, string? upstreamMessage)
    {
        var which = categories.Count > 0 ? $" ({string.Join(", ", categories)})" : "";
        var said = string.IsNullOrEmpty(upstreamMessage) ? "" : $" Azure said: {upstreamMessage}";
        return $"Azure content filter blocked the prompt{which}. {PolicyAdvice}{said}";
    }

    private static List<string> FiredCategories(JsonElement results)
    {
        var fired = new List<string>();
        if (results.ValueKind != JsonValueKind.Object) return fired;
        foreach (var category in results.EnumerateObject())
        {
            if (category.Value.ValueKind != JsonValueKind.Object || !IsTrue(category.Value, "filtered"u8)) continue;
            fired.Add(Describe(category.Name, category.Value));
        }
        return fired;
    }

    /// <summary>Detection categories read "X detected"; severity categories name their severity.</summary>
    private static string Describe(string name, JsonElement result)
    {
        var label = name.Replace('_', ' ');
        if (IsTrue(result, "detected"u8)) return label + " detected";
        var severity = Property(result, "severity"u8);
        return severity.ValueKind == JsonValueKind.String ? $"{label}, severity {severity.GetString()}" : label;
    }

    private static bool IsTrue(JsonElement element, ReadOnlySpan<byte> name) => Property(element, name).ValueKind == JsonValueKind.True;
}
