using AzureOpenAI.Translation.Tokens;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Tokens;

public sealed class ImageTokensTests
{
    [Theory]
    [InlineData(100, 100, 85 + 170 * 1)]   // one tile
    [InlineData(512, 512, 85 + 170 * 1)]
    [InlineData(513, 512, 85 + 170 * 2)]   // just over a tile boundary
    [InlineData(1024, 1024, 85 + 170 * 4)] // shortest side 1024 → 768: 2×2 tiles
    [InlineData(2048, 4096, 85 + 170 * 6)] // fit 2048 → 1024×2048, then 768×1536: 2×3 tiles
    [InlineData(4000, 300, 85 + 170 * 4)]  // fit 2048 → 2048×153.6: 4×1 tiles, shortest side already small
    public void ForSize_FollowsOpenAITileRule(int width, int height, int expected) =>
        Assert.Equal(expected, ImageTokens.ForSize(width, height));

    [Fact]
    public void ForBase64_ReadsPngHeader() =>
        Assert.Equal(85 + 170 * 6, ImageTokens.ForBase64(TestImages.PngBase64(2048, 4096)));

    [Fact]
    public void ForBase64_Unreadable_CountsUnknownSize() =>
        Assert.Equal(765, ImageTokens.ForBase64(Convert.ToBase64String("not an image at all, just text"u8.ToArray())));

    [Fact]
    public void Jpeg_SizeIsFoundAfterALargeSegment()
    {
        // The frame header sits behind a 40 KB APP segment (as with EXIF thumbnails): the reader must skip, not give up.
        var jpeg = TestImages.Jpeg(640, 480, app0Length: 40_000);
        Assert.True(ImageDimensions.TryReadBase64(Convert.ToBase64String(jpeg), out var width, out var height));
        Assert.Equal((640, 480), (width, height));
    }

    [Fact]
    public void GifAndWebP_SizesAreRead()
    {
        Assert.True(ImageDimensions.TryRead(TestImages.Gif(300, 200), out var gw, out var gh));
        Assert.Equal((300, 200), (gw, gh));
        Assert.True(ImageDimensions.TryRead(TestImages.WebPExtended(1920, 1080), out var ww, out var wh));
        Assert.Equal((1920, 1080), (ww, wh));
    }
}
