namespace AzureOpenAI.Translation.Tokens;

/// <summary>
/// OpenAI's vision token rule (detail "high"/"auto"): the image is scaled to fit within 2048×2048, then so that its
/// shortest side is at most 768 px; it costs 85 base tokens plus 170 per 512-px tile.
/// </summary>
internal static class ImageTokens
{
    internal const int BaseTokens = 85;
    internal const int TileTokens = 170;

    /// <summary>An image whose size is unknown (a URL, an unreadable header): counted as a 2×2-tile image, 765 tokens.</summary>
    internal const int UnknownSizeTokens = BaseTokens + TileTokens * 4;

    public static int ForBase64(string? base64) =>
        base64 is not null && ImageDimensions.TryReadBase64(base64, out var width, out var height) ? ForSize(width, height) : UnknownSizeTokens;

    public static int ForSize(int width, int height)
    {
        double w = width, h = height;
        if (w > 2048 || h > 2048)
        {
            var fit = 2048 / Math.Max(w, h);
            w *= fit;
            h *= fit;
        }
        if (Math.Min(w, h) > 768)
        {
            var shrink = 768 / Math.Min(w, h);
            w *= shrink;
            h *= shrink;
        }
        var tiles = (int)Math.Ceiling(w / 512) * (int)Math.Ceiling(h / 512);
        return BaseTokens + TileTokens * tiles;
    }
}
