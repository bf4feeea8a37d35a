namespace AzureOpenAI.Proxy.Server;

/// <summary>The request headers by which Claude Code names its session and subagent (FIELD-NOTES §3.1: 2.1.86, 2.1.139).</summary>
internal static class ClaudeCodeHeaders
{
    public const string SessionId = "X-Claude-Code-Session-Id";
    public const string AgentId = "x-claude-code-agent-id";
}
