using System.Text.Json.Nodes;
using AzureOpenAI.Translation.Mapping;
using Xunit;

namespace AzureOpenAI.Translation.Tests.Mapping;

/// <summary>
/// Reasoning blobs decrypt only on the deployment that issued them: after a failover or a change of deployment they
/// are dropped from the Responses input (no <c>invalid_encrypted_content</c>), while signatures written before the
/// issuer was recorded are replayed as before.
/// </summary>
public sealed class ReasoningIssuerTests
{
    private static readonly DeploymentOptions OnEast = RequestTranslation.DefaultOptions with
    {
        Deployment = "gpt-5", IsReasoningModel = true, ReasoningIssuer = "east01",
    };

    [Fact]
    public void Signature_RecordsTheIssuer_AndStillDecodesWithoutOne()
    {
        Assert.True(ReasoningSignature.TryDecode(ReasoningSignature.Encode("rs_1", "gAAA", "east01"), out _, out _, out var issuer));
        Assert.Equal("east01", issuer);
        Assert.True(ReasoningSignature.TryDecode(ReasoningSignature.Encode("rs_1", "gAAA"), out _, out _, out var none));
        Assert.Null(none);
    }

    [Theory]
    [InlineData("east01", true)]  // the same deployment: replayed
    [InlineData("west02", false)] // another deployment: dropped cleanly
    [InlineData(null, true)]      // a signature from before the issuer was recorded: replayed as it always was
    public void ReasoningItem_IsReplayedOnlyOnItsIssuer(string? issuer, bool replayed)
    {
        var signature = ReasoningSignature.Encode("rs_1", "gAAAAB-secret", issuer);
        var request = RequestTranslation.Parse($$$"""
            {"model":"claude-opus-4-5","max_tokens":1000,"messages":[
              {"role":"user","content":"list files"},
              {"role":"assistant","content":[{"type":"thinking","thinking":"Plan.","signature":"{{{signature}}}"},
                {"type":"tool_use","id":"toolu_1","name":"Bash","input":{"command":"ls"}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"a.txt"}]}]}
            """);

        var input = JsonNode.Parse(ResponsesRequestMapper.Build(request, OnEast).Body.Span)!["input"]!.AsArray();

        Assert.Equal(replayed, input.Any(item => item!["type"]!.GetValue<string>() == "reasoning"));
        Assert.Contains(input, item => item!["type"]!.GetValue<string>() == "function_call"); // the call itself always stays
    }
}
