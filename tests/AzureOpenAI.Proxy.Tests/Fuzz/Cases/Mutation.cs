using System.Text.Json.Nodes;
using CsCheck;

namespace AzureOpenAI.Proxy.Tests.Fuzz;

/// <summary>What a mutation does to the node it lands on.</summary>
public enum MutationKind { WrongType, Remove, Null, NullElement, UnicodeEdge, BadText, Huge }

/// <summary>
/// One change to a request tree: <see cref="Position"/> (per <see cref="Positions"/>) picks the node in document order,
/// so shrinking moves towards the root; <see cref="Kind"/> says what happens to it and <see cref="Variant"/> which value
/// of that kind.
/// </summary>
public sealed record Mutation(int Position, MutationKind Kind, int Variant)
{
    private const int Positions = 10_000;

    public static readonly Gen<Mutation> Gen = CsCheck.Gen.Select(CsCheck.Gen.Int[0, Positions - 1], CsCheck.Gen.Enum<MutationKind>(), CsCheck.Gen.Int[0, 63],
        (position, kind, variant) => new Mutation(position, kind, variant));

    /// <summary>The largest string or array a mutation makes: big enough to cross buffer sizes, small enough for a fast case.</summary>
    private const int HugeLength = 64 * 1024;

    public void ApplyTo(JsonObject root)
    {
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[(int)((long)Position * nodes.Count / Positions)];
        switch (Kind)
        {
            case MutationKind.WrongType: Replace(target, WrongType(Variant)); break;
            case MutationKind.Remove: Remove(target); break;
            case MutationKind.Null: Replace(target, null); break;
            case MutationKind.NullElement: (target as JsonArray ?? target.Parent as JsonArray)?.Insert(0, null); break;
            case MutationKind.UnicodeEdge: Replace(target, JsonValue.Create(UnicodeEdge(Variant))); break;
            case MutationKind.BadText: Replace(target, JsonValue.Create(BadText.Marker(Variant))); break;
            case MutationKind.Huge: Replace(target, Huge(Variant)); break;
        }
    }

    public override string ToString() => $"{Kind}#{Variant}@{Position}";

    /// <summary>Every node but the root, in document order.</summary>
    private static void Collect(JsonNode node, List<JsonNode> into)
    {
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject obj => obj.Select(member => member.Value),
            JsonArray array => array,
            _ => [],
        };
        foreach (var child in children)
        {
            if (child is null) continue;
            into.Add(child);
            Collect(child, into);
        }
    }

    private static void Replace(JsonNode target, JsonNode? value)
    {
        switch (target.Parent)
        {
            case JsonObject obj: obj[target.GetPropertyName()] = value; break;
            case JsonArray array: array[target.GetElementIndex()] = value; break;
        }
    }

    private static void Remove(JsonNode target)
    {
        switch (target.Parent)
        {
            case JsonObject obj: obj.Remove(target.GetPropertyName()); break;
            case JsonArray array: array.RemoveAt(target.GetElementIndex()); break;
        }
    }

    private static JsonNode? WrongType(int variant) => (variant % 9) switch
    {
        0 => JsonValue.Create(0),
        1 => JsonValue.Create(-1),
        2 => JsonValue.Create(1.5),
        3 => JsonValue.Create(true),
        4 => JsonValue.Create("text"),
        5 => new JsonArray(),
        6 => new JsonObject(),
        7 => new JsonArray(JsonValue.Create(1), null, JsonValue.Create("x")),
        _ => new JsonObject { ["type"] = 5 },
    };

    private static string UnicodeEdge(int variant) => (variant % 8) switch
    {
        0 => "",
        1 => "\u0000",
        2 => "😀👍🏽🇫🇷",
        3 => "\u202eRTL override",
        4 => "\ufffe\uffff",
        5 => "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        6 => new string('\u0301', 500),
        _ => "\u2028\u2029\r\n\t",
    };

    private static JsonNode Huge(int variant) => (variant % 5) switch
    {
        0 => JsonValue.Create(new string('x', HugeLength)),
        1 => JsonValue.Create(1e308),
        2 => JsonValue.Create(long.MaxValue),
        3 => new JsonArray([.. Enumerable.Range(0, 2000).Select(i => (JsonNode)JsonValue.Create(i))]),
        _ => Deep(80), // deeper than the parser's limit of 64
    };

    private static JsonNode Deep(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++) node = new JsonArray(node);
        return node;
    }
}
