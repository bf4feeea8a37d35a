using System.Collections.Concurrent;

namespace AzureOpenAI.Translation.Tokens;

/// <summary>
/// Token counts of content units by <see cref="ContentUnitKey"/>, bounded and thread-safe: two generations of at most
/// <c>generationSize</c> entries each. New counts go into the current generation; when it is full it becomes the
/// previous one and the old previous one is dropped. A hit in the previous generation is copied forward, so what a
/// conversation still sends survives and what it stopped sending ages out (an approximate LRU without a lock per hit).
/// </summary>
internal sealed class TokenCountCache(int generationSize)
{
    /// <summary>About 100 long conversations of system blocks, tools and messages; 2 × 8192 entries are under 1 MB.</summary>
    public static TokenCountCache Shared { get; } = new(8192);

    private readonly Lock _turnover = new();
    private Generation _current = new();
    private Generation _previous = new();

    public bool TryGet(UInt128 key, out int tokens)
    {
        if (Volatile.Read(ref _current).Counts.TryGetValue(key, out tokens)) return true;
        if (!Volatile.Read(ref _previous).Counts.TryGetValue(key, out tokens)) return false;
        Add(key, tokens);
        return true;
    }

    public void Add(UInt128 key, int tokens)
    {
        var current = Volatile.Read(ref _current);
        if (current.Counts.TryAdd(key, tokens) && Interlocked.Increment(ref current.Size) >= generationSize) TurnOver(current);
    }

    private void TurnOver(Generation full)
    {
        lock (_turnover)
        {
            if (_current != full) return; // another thread turned it over already
            Volatile.Write(ref _previous, full);
            Volatile.Write(ref _current, new Generation());
        }
    }

    private sealed class Generation
    {
        public readonly ConcurrentDictionary<UInt128, int> Counts = new();
        public int Size; // Counts.Count takes every lock of the dictionary; this does not
    }
}
