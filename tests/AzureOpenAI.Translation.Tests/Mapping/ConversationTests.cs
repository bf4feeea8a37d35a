using System.Text.Json.Nodes;
using AzureOpenAI.Translation.Mapping;
using AzureOpenAI.Translation.OpenAI;
using Xunit;
using static AzureOpenAI.Translation.Tests.Mapping.RequestTranslation;

namespace AzureOpenAI.Translation.Tests.Mapping;

/// <summary>
/// The API-neutral <see cref="Conversation"/> and what each API makes of it: the same turns, ids and texts on both, with
/// the API's own decisions about reasoning replays and tool-result attachments.
/// </summary>
public sealed class ConversationTests
{
    private const string ImageUrl = "https://example.com/a.png";

    /// <summary>
    /// One Claude Code-like round trip: a mid-conversation system turn, an assistant turn whose signed thinking block
    /// sits between its text and its tool call, and a tool result with text and an image.
    /// </summary>
    private static readonly string Request = Minimal(
        """
        "system":"Be brief.","tools":[{"name":"Shot","input_schema":{"type":"object","properties":{}}}]
        """,
        $$$"""
        [{"role":"user","content":"Take a screenshot."},
         {"role":"system","content":"Mid-conversation note."},
         {"role":"assistant","content":[{"type":"text","text":"Taking it."},
           {"type":"thinking","thinking":"Need a shot.","signature":"{{{ReasoningSignature.Encode("rs_1", "gAAAA-secret")}}}"},
           {"type":"tool_use","id":"toolu_1","name":"Shot","input":{}}]},
         {"role":"user","content":[
           {"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"Done."},{"type":"image","source":{"type":"url","url":"{{{ImageUrl}}}"}}]},
           {"type":"text","text":"What do you see?"}]}]
        """);

    [Fact]
    public void Conversation_FoldsTheSystemTurnAndKeepsAttachmentsAndReplaysNeutral()
    {
        var conversation = Conversation.From(Parse(Request), DefaultOptions);

        Assert.Equal("Be brief.\n\nMid-conversation note.", conversation.System);
        Assert.Collection(conversation.Items,
            item => Assert.IsType<UserMessage>(item),
            item =>
            {
                var assistant = Assert.IsType<AssistantMessage>(item);
                Assert.Equal("Taking it.", assistant.Text);
                Assert.Equal(new ReasoningReplay("rs_1", "gAAAA-secret", "Need a shot."), Assert.Single(assistant.Reasoning));
                Assert.Equal(new ToolCall("toolu_1", "Shot", "{}"), Assert.Single(assistant.ToolCalls));
            },
            item =>
            {
                var result = Assert.IsType<ToolResult>(item);
                Assert.Equal("toolu_1", result.CallId);
                Assert.Equal([new TextPart("Done."), new ImageUrlPart(ImageUrl)], result.Content);
            },
            item => Assert.Equal([new TextPart("What do you see?")], Assert.IsType<UserMessage>(item).Parts));
        Assert.Equal("Shot", Assert.Single(conversation.Tools!).Name);
    }

    [Fact]
    public void BothApis_MapTheSameTurnsIdsAndTexts()
    {
        var chat = ChatBody(Request)["messages"]!.AsArray();
        var responses = ResponsesBody(Request);
        var input = responses["input"]!.AsArray();

        Assert.Equal(["system", "user", "assistant", "tool", "user"], chat.Select(m => (string)m!["role"]!));
        Assert.Equal(["message", "reasoning", "message", "function_call", "function_call_output", "message"], input.Select(i => (string)i!["type"]!));
        Assert.Equal((string?)chat[0]!["content"], (string?)responses["instructions"]);
        Assert.Equal("Take a screenshot.", (string?)chat[1]!["content"]);
        Assert.Equal("Take a screenshot.", (string?)input[0]!["content"]![0]!["text"]);
        Assert.Equal((string?)chat[2]!["content"], (string?)input[2]!["content"]);
        var callId = (string)chat[2]!["tool_calls"]![0]!["id"]!;
        Assert.All([chat[3]!["tool_call_id"], input[3]!["call_id"], input[4]!["call_id"]], id => Assert.Equal(callId, (string?)id));
    }

