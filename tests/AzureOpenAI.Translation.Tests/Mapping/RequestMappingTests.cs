using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AzureOpenAI.Translation.Mapping;
using Xunit;
using static AzureOpenAI.Translation.Tests.Mapping.RequestTranslation;

namespace AzureOpenAI.Translation.Tests.Mapping;

/// <summary>Single rules of PROTOCOL.md §5.1, checked on one field of the upstream body.</summary>
public sealed class RequestMappingTests
{
    private static readonly DeploymentOptions Reasoning = RequestTranslation.DefaultOptions with { Deployment = "o3", IsReasoningModel = true };
    private const string OneTool = """ "tools":[{"name":"Bash","input_schema":{"type":"object","properties":{}}}]""";

    [Fact]
    public void Body_IsCompactUtf8Json()
    {
        var body = Build(Minimal("\"system\":\"Be <brief> — très\"")).Body;
        var compact = JsonNode.Parse(body.Span)!.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Equal(compact, Encoding.UTF8.GetString(body.Span));
        Assert.Contains("Be <brief> — très", Encoding.UTF8.GetString(body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void AnthropicOnlyTopLevelFields_AreNeverForwarded()
    {
        var body = Translate(Minimal("""
            "cache_control":{"type":"ephemeral"},"context_management":{"edits":[]},"output_config":{"effort":"high"},
            "container":"c","service_tier":"auto","metadata":{"user_id":"u"},"top_k":5,"thinking":{"type":"enabled","budget_tokens":2048},
            "inference_geo":"us","mcp_servers":[]
            """), Reasoning);
        var allowed = new[] { "model", "messages", "max_completion_tokens", "reasoning_effort", "user" };
        Assert.All(body.Select(p => p.Key), key => Assert.Contains(key, allowed));
    }

    [Fact]
    public void SendModelFalse_OmitsModel() =>
        Assert.False(Translate(Minimal(), DefaultOptions with { SendModel = false }).ContainsKey("model"));

    [Fact]
    public void SendModel_WritesTheDeploymentNotTheRequestedModel() =>
        Assert.Equal("my-gpt4", (string?)Translate(Minimal(), RequestTranslation.DefaultOptions with { Deployment = "my-gpt4" })["model"]);

    [Fact]
    public void MaxTokens_IsClampedToTheLimit()
    {
        Assert.Equal(16384, (int?)Translate(Minimal().Replace("1024", "32000", StringComparison.Ordinal), DefaultOptions with { MaxTokensLimit = 16384 })["max_tokens"]);
        Assert.Equal(1024, (int?)Translate(Minimal(), DefaultOptions with { MaxTokensLimit = 16384 })["max_tokens"]);
    }

    [Fact]
    public void ReasoningModel_GetsMaxCompletionTokensAndNoSamplingOrStop()
    {
        var body = Translate(Minimal("\"temperature\":0.2,\"top_p\":0.5,\"stop_sequences\":[\"X\"]"), Reasoning);
        Assert.Equal(1024, (int?)body["max_completion_tokens"]);
        Assert.False(body.ContainsKey("max_tokens"));
        Assert.False(body.ContainsKey("temperature"));
        Assert.False(body.ContainsKey("top_p"));
        Assert.False(body.ContainsKey("stop"));
    }

    [Fact]
    public void OtherModels_GetMaxTokensTemperatureTopPAndStop()
    {
        var body = Translate(Minimal("\"temperature\":0.2,\"top_p\":0.5,\"stop_sequences\":[\"X\"]"));
        Assert.Equal(1024, (int?)body["max_tokens"]);
        Assert.Equal(0.2, (double?)body["temperature"]);
        Assert.Equal(0.5, (double?)body["top_p"]);
        Assert.Equal("X", (string?)body["stop"]![0]);
    }

    [Theory]
    [InlineData(1024, "low")]
    [InlineData(4095, "low")]
    [InlineData(4096, "medium")]
    [InlineData(16383, "medium")]
    [InlineData(16384, "high")]
    [InlineData(64000, "high")]
    public void EnabledThinkingBudget_BecomesReasoningEffort(int budget, string effort) =>
        Assert.Equal(effort, (string?)Translate(Minimal($$$""" "thinking":{"type":"enabled","budget_tokens":{{{budget}}}}"""), Reasoning)["reasoning_effort"]);

    [Theory]
    [InlineData("low", "low")]
    [InlineData("medium", "medium")]
    [InlineData("high", "high")]
    [InlineData("xhigh", "high")]
    [InlineData("max", "high")]
    public void AdaptiveThinkingEffort_BecomesReasoningEffort(string effort, string expected) =>
        Assert.Equal(expected, (string?)Translate(Minimal($$""" "thinking":{"type":"adaptive"},"output_config":{"effort":"{{effort}}"}"""), Reasoning)["reasoning_effort"]);

    [Theory]
    [InlineData("\"thinking\":{\"type\":\"disabled\"},\"output_config\":{\"effort\":\"high\"}")]
    [InlineData("\"thinking\":{\"type\":\"adaptive\"}")]
    [InlineData("\"output_config\":{\"effort\":\"ultra\"}")]
    public void DisabledOrUnspecifiedEffort_OmitsReasoningEffort(string fields) =>
        Assert.False(Translate(Minimal(fields), Reasoning).ContainsKey("reasoning_effort"));

    [Fact]
    public void NonReasoningModel_DropsThinking() =>
        Assert.False(Translate(Minimal("\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":20000}")).ContainsKey("reasoning_effort"));

    [Theory]
    [InlineData("auto", "\"auto\"")]
    [InlineData("any", "\"required\"")]
    [InlineData("none", "\"none\"")]
    [InlineData("tool\",\"name\":\"Bash", "{\"type\":\"function\",\"function\":{\"name\":\"Bash\"}}")]
    public void ToolChoice_MapsToChatToolChoice(string type, string expected) =>
        Assert.Equal(expected, Translate(Minimal($$"""{{OneTool}},"tool_choice":{"type":"{{type}}"}"""))["tool_choice"]!.ToJsonString());

    [Fact]
    public void DisableParallelToolUse_SendsParallelToolCallsFalse() =>
        Assert.False((bool?)Translate(Minimal($$"""{{OneTool}},"tool_choice":{"type":"auto","disable_parallel_tool_use":true}"""))["parallel_tool_calls"]);

    [Fact]
    public void DisableParallelToolUse_IsNotSentToReasoningModels() =>
        Assert.False(Translate(Minimal($$"""{{OneTool}},"tool_choice":{"type":"auto","disable_parallel_tool_use":true}"""), Reasoning).ContainsKey("parallel_tool_calls"));

    [Fact]
    public void NoToolsLeft_OmitsToolChoiceAndParallelToolCalls()
    {
        var body = Translate(Minimal("""
            "tools":[{"type":"web_search_20250305","name":"web_search","max_uses":8}],"tool_choice":{"type":"any","disable_parallel_tool_use":true}
            """));
        Assert.False(body.ContainsKey("tools"));
        Assert.False(body.ContainsKey("tool_choice"));
        Assert.False(body.ContainsKey("parallel_tool_calls"));
    }

    [Fact]
    public void NamedToolChoiceForADroppedServerTool_LeavesTheChoiceToTheModel() =>
        Assert.False(Translate(Minimal("""
            "tools":[{"name":"Bash","input_schema":{"type":"object"}},{"type":"web_search_20250305","name":"web_search"}],
            "tool_choice":{"type":"tool","name":"web_search"}
            """)).ContainsKey("tool_choice"));

    [Fact]
    public void Stream_AddsStreamOptionsIncludeUsage()
    {
        var body = Translate(Minimal("\"stream\":true"));
        Assert.True((bool?)body["stream"]);
        Assert.True((bool?)body["stream_options"]!["include_usage"]);
        Assert.False(Translate(Minimal("\"stream\":false")).ContainsKey("stream_options"));
    }

    [Fact]
    public void MetadataUserId_BecomesShortStableUser()
    {
        var claudeCodeUserId = """{\"device_id\":\"c8452d6f\",\"account_uuid\":\"\",\"session_id\":\"29692fdb\"}""";
        var first = (string?)Translate(Minimal($$""" "metadata":{"user_id":"{{claudeCodeUserId}}"}"""))["user"];
        var again = (string?)Translate(Minimal($$""" "metadata":{"user_id":"{{claudeCodeUserId}}"}"""))["user"];
        var other = (string?)Translate(Minimal(""" "metadata":{"user_id":"someone-else"}"""))["user"];
        Assert.Matches("^u_[0-9a-f]{32}$", first);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.False(Translate(Minimal(""" "metadata":{}""")).ContainsKey("user"));
    }

    /// <summary>
    /// System messages before the first assistant turn fold into the leading system message; later ones stay in place,
    /// leading the next user turn, so the prefix before them is the same bytes as on the turn before (prompt caching).
    /// </summary>
    [Fact]
    public void SystemRoleMessages_FoldUntilTheFirstAnswer_ThenStayInPlace()
    {
        var messages = Translate(Minimal("\"system\":\"Base.\"", """
            [{"role":"user","content":"a"},{"role":"system","content":"Hook output."},{"role":"assistant","content":"b"},
             {"role":"system","content":[{"type":"text","text":"Reminder."}]},{"role":"user","content":"c"}]
            """))["messages"]!.AsArray();
        Assert.Equal(["system", "user", "assistant", "user"], messages.Select(m => (string)m!["role"]!));
        Assert.Equal("Base.\n\nHook output.", (string?)messages[0]!["content"]);
        Assert.Equal("<system-reminder>\nReminder.\n</system-reminder>", (string?)messages[3]!["content"]![0]!["text"]);
        Assert.Equal("c", (string?)messages[3]!["content"]![1]!["text"]);
    }

    [Fact]
    public void ASystemMessageAfterTheLastAnswer_BecomesTheLastUserMessage()
    {
        var messages = Translate(Minimal(messages: """
            [{"role":"user","content":"a"},{"role":"assistant","content":"b"},{"role":"system","content":"Wrap up."}]
            """))["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "user"], messages.Select(m => (string)m!["role"]!));
        Assert.Equal("<system-reminder>\nWrap up.\n</system-reminder>", (string?)messages[2]!["content"]);
    }

    [Fact]
    public void BillingHeaderSystemBlock_IsDropped() =>
        Assert.Equal("Real prompt.", (string?)Translate(Minimal("""
            "system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=2.1.328.f40; cc_entrypoint=sdk-cli;"},{"type":"text","text":"Real prompt."}]
            """))["messages"]![0]!["content"]);

    [Fact]
    public void ToolUseInput_IsSentAsCompactJsonArguments()
    {
        var messages = Translate(Minimal(messages: """
            [{"role":"user","content":"a"},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"Bash","input":{ "command" : "ls -la",  "n": [1, 2] }}]},
             {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"ok"}]}]
            """))["messages"]!.AsArray();
        Assert.Equal("""{"command":"ls -la","n":[1,2]}""", (string?)messages[1]!["tool_calls"]![0]!["function"]!["arguments"]);
    }

    [Fact]
    public void ToolResultWithImage_MovesImageToUserMessage()
    {
        var messages = Translate(Minimal(messages: """
            [{"role":"user","content":"a"},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"Shot","input":{}}]},
             {"role":"user","content":[{"type":"text","text":"after"},{"type":"tool_result","tool_use_id":"toolu_1","content":[
               {"type":"image","source":{"type":"url","url":"https://example.com/a.png"}}]}]}]
            """))["messages"]!.AsArray();
        Assert.Equal("tool", (string?)messages[2]!["role"]);
        Assert.Equal(ChatMessages.ImagePlaceholder, (string?)messages[2]!["content"]);
        var userParts = messages[3]!["content"]!.AsArray();
        Assert.Equal("https://example.com/a.png", (string?)userParts[1]!["image_url"]!["url"]);
        Assert.Equal("after", (string?)userParts[2]!["text"]);
    }

    [Fact]
    public void LongOrInvalidToolUseId_IsMappedTheSameOnCallAndResult()
    {
        const string id = "toolu_with.a.dot_and_far_too_long_for_openai_0123456789";
        var messages = Translate(Minimal(messages: $$$"""
            [{"role":"user","content":"a"},{"role":"assistant","content":[{"type":"tool_use","id":"{{{id}}}","name":"Bash","input":{}}]},
             {"role":"user","content":[{"type":"tool_result","tool_use_id":"{{{id}}}","content":"ok"}]}]
            """))["messages"]!.AsArray();
        var callId = (string)messages[1]!["tool_calls"]![0]!["id"]!;
        Assert.Equal(ToolCallIds.ToUpstream(id), callId);
        Assert.True(callId.Length <= 40);
        Assert.Equal(callId, (string?)messages[2]!["tool_call_id"]);
        Assert.Equal("ok", (string?)messages[2]!["content"]);
    }

    [Fact]
    public void ToolNameMap_KnowsNamesSeenOnlyInHistory()
    {
        const string name = "mcp__some_server_with_a_long_name__some_tool_with_an_even_longer_name";
        var translation = Build(Minimal(messages: $$$"""
            [{"role":"user","content":"a"},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"{{{name}}}","input":{}}]},
             {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"ok"}]}]
            """));
        var upstream = (string)JsonNode.Parse(translation.Body.Span)!["messages"]![1]!["tool_calls"]![0]!["function"]!["name"]!;
        Assert.True(ToolNameMap.IsValidUpstreamName(upstream));
        Assert.Equal(name, translation.ToolNames.ToAnthropic(upstream));
    }

    [Fact]
    public void ToolResultsBeforeUserText_AreEmittedFirstEvenWhenTextComesFirst()
    {
        var roles = Translate(Minimal(messages: """
            [{"role":"user","content":"a"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Bash","input":{}}]},
             {"role":"user","content":[{"type":"text","text":"note"},{"type":"tool_result","tool_use_id":"t1","content":"ok"}]}]
            """))["messages"]!.AsArray().Select(m => (string)m!["role"]!);
        Assert.Equal(["user", "assistant", "tool", "user"], roles);
    }

    [Fact]
    public void AssistantMessageWithOnlyThinking_IsDropped()
    {
        var roles = Translate(Minimal(messages: """
            [{"role":"user","content":"a"},{"role":"assistant","content":[{"type":"thinking","thinking":"hm","signature":"s"}]},{"role":"user","content":"b"}]
            """))["messages"]!.AsArray().Select(m => (string)m!["role"]!);
        Assert.Equal(["user"], roles); // and the two user turns around it are merged
    }

    [Fact]
    public void ThinkingIsEchoedAsReasoningContent_OnlyWhenAsked()
    {
        const string messages = """
            [{"role":"user","content":"a"},{"role":"assistant","content":[{"type":"thinking","thinking":"hm","signature":"s"},{"type":"text","text":"b"}]}]
            """;
        Assert.Null(Translate(Minimal(messages: messages))["messages"]![1]!["reasoning_content"]);
        Assert.Equal("hm", (string?)Translate(Minimal(messages: messages), DefaultOptions with { EchoReasoningContent = true })["messages"]![1]!["reasoning_content"]);
    }
}
