using System.Text;
using System.Text.Json;

namespace AzureOpenAI.Benchmarks;

/// <summary>Chat Completions stream chunks and whole answers, as an upstream sends them.</summary>
internal static class ChatChunks
{
    public static readonly byte[] Done = "[DONE]"u8.ToArray();

    public static byte[] Chunk(string delta) => Encoding.UTF8.GetBytes(
        $$"""{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{{delta}},"finish_reason":null}]}""");

    public static byte[] Text(string text) => Chunk("{\"content\":\"" + JsonEncodedText.Encode(text) + "\"}");

    public static byte[] ArgumentFragment(string arguments) =>
        Chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"" + JsonEncodedText.Encode(arguments) + "\"}}]}");

    public static byte[] Finish(string reason) => Encoding.UTF8.GetBytes(
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason
        + "\"}],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":500,\"total_tokens\":600}}");

    /// <summary><paramref name="chunks"/> as an SSE body: <c>data: …</c> and a blank line each.</summary>
    public static byte[] EventStream(IEnumerable<byte[]> chunks)
    {
        using var body = new MemoryStream();
        foreach (var chunk in chunks)
        {
            body.Write("data: "u8);
            body.Write(chunk);
            body.Write("\n\n"u8);
        }
        return body.ToArray();
    }

    public static byte[] WholeAnswer(string text) => Encoding.UTF8.GetBytes(
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
        + JsonEncodedText.Encode(text) + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12000,\"completion_tokens\":40,\"total_tokens\":12040}}");
}
