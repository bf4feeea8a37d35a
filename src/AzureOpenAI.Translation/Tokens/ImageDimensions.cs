using System.Buffers.Binary;

namespace AzureOpenAI.Translation.Tokens;

/// <summary>
/// Reads an image's width and height from the first bytes of a PNG, GIF, WebP or JPEG file, without decoding it.
/// Base64 data is decoded only as far as the header needs (JPEG: until its frame header, at most <see cref="MaxPrefixBytes"/>).
/// </summary>
internal static class ImageDimensions
{
    /// <summary>JPEG frame headers follow EXIF/ICC segments, which can be tens of kilobytes.</summary>
    internal const int MaxPrefixBytes = 256 * 1024;

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool TryReadBase64(string base64, out int width, out int height)
    {
        // Decode a growing prefix: 64 bytes cover PNG, GIF and WebP; JPEG may need more.
        for (var bytes = 64; ; bytes *= 8)
        {
            var prefix = DecodePrefix(base64, bytes, out var complete);
            if (TryRead(prefix, out width, out height)) return true;
            if (complete || bytes >= MaxPrefixBytes) return false;
        }
    }

    public static bool TryRead(ReadOnlySpan<byte> data, out int width, out int height)
    {
        width = height = 0;
        if (data.Length >= 24 && data[..8].SequenceEqual(PngSignature))
        {
            width = BinaryPrimitives.ReadInt32BigEndian(data[16..]);
            height = BinaryPrimitives.ReadInt32BigEndian(data[20..]);
        }
        else if (data.Length >= 10 && (data[..6].SequenceEqual("GIF87a"u8) || data[..6].SequenceEqual("GIF89a"u8)))
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(data[6..]);
            height = BinaryPrimitives.ReadUInt16LittleEndian(data[8..]);
        }
        else if (data.Length >= 30 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return TryReadWebP(data, out width, out height);
        }
        else if (data.Length >= 4 && data[0] == 0xFF && data[1] == 0xD8)
        {
            return TryReadJpeg(data, out width, out height);
        }
        return width > 0 && height > 0;
    }

    private static bool TryReadWebP(ReadOnlySpan<byte> data, out int width, out int height)
    {
        width = height = 0;
        var chunk = data[12..16];
        if (chunk.SequenceEqual("VP8 "u8))
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF;
            height = BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF;
        }
        else if (chunk.SequenceEqual("VP8L"u8) && data.Length >= 25)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            width = (int)(bits & 0x3FFF) + 1;
            height = (int)((bits >> 14) & 0x3FFF) + 1;
        }
        else if (chunk.SequenceEqual("VP8X"u8))
        {
            width = (data[24] | data[25] << 8 | data[26] << 16) + 1;
            height = (data[27] | data[28] << 8 | data[29] << 16) + 1;
        }
        return width > 0 && height > 0;
    }

    /// <summary>Walks JPEG segments to the first start-of-frame marker (SOF0–SOF15 except DHT, JPG, DAC).</summary>
    private static bool TryReadJpeg(ReadOnlySpan<byte> data, out int width, out int height)
    {
        width = height = 0;
        var i = 2;
        while (i + 9 < data.Length)
        {
            if (data[i] != 0xFF) return false;
            var marker = data[i + 1];
            if (marker == 0xFF) { i++; continue; } // fill byte
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                height = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 5)..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 7)..]);
                return width > 0 && height > 0;
            }
            i += 2 + length;
        }
        return false;
    }

    private static byte[] DecodePrefix(string base64, int bytes, out bool complete)
    {
        var chars = Math.Min(base64.Length, (bytes + 2) / 3 * 4) / 4 * 4;
        complete = chars >= base64.Length;
        var buffer = new byte[chars / 4 * 3];
        return Convert.TryFromBase64Chars(base64.AsSpan(0, chars), buffer, out var written) ? buffer[..written] : [];
    }
}
