using System.Text.Json;
using AzureOpenAI.Proxy.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AzureOpenAI.Proxy.Tests.Security;

/// <summary>Kestrel's body faults, as the body stream raises them, become the client's error and not our 500.</summary>
public sealed class RequestBodyReaderTests
{
    private sealed class FailingBody(Exception failure) : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromException<int>(failure);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromException<int>(failure);
    }

    [Theory]
    [InlineData(400, "invalid_request_error")] // Kestrel: "Unexpected end of request content."
    [InlineData(408, "timeout_error")]         // Kestrel: the body arrived below MinRequestBodyDataRate
    public async Task KestrelBodyFault_IsAnsweredWithItsStatus_InAnthropicsShape(int status, string errorType)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance).BuildServiceProvider(),
        };
        context.Request.Body = new FailingBody(new BadHttpRequestException("the body failed", status));
        context.Response.Body = new MemoryStream();

        var request = await RequestBodyReader.ReadAsync(context);

        Assert.Null(request);
        Assert.Equal(status, context.Response.StatusCode);
        var json = JsonDocument.Parse(((MemoryStream)context.Response.Body).ToArray()).RootElement;
        Assert.Equal("error", json.GetProperty("type").GetString());
        Assert.Equal(errorType, json.GetProperty("error").GetProperty("type").GetString());
    }
}
