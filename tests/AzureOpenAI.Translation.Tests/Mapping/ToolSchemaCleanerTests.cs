using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using AzureOpenAI.Translation.Mapping;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Mapping;

public sealed class ToolSchemaCleanerTests
{
    private static string Clean(string? schema)
    {
        var element = schema is null ? default : JsonDocument.Parse(schema).RootElement;
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) ToolSchemaCleaner.WriteParameters(writer, element);
        return JsonNode.Parse(buffer.WrittenSpan)!.ToJsonString();
    }

    [Fact]
    public void MissingSchema_BecomesEmptyObjectSchema() =>
        Assert.Equal("""{"type":"object","properties":{}}""", Clean(null));

    [Fact]
    public void DollarSchema_IsRemovedAndAdditionalPropertiesKept() =>
        Assert.Equal("""{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":false}""",
            Clean("""{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":{"a":{"type":"string"}},"additionalProperties":false}"""));

    [Fact]
    public void RootWithoutTypeOrProperties_GetsThem() =>
        Assert.Equal("""{"type":"object","required":[],"properties":{}}""", Clean("""{"required":[]}"""));

    [Fact]
    public void UnsupportedFormats_AreRemovedInNestedSchemas() =>
        Assert.Equal("""{"type":"object","properties":{"u":{"type":"array","items":{"type":"string"}},"d":{"anyOf":[{"type":"string","format":"date"}]}}}""",
            Clean("""{"type":"object","properties":{"u":{"type":"array","items":{"type":"string","format":"uri"}},"d":{"anyOf":[{"type":"string","format":"date"}]}}}"""));

    [Fact]
    public void PropertiesNamedLikeKeywords_AreKept() =>
        Assert.Equal("""{"type":"object","properties":{"format":{"type":"string"},"$schema":{"type":"string"}}}""",
            Clean("""{"type":"object","properties":{"format":{"type":"string"},"$schema":{"type":"string"}}}"""));

    [Fact]
    public void DefaultsAndEnumsThatLookLikeKeywords_AreCopiedVerbatim() =>
        Assert.Equal("""{"type":"object","properties":{"x":{"default":{"$id":"keep","format":"uri"}}}}""",
            Clean("""{"type":"object","properties":{"x":{"default":{"$id":"keep","format":"uri"}}}}"""));
}
