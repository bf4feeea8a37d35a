using System.Security.Cryptography;

namespace AzureOpenAI.Proxy.Server;

/// <summary>Anthropic-style identifiers: a prefix and 24 random base62 characters, written into the one string.</summary>
internal static class Ids
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int RandomChars = 24;

    public static string NewRequestId() => New("req_");

    public static string NewMessageId() => New("msg_");

    private static string New(string prefix) => string.Create(prefix.Length + RandomChars, prefix, static (id, prefix) =>
    {
        prefix.CopyTo(id);
        RandomNumberGenerator.GetItems(Base62, id[prefix.Length..]);
    });
}
