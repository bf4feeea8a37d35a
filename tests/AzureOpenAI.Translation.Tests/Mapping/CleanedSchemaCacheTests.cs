using System.Text.Json;
using AzureOpenAI.Translation.Mapping;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Mapping;

public sealed class CleanedSchemaCacheTests
{
    private const string Schema = """{"type":"object","properties":{"path":{"type":"string","format":"uri-reference","description":"a <path> & more"}},"$defs":{}}""";

    private static byte[] Cleaned(JsonElement schema, ToolSchemaDialect dialect) =>
        WireJson.Write((schema, dialect), static (writer, s) => ToolSchemaCleaner.WriteParameters(writer, s.schema, s.dialect));

    [Theory]
    [InlineData(Schema, ToolSchemaDialect.OpenAI)]
    [InlineData(Schema, ToolSchemaDialect.Compatible)]
    [InlineData("""{"oneOf":[{"type":"object"}]}""", ToolSchemaDialect.OpenAI)]
    [InlineData("true", ToolSchemaDialect.OpenAI)]
    public void AHit_IsWhatTheCleanerWrites(string json, ToolSchemaDialect dialect)
    {
        var cache = new CleanedSchemaCache(8);
        using var first = JsonDocument.Parse(json);
        using var again = JsonDocument.Parse(json);
        var miss = cache.Get(first.RootElement, dialect);
        var hit = cache.Get(again.RootElement, dialect);
        Assert.Same(miss, hit);
        Assert.Equal(Cleaned(again.RootElement, dialect), hit);
    }

    [Fact]
    public void AnAbsentSchema_IsTheEmptyObjectSchema() =>
        Assert.Equal("""{"type":"object","properties":{}}"""u8.ToArray(), new CleanedSchemaCache(8).Get(default, ToolSchemaDialect.OpenAI));

    [Fact]
    public void AnotherDialectOrSchema_IsCleanedForItself()
    {
        var cache = new CleanedSchemaCache(8);
        using var schema = JsonDocument.Parse(Schema);
        using var other = JsonDocument.Parse("""{"type":"object","properties":{"n":{"type":"integer"}}}""");
        var openAI = cache.Get(schema.RootElement, ToolSchemaDialect.OpenAI);
        Assert.Equal(Cleaned(schema.RootElement, ToolSchemaDialect.Compatible), cache.Get(schema.RootElement, ToolSchemaDialect.Compatible));
        Assert.Equal(Cleaned(other.RootElement, ToolSchemaDialect.OpenAI), cache.Get(other.RootElement, ToolSchemaDialect.OpenAI));
        Assert.Same(openAI, cache.Get(schema.RootElement, ToolSchemaDialect.OpenAI));
    }

    [Fact]
    public void WhenFull_ItStartsOverAndStillAnswers()
    {
        var cache = new CleanedSchemaCache(1);
        using var a = JsonDocument.Parse(Schema);
        using var b = JsonDocument.Parse("""{"type":"object"}""");
        var first = cache.Get(a.RootElement, ToolSchemaDialect.OpenAI);
        cache.Get(b.RootElement, ToolSchemaDialect.OpenAI);
        var again = cache.Get(a.RootElement, ToolSchemaDialect.OpenAI);
        Assert.NotSame(first, again);
        Assert.Equal(first, again);
    }
}
