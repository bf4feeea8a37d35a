using System.Collections;
using System.Text;
using System.Text.Json;
using AzureOpenAI.Translation.Anthropic;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Anthropic;

/// <summary>The binder gives the serializer's values or declines; it never binds what the serializer would reject.</summary>
public sealed class MessagesRequestBinderTests
{
    public static TheoryData<string> GoldenRequests() =>
        new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Golden"), "anthropic-request.json", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(AppContext.BaseDirectory, path)).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(GoldenRequests))]
    public void GoldenRequest_BindsAsTheSerializerDoes(string path) => AssertBindsAsTheSerializer(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, path)));

    [Theory]
    [InlineData("""{"model":null,"max_tokens":null,"messages":null,"system":null,"metadata":null,"stop_sequences":null,"stream":null,"temperature":null,"top_p":null,"top_k":null,"tools":null,"tool_choice":null,"thinking":null,"output_config":null}""")]
    [InlineData("""{"messages":[null,{"role":"user","content":"hi","extra":1}],"tools":[null,{"name":"t","input_schema":{"type":"object"},"cache_control":{"type":"ephemeral"}}],"stop_sequences":["a",null]}""")]
    [InlineData("""{"mod\u0065l":"claude","temperature":1,"top_p":0.5,"top_k":3,"stream":false,"context_management":{"edits":[]},"service_tier":"auto"}""")]
    [InlineData("""{"tool_choice":{"type":"tool","name":"t","disable_parallel_tool_use":true,"x":1},"thinking":{"type":"enabled","budget_tokens":1024,"display":"summarized","y":[]},"output_config":{"effort":"high","format":{"type":"json_schema"},"z":null},"metadata":{"user_id":"u","w":2}}""")]
    [InlineData("""{}""")]
    public void EdgeShapes_BindAsTheSerializerDoes(string json) => AssertBindsAsTheSerializer(json);

    /// <summary>
    /// A body that sets every field the request types declare, made from their attributes: a field added to the types
    /// but not to the binder would land in the binder's extension data, not in its property, and differ here.
    /// </summary>
    [Fact]
    public void EveryDeclaredField_BindsAsTheSerializerDoes() => AssertBindsAsTheSerializer(SampleJson(typeof(MessagesRequest)));

    private static string SampleJson(Type type)
    {
        if (type == typeof(string)) return "\"v\"";
        if (type == typeof(bool)) return "true";
        if (type == typeof(int)) return "7";
        if (type == typeof(double)) return "0.5";
        if (type == typeof(JsonElement)) return """{"k":[1]}""";
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Nullable<>)) return SampleJson(type.GetGenericArguments()[0]);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>)) return $"[{SampleJson(type.GetGenericArguments()[0])}]";
        var fields = type.GetProperties()
            .Select(property => (Name: property.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonPropertyNameAttribute), false)
                .Cast<System.Text.Json.Serialization.JsonPropertyNameAttribute>().SingleOrDefault()?.Name, property.PropertyType))
            .Where(field => field.Name is not null)
            .Select(field => $"\"{field.Name}\":{SampleJson(field.PropertyType)}");
        return $"{{{string.Join(',', fields)}}}";
    }

    [Theory]
    [InlineData("""{"max_tokens":"5"}""")]
    [InlineData("""{"max_tokens":1.5}""")]
    [InlineData("""{"top_k":3000000000}""")]
    [InlineData("""{"stream":"yes"}""")]
    [InlineData("""{"model":1}""")]
    [InlineData("""{"messages":{}}""")]
    [InlineData("""{"messages":[1]}""")]
    [InlineData("""{"messages":[{"role":2}]}""")]
    [InlineData("""{"tools":[{"name":["t"]}]}""")]
    [InlineData("""{"stop_sequences":[1]}""")]
    [InlineData("""{"thinking":{"budget_tokens":"1"}}""")]
    [InlineData("""{"tool_choice":"auto"}""")]
    [InlineData("""{"model":"a","model":"b"}""")]
    [InlineData("""{"x":1,"x":2}""")]
    [InlineData("""{"$type":"x"}""")]
    [InlineData("""{"SessionId":"s"}""")]
    [InlineData("""[]""")]
    [InlineData("""null""")]
    public void WhatTheSerializerMightJudge_IsDeclined(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Null(MessagesRequestBinder.TryBind(document.RootElement));
    }

    [Theory]
    [InlineData("""{"temperature":1e400}""")]
    [InlineData("""{"temperature":-0.0,"top_p":1E-2}""")]
    [InlineData("""{"max_tokens":1e2}""")]
    [InlineData("""{"max_tokens":1.0}""")]
    [InlineData("""{"max_tokens":-0}""")]
    [InlineData("""{"top_k":2147483648}""")]
    public void NumberEdges_BindAsTheSerializerOrAreDeclined(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (MessagesRequestBinder.TryBind(document.RootElement) is not { } bound) return;
        Assert.Equal(Describe(JsonSerializer.Deserialize(json, AnthropicJsonContext.Default.MessagesRequest)), Describe(bound));
    }

    [Fact]
    public void Elements_PointIntoTheOneDocument()
    {
        var document = JsonDocument.Parse("""{"system":"s","messages":[{"role":"user","content":"hi"}]}""");
        var request = MessagesRequestBinder.TryBind(document.RootElement)!;
        document.Dispose();
        Assert.Throws<ObjectDisposedException>(() => request.Messages![0].Content.GetRawText());
    }

    private static void AssertBindsAsTheSerializer(string json)
    {
        var expected = JsonSerializer.Deserialize(json, AnthropicJsonContext.Default.MessagesRequest);
        using var document = JsonDocument.Parse(json);
        var bound = MessagesRequestBinder.TryBind(document.RootElement);
        Assert.NotNull(bound);
        Assert.Equal(Describe(expected), Describe(bound));
    }

    /// <summary>Every public property, recursively: the serializer cannot write an absent (undefined) JsonElement.</summary>
    private static string Describe(object? value)
    {
        var text = new StringBuilder();
        Append(text, value);
        return text.ToString();
    }

    private static void Append(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null: text.Append("null"); break;
            case JsonElement element: text.Append(element.ValueKind == JsonValueKind.Undefined ? "undefined" : element.GetRawText()); break;
            case string or bool or int or double: text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{value.GetType().Name}:{value}"); break;
            case IDictionary dictionary:
                text.Append('{');
                foreach (DictionaryEntry entry in dictionary) { text.Append(entry.Key).Append('='); Append(text, entry.Value); text.Append(','); }
                text.Append('}');
                break;
            case IEnumerable items:
                text.Append('[');
                foreach (var item in items) { Append(text, item); text.Append(','); }
                text.Append(']');
                break;
            default:
                text.Append(value.GetType().Name).Append('{');
                foreach (var property in value.GetType().GetProperties())
                {
                    text.Append(property.Name).Append('=');
                    Append(text, property.GetValue(value));
                    text.Append(';');
                }
                text.Append('}');
                break;
        }
    }
}
