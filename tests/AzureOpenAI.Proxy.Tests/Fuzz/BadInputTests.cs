using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AzureOpenAI.Proxy.Tests.Fuzz;

/// <summary>
/// Malformed requests the fuzz suite found answered 5xx: each must be a 400 <c>invalid_request_error</c> whose message
/// starts with the field, on every endpoint that reads a Messages body.
/// </summary>
public class BadInputTests(ProxyBehindFakeUpstream proxy) : IClassFixture<ProxyBehindFakeUpstream>
{
    private const string Hi = """[{"role":"user","content":"hi"}]""";

    /// <summary>Name → (the fields after <c>model</c> and <c>max_tokens</c>, the field the error names). <c>\xFF</c> is the raw byte 0xFF.</summary>
    private static readonly Dictionary<string, (string Fields, string Field)> Bodies = new()
    {
        ["invalid UTF-8 in string content"] = ("""
            "messages":[{"role":"user","content":"hi \xFF there"}]
            """, "messages.0.content"),
        ["invalid UTF-8 in a text block"] = ("""
            "messages":[{"role":"user","content":[{"type":"text","text":"\xFF"}]}]
            """, "messages.0.content.0.text"),
        ["invalid UTF-8 in the system prompt"] = ("""
            "system":"\xFF","messages":
            """ + Hi, "system"),
        ["invalid UTF-8 in a schema property name"] = ("""
            "messages":[{"role":"user","content":"hi"}],"tools":[{"name":"t","input_schema":{"type":"object","properties":{"\xFF":{}}}}]
            """, "tools.0.input_schema.properties"),
        ["lone high surrogate escape"] = ("""
            "messages":[{"role":"user","content":[{"type":"text","text":"a\ud800b"}]}]
            """, "messages.0.content.0.text"),
        ["lone low surrogate escape"] = ("""
            "messages":[{"role":"user","content":"\udc00"}]
            """, "messages.0.content"),
        ["null message"] = ("""
            "messages":[null]
            """, "messages.0"),
        ["null tool"] = ("""
            "tools":[null],"messages":
            """ + Hi, "tools.0"),
        ["null content block"] = ("""
            "messages":[{"role":"user","content":[null]}]
            """, "messages.0.content.0"),
        ["null system block"] = ("""
            "system":[null],"messages":
            """ + Hi, "system.0"),
        ["null block in a tool result"] = ("""
            "messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":[null]}]}]
            """, "messages.0.content.0.content.0"),
        ["schema type a number"] = ("""
            "tools":[{"name":"t","input_schema":{"type":5}}],"messages":
            """ + Hi, "tools.0.input_schema.type"),
        ["schema type a boolean"] = ("""
            "tools":[{"name":"t","input_schema":{"type":true}}],"messages":
            """ + Hi, "tools.0.input_schema.type"),
        ["schema type an array"] = ("""
            "tools":[{"name":"t","input_schema":{"type":["object"]}}],"messages":
            """ + Hi, "tools.0.input_schema.type"),
        ["schema type an object"] = ("""
            "tools":[{"name":"t","input_schema":{"type":{}}}],"messages":
            """ + Hi, "tools.0.input_schema.type"),
        ["schema a string"] = ("""
            "tools":[{"name":"t","input_schema":"object"}],"messages":
            """ + Hi, "tools.0.input_schema"),
        // a number the upstream may fail on (the fake answered 1E+308 with a 500)
        ["temperature far out of range"] = ("""
            "temperature":1E+308,"messages":
            """ + Hi, "temperature"),
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in (string[])["messages", "stream", "count_tokens"])
            foreach (var name in Bodies.Keys)
                data.Add(endpoint, name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task MalformedRequest_Is400NamingTheField(string endpoint, string name)
    {
        var (fields, field) = Bodies[name];
        var stream = endpoint == "stream" ? "\"stream\":true," : "";
        using var content = new ByteArrayContent(Encode($$"""{"model":"claude-sonnet-5-5","max_tokens":64,{{stream}}{{fields}}}"""));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await proxy.Http.PostAsync(endpoint == "count_tokens" ? "/v1/messages/count_tokens" : "/v1/messages", content,
            TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.StartsWith(field + ": ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    /// <summary>UTF-8, with each <c>\xFF</c> as the raw byte 0xFF.</summary>
    private static byte[] Encode(string body) =>
        [.. body.Split("\\xFF").Select(Encoding.UTF8.GetBytes).Aggregate((a, b) => [.. a, 0xFF, .. b])];
}
