using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace AzureOpenAI.Proxy.Tests.Fuzz;

/// <summary>
/// The fuzz suite's cases: well-formed generated requests, generated requests with one to three mutations, and mutations
/// of the captured Claude Code requests, each for one of the three endpoints.
/// </summary>
public static class FuzzCases
{
    /// <summary>Non-ASCII text goes out as UTF-8, as Claude Code sends it, not as <c>\u</c> escapes; nesting past the parser's limit is a case.</summary>
    private static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 256 };

    /// <summary>Well-formed requests to <c>/v1/messages</c>, streaming or not: the soak's traffic.</summary>
    public static Gen<FuzzCase> WellFormedMessages { get; } =
        Gen.OneOf(FuzzEndpoint.Messages, FuzzEndpoint.Stream).SelectMany(endpoint => WellFormed(endpoint));

    /// <param name="captured">Named request bodies to mutate (the ../shared fixtures); may be empty.</param>
    public static Gen<FuzzCase> Create(IReadOnlyList<(string Name, JsonObject Body)> captured)
    {
        var mutations = Mutation.Gen.Array[1, 3];
        return Gen.Enum<FuzzEndpoint>().SelectMany(endpoint =>
        {
            var generated = RequestGen.Request(endpoint);
            var sources = new List<(int, IGen<FuzzCase>)>
            {
                (2, WellFormed(endpoint)),
                (4, Gen.Select(generated, mutations, (request, changes) => Build(endpoint, "generated", request, changes))),
            };
            if (captured.Count > 0)
                sources.Add((3, Gen.Select(Gen.Int[0, captured.Count - 1], mutations, (index, changes) =>
                    Build(endpoint, captured[index].Name, ForEndpoint(captured[index].Body, endpoint), changes))));
            return Gen.Frequency([.. sources]);
        });
    }

    /// <summary>The <c>body</c> of each captured request file (<c>*.request.json</c>) in <paramref name="directory"/>.</summary>
    public static List<(string Name, JsonObject Body)> LoadCaptured(string directory) =>
        [.. Directory.GetFiles(directory, "*.request.json").Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), JsonNode.Parse(File.ReadAllBytes(path))!["body"]!.AsObject()))];

    private static Gen<FuzzCase> WellFormed(FuzzEndpoint endpoint) =>
        RequestGen.Request(endpoint).Select(request => Build(endpoint, "generated", request, []));

    private static JsonObject ForEndpoint(JsonObject captured, FuzzEndpoint endpoint)
    {
        var body = captured.DeepClone().AsObject();
        body.Remove("stream");
        if (endpoint != FuzzEndpoint.CountTokens) body["stream"] = endpoint == FuzzEndpoint.Stream;
        return body;
    }

    private static FuzzCase Build(FuzzEndpoint endpoint, string source, JsonObject request, Mutation[] changes)
    {
        foreach (var change in changes) change.ApplyTo(request);
        var body = BadText.Substitute(JsonSerializer.SerializeToUtf8Bytes(request, Wire));
        return new FuzzCase(endpoint, changes.Length == 0 ? source : $"{source} + {string.Join(", ", changes.AsEnumerable())}", body);
    }
}
