using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AzureOpenAI.Proxy.Upstream;

// INTEGRATION: replace the body of TryParse with UpstreamErrorMapper.TryParseMaxTokensLimit(body, out limit) once the
// error-mapping helper's branch is merged, then inline the call and delete this file.
/// <summary>Recognises "max_tokens is too large … supports at most N completion tokens" in an upstream 400 body.</summary>
internal static partial class MaxTokensLimitSeam
{
    public static bool TryParse(ReadOnlySpan<byte> body, out int limit)
    {
        var match = AtMost().Match(Encoding.UTF8.GetString(body));
        limit = match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return limit > 0;
    }

    [GeneratedRegex(@"max_(?:completion_)?tokens.*?supports at most (\d+) completion tokens", RegexOptions.Singleline)]
    private static partial Regex AtMost();
}
