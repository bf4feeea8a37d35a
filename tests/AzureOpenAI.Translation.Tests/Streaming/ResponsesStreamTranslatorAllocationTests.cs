using System.Buffers;
using System.Text;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Streaming;

public sealed class ResponsesStreamTranslatorAllocationTests
{
    [Fact]
    public void TextAndArgumentDeltas_DoNotAllocatePerEvent()
    {
        var text = Encoding.UTF8.GetBytes("""{"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Grüße, \"world\"\n","logprobs":[],"obfuscation":"Ab"}""");
        var call = Encoding.UTF8.GetBytes("""{"type":"response.output_item.added","sequence_number":5,"output_index":1,"item":{"id":"fc_1","type":"function_call","status":"in_progress","arguments":"","call_id":"call_1","name":"Bash"}}""");
        var arguments = Encoding.UTF8.GetBytes("""{"type":"response.function_call_arguments.delta","sequence_number":6,"item_id":"fc_1","output_index":1,"delta":"\"abc\","}""");
        var translator = StreamReplay.CreateResponsesTranslator();
        var output = new ArrayBufferWriter<byte>(4 * 1024 * 1024);
        for (var i = 0; i < 10; i++) translator.Process(text, output);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) translator.Process(text, output);
        var textAllocated = GC.GetAllocatedBytesForCurrentThread() - before;

        translator.Process(call, output);
        translator.Process(arguments, output);
        before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) translator.Process(arguments, output);
        var argumentsAllocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(textAllocated < 1024, $"{textAllocated} bytes allocated for 1000 text events");
        Assert.True(argumentsAllocated < 1024, $"{argumentsAllocated} bytes allocated for 1000 argument events");
        Assert.False(translator.Message.IsFinished);
    }
}