    [Fact]
    public void Responses_ReplaysReasoningBeforeTheAssistantOutput_ChatNever()
    {
        var input = ResponsesBody(Request)["input"]!.AsArray();
        var reasoning = input[1]!;
        Assert.Equal(["reasoning", "message", "function_call"], input.Skip(1).Take(3).Select(i => (string)i!["type"]!));
        Assert.Equal("rs_1", (string?)reasoning["id"]);
        Assert.Equal("gAAAA-secret", (string?)reasoning["encrypted_content"]);

        var assistant = ChatBody(Request)["messages"]![2]!.AsObject();
        Assert.Equal(["role", "content", "tool_calls"], assistant.Select(property => property.Key));
    }

    [Fact]
    public void ToolResultAttachments_StayInTheOutputOnResponses_AndMoveToTheNextUserMessageOnChat()
    {
        var output = ResponsesBody(Request)["input"]![4]!["output"]!.AsArray();
        Assert.Equal(["input_text", "input_image"], output.Select(part => (string)part!["type"]!));
        Assert.Equal(ImageUrl, (string?)output[1]!["image_url"]);

        var chat = ChatBody(Request)["messages"]!.AsArray();
        Assert.Equal("Done.\n" + ChatMessages.ImagePlaceholder, (string?)chat[3]!["content"]);
        var user = chat[4]!["content"]!.AsArray();
        Assert.Equal(ChatMessages.MovedPartsIntro, (string?)user[0]!["text"]);
        Assert.Equal(ImageUrl, (string?)user[1]!["image_url"]!["url"]);
        Assert.Equal("What do you see?", (string?)user[2]!["text"]);
    }

    [Fact]
    public void ToolResultAttachments_WithNoUserTextAfterThem_GetAUserMessageOfTheirOwnOnChat()
    {
        var request = Request.Replace(""",{"type":"text","text":"What do you see?"}""", "", StringComparison.Ordinal);
        var chat = ChatBody(request)["messages"]!.AsArray();

        Assert.Equal(["system", "user", "assistant", "tool", "user"], chat.Select(m => (string)m!["role"]!));
        Assert.Equal(ImageUrl, (string?)chat[4]!["content"]![1]!["image_url"]!["url"]);
    }

    [Fact]
    public void OrphanToolResultWithAnImage_BecomesLabelledUserContentOnBothApis()
    {
        var request = Minimal(messages: $$$"""
            [{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_gone","content":[{"type":"image","source":{"type":"url","url":"{{{ImageUrl}}}"}}]},
              {"type":"text","text":"Look."}]}]
            """);

        var chat = Assert.Single(ChatBody(request)["messages"]!.AsArray())!["content"]!.AsArray();
        Assert.Equal("[Result of tool call toolu_gone]", (string?)chat[0]!["text"]);
        Assert.Equal(ImageUrl, (string?)chat[1]!["image_url"]!["url"]);
        Assert.Equal("Look.", (string?)chat[2]!["text"]);
        var responses = Assert.Single(ResponsesBody(request)["input"]!.AsArray())!["content"]!.AsArray();
        Assert.Equal("[Result of tool call toolu_gone]", (string?)responses[0]!["text"]);
        Assert.Equal(ImageUrl, (string?)responses[1]!["image_url"]);
        Assert.Equal("Look.", (string?)responses[2]!["text"]);
    }

    private static JsonObject ChatBody(string anthropicJson) => Translate(anthropicJson);

    private static JsonObject ResponsesBody(string anthropicJson) =>
        JsonNode.Parse(ResponsesRequestMapper.Build(Parse(anthropicJson), DefaultOptions).Body.Span)!.AsObject();
}
