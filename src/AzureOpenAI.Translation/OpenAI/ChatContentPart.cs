namespace AzureOpenAI.Translation.OpenAI;

/// <summary>A user content part: <c>text</c>, <c>image_url</c> or <c>file</c>.</summary>
internal abstract record ChatContentPart;

internal sealed record TextPart(string Text) : ChatContentPart;

/// <summary><c>{type:"image_url", image_url:{url}}</c>: an http(s) URL or a <c>data:</c> URL.</summary>
internal sealed record ImageUrlPart(string Url) : ChatContentPart;

/// <summary><c>{type:"file", file:{filename, file_data}}</c>, where file_data is a <c>data:</c> URL (PDF).</summary>
internal sealed record FilePart(string Filename, string FileData) : ChatContentPart;
