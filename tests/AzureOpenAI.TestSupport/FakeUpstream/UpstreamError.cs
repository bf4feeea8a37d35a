using System.Text.Json.Nodes;

namespace AzureOpenAI.TestSupport.FakeUpstream;

/// <summary>A rejection in the real services' shape: <c>{"error":{"message","type","param","code"}}</c>, or Azure's <c>{"error":{"code","message"}}</c>.</summary>
public sealed record UpstreamError(int Status, JsonObject Body)
{
    /// <summary>OpenAI's shape, also what Azure returns for model-level validation errors.</summary>
    public static UpstreamError OpenAI(int status, string message, string? type = "invalid_request_error", string? param = null, string? code = null) =>
        new(status, new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = param, ["code"] = code },
        });

    /// <summary>Azure's gateway shape: a string <c>code</c> and a message, no type or param.</summary>
    public static UpstreamError Azure(int status, string code, string message) =>
        new(status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    public static UpstreamError BadRequest(string message, string? param, string? code) => OpenAI(400, message, "invalid_request_error", param, code);

    /// <summary>The error's <c>message</c>, for assertions.</summary>
    public string Message => Body["error"]?["message"]?.GetValue<string>() ?? "";
}
