namespace AzureOpenAI.Translation.Answers;

/// <summary>
/// A 2xx upstream answer that carries no usable message: not JSON, an HTML page, <c>{}</c>, no choices or no output.
/// Never a silent empty success: the proxy answers 502 <c>api_error</c> naming the upstream (Claude Code retries it).
/// </summary>
public sealed class UnusableAnswerException(string reason) : Exception(reason)
{
    /// <summary>What was wrong, in words ("no choices in the chat completion").</summary>
    public string Reason { get; } = reason;
}
