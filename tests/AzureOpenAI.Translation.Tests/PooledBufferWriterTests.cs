using AzureOpenAI.Translation;
using Xunit;

namespace AzureOpenAI.Translation.Tests;

public sealed class PooledBufferWriterTests
{
    [Fact]
    public void GrowingPastTheRentedArray_KeepsWhatWasWritten()
    {
        using var buffer = new PooledBufferWriter(16);
        var expected = new byte[100_000];
        Random.Shared.NextBytes(expected);
        for (var offset = 0; offset < expected.Length;)
        {
            var chunk = Math.Min(7_001, expected.Length - offset);
            expected.AsSpan(offset, chunk).CopyTo(buffer.GetSpan(chunk));
            buffer.Advance(chunk);
            offset += chunk;
        }
        Assert.True(buffer.WrittenSpan.SequenceEqual(expected));
    }

    [Fact]
    public void GetMemory_WithoutAHint_HasRoomForOneByteMore()
    {
        using var buffer = new PooledBufferWriter(16);
        buffer.Advance(buffer.GetMemory().Length); // full
        Assert.True(buffer.GetMemory().Length >= 1);
    }

    [Fact]
    public void Advance_PastTheEnd_Throws()
    {
        using var buffer = new PooledBufferWriter(16);
        Assert.Throws<InvalidOperationException>(() => buffer.Advance(buffer.GetSpan().Length + 1));
    }

    [Fact]
    public void AfterDispose_NothingIsWritten()
    {
        var buffer = new PooledBufferWriter();
        "abc"u8.CopyTo(buffer.GetSpan(3));
        buffer.Advance(3);
        buffer.Dispose();
        Assert.Equal(0, buffer.WrittenSpan.Length);
    }
}
