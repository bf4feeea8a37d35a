using AzureOpenAI.Proxy.Upstream;

namespace AzureOpenAI.Proxy.Tests.Pools;

/// <summary>The reservation never exceeds the output cap or the ceiling, and shrinks to the remaining tokens down to the floor.</summary>
public sealed class OutputReservationTests
{
    [Theory]
    [InlineData(128_000, 16_384, null, 16_384)]    // Claude Code's 128k on gpt-5: the ceiling
    [InlineData(16_384, 32_000, null, 16_384)]     // gpt-4o: its cap
    [InlineData(128_000, 16_384, 100_000, 16_384)] // plenty left: unchanged
    [InlineData(128_000, 16_384, 10_000, 7_000)]   // 3,000 prompt + 7,000 fits exactly
    [InlineData(128_000, 16_384, 4_000, 2_048)]    // not even the floor fits: the floor
    public void Shape(int cap, int ceiling, int? remaining, int expected) =>
        Assert.Equal(expected, OutputReservation.Shape(cap, ceiling, floor: 2_048, promptTokens: 3_000, remaining));
}
