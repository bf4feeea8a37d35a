namespace AzureOpenAI.Translation.Mapping;

/// <summary>
/// A user or tool-result content part, the same for both APIs: Chat writes <c>text</c>, <c>image_url</c> and
/// <c>file</c>; Responses writes <c>input_text</c>, <c>input_image</c> and <c>input_file</c>.
/// </summary>
internal abstract record ContentPart;

internal sealed record TextPart(string Text) : ContentPart;

/// <summary>An image by http(s) URL or <c>data:</c> URL.</summary>
internal sealed record ImageUrlPart(string Url) : ContentPart;

/// <summary>A file (PDF) whose <paramref name="FileData"/> is a <c>data:</c> URL.</summary>
internal sealed record FilePart(string Filename, string FileData) : ContentPart;
