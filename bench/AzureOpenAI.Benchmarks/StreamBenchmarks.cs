using System.Buffers;
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
        _textChunks = [.. Enumerable.Range(0, 500).Select(i => ChatChunks.Text($"word{i} ")), ChatChunks.Finish("stop"), ChatChunks.Done];
        _toolChunks =
        [
            ChatChunks.Chunk("""{"tool_calls":[{"index":0,"id":"call_abc","type":"function","function":{"name":"Bash","arguments":""}}]}"""),
            ChatChunks.ArgumentFragment("{\"command\":\""),
            .. Enumerable.Range(0, 200).Select(_ => ChatChunks.ArgumentFragment("x")),
            ChatChunks.ArgumentFragment("\"}"),
            ChatChunks.Finish("tool_calls"),
            ChatChunks.Done,
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
}
