using System.Globalization;

namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// Where a content block sits in the request, rendered only when an error names it, in Anthropic's dotted style:
/// <c>messages.3.content.1.source</c>, <c>messages.3.content.1.content.0</c>, <c>system.2</c>.
/// </summary>
internal readonly record struct FieldPath(string Root, int Index = -1, int Block = -1, int Inner = -1)
{
    public static FieldPath Message(int index) => new("messages", index);
    public static FieldPath SystemBlock(int block) => new("system", block);

    public FieldPath AtBlock(int block) => this with { Block = block };
    public FieldPath AtInner(int inner) => this with { Inner = inner };

    /// <summary>The path of <paramref name="field"/> under this location, or of the location itself when null.</summary>
    public string Field(string? field = null)
    {
        var path = Root;
        if (Index >= 0) path += "." + Index.ToString(CultureInfo.InvariantCulture);
        if (Block >= 0) path += ".content." + Block.ToString(CultureInfo.InvariantCulture);
        if (Inner >= 0) path += ".content." + Inner.ToString(CultureInfo.InvariantCulture);
        return field is null ? path : path + "." + field;
    }
}
