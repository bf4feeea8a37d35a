using System.Buffers;
using System.Text;
using System.Text.Json;
using AzureOpenAI.Translation.Mapping;
using AzureOpenAI.Translation.Streaming;
using BenchmarkDotNet.Attributes;

namespace AzureOpenAI.Benchmarks;

/// <summary>Per-chunk cost of the stream translator: a 500-chunk text answer and a tool call in 200 argument fragments.</summary>
[MemoryDiagnoser]
public class StreamBenchmarks
{
    private byte[][] _textChunks = [];
    private byte[][] _toolChunks = [];

    [GlobalSetup]
    public void Setup()
    {
        _textChunks = [.. Enumerable.Range(0, 500).Select(i => Chunk($$"""{"content":"word{{i}} "}""")), Finish("stop"), Done];
        _toolChunks =
        [
            Chunk("""{"tool_calls":[{"index":0,"id":"call_abc","type":"function","function":{"name":"Bash","arguments":""}}]}"""),
            ArgumentFragment("{\"command\":\""),
            .. Enumerable.Range(0, 200).Select(_ => ArgumentFragment("x")),
            ArgumentFragment("\"}"),
            Finish("tool_calls"),
            Done,
        ];
    }

    [Benchmark]
    public long TextAnswer() => Translate(_textChunks);

    [Benchmark]
    public long ToolCall() => Translate(_toolChunks);

    private static long Translate(byte[][] chunks)
    {
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        var translator = new ChatStreamTranslator("msg_bench", "claude-sonnet-5-5", new ToolNameMap(), 100);
        foreach (var chunk in chunks) translator.Process(chunk, output);
        translator.EndOfStream(output);
        return output.WrittenCount;
    }

    private static readonly byte[] Done = "[DONE]"u8.ToArray();

    private static byte[] Chunk(string delta) => Encoding.UTF8.GetBytes(
        $$"""{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{{delta}},"finish_reason":null}]}""");

    private static byte[] ArgumentFragment(string arguments) =>
        Chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"" + JsonEncodedText.Encode(arguments) + "\"}}]}");

    private static byte[] Finish(string reason) => Encoding.UTF8.GetBytes(
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason
        + "\"}],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":500,\"total_tokens\":600}}");
}
