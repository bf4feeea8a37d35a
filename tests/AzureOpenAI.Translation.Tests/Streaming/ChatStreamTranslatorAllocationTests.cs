using System.Buffers;
using System.Text;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Streaming;

public sealed class ChatStreamTranslatorAllocationTests
{
    [Fact]
    public void TextAndArgumentDeltas_DoNotAllocatePerChunk()
    {
        var text = Encoding.UTF8.GetBytes("""{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Grüße, \"world\"\n"},"finish_reason":null}],"usage":null}""");
        var arguments = Encoding.UTF8.GetBytes("""{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"abc\","}}]},"finish_reason":null}]}""");
        var header = Encoding.UTF8.GetBytes("""{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"Bash","arguments":"{\"a\":["}}]}}]}""");
        var translator = StreamReplay.CreateTranslator();
        var output = new ArrayBufferWriter<byte>(4 * 1024 * 1024);
        for (var i = 0; i < 10; i++) translator.Process(text, output);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) translator.Process(text, output);
        var textAllocated = GC.GetAllocatedBytesForCurrentThread() - before;

        translator.Process(header, output);
        translator.Process(arguments, output);
        before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) translator.Process(arguments, output);
        var argumentsAllocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(textAllocated < 1024, $"{textAllocated} bytes allocated for 1000 text chunks");
        Assert.True(argumentsAllocated < 1024, $"{argumentsAllocated} bytes allocated for 1000 argument chunks");
        Assert.False(translator.Message.IsFinished);
    }
}
