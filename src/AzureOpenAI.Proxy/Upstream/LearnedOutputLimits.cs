using System.Collections.Concurrent;

namespace AzureOpenAI.Proxy.Upstream;

/// <summary>
/// Per-process memory of completion-token limits the upstream told us about ("supports at most N completion tokens"),
/// by deployment. Azure deployment names are arbitrary (<c>my-gpt4</c>), so a name-based table cannot know them all.
/// </summary>
internal sealed class LearnedOutputLimits
{
    private readonly ConcurrentDictionary<string, int> _limits = new(StringComparer.Ordinal);

    public void Remember(string deployment, int limit) =>
        _limits.AddOrUpdate(deployment, limit, (_, existing) => Math.Min(existing, limit));

    public int? Find(string deployment) => _limits.TryGetValue(deployment, out var limit) ? limit : null;
}
