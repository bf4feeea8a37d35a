using System.Security.Cryptography;

namespace AzureOpenAI.Proxy.Server;

/// <summary>Anthropic-style identifiers: a prefix and 24 random base62 characters.</summary>
internal static class Ids
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string NewRequestId() => "req_" + RandomNumberGenerator.GetString(Base62, 24);

    public static string NewMessageId() => "msg_" + RandomNumberGenerator.GetString(Base62, 24);
}
