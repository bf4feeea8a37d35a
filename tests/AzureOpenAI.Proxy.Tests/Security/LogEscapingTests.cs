using System.Net.Http.Headers;
using System.Text;
using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Daemon;
using AzureOpenAI.Proxy.Server;
using AzureOpenAI.Proxy.Tests.Lifecycle;
using AzureOpenAI.Proxy.Tests.Support;
using AzureOpenAI.TestSupport.FakeUpstream;

namespace AzureOpenAI.Proxy.Tests.Security;

/// <summary>Hostile model names, paths and headers reach neither the log nor a terminal as control characters.</summary>
public sealed class LogEscapingTests
{
    // ESC, CR, LF, NUL, BS, BEL, U+2028, U+2029, NEL, C1 CSI, and a bidi override.
    private const string Hostile = "a\u001b[31mb\rc\nd\0e\bf\ag\u2028h\u2029i\u0085j\u009bk\u202el";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static bool IsUnsafe(char c) => char.IsControl(c) || c is '\u2028' or '\u2029' or '\u202e';

    [Fact]
    public void Value_EscapesEveryControlCharacterVisibly()
    {
        Assert.Equal(@"a\x1b[31mb\x0dc\x0ad\x00e\x08f\x07g\u2028h\u2029i\u0085j\u009bk\u202el", LogText.Value(Hostile));
    }

    [Fact]
    public void Value_LeavesOrdinaryTextAlone_AndBoundsItsLength()
    {
        const string ordinary = "gpt-4o café 世界 😀 /v1/messages?beta=true";
        Assert.Same(ordinary, LogText.Value(ordinary));
        var bounded = LogText.Value(new string('x', 10_000));
        Assert.Equal(new string('x', LogText.MaxValueChars) + "…", bounded);
    }

    [Fact]
    public async Task HostileModelAndPath_AreLoggedOnOneEscapedLine()
    {
        await using var fake = await FakeUpstreamServer.StartAsync(cancellationToken: Token);
        await using var proxy = await LoggedProxy.StartAsync(FakeUpstreamSettings.Azure(fake));
        var model = System.Text.Json.JsonEncodedText.Encode(Hostile + new string('m', 500)).ToString();
        using var content = new StringContent($$"""{"model":"{{model}}","max_tokens":8,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var messages = await proxy.Http.PostAsync("/v1/messages", content, Token);
        using var missing = await proxy.Http.GetAsync("/v1/%1b%5d0%3bpwned%07%0d%0aFAKE%e2%80%a8x", Token);

        var messagesLine = await proxy.RequestLineAsync(messages.Headers.GetValues("request-id").Single());
        var missingLine = await proxy.RequestLineAsync(missing.Headers.GetValues("request-id").Single());
        Assert.Contains(@"a\x1b[31mb\x0dc\x0ad\x00e", messagesLine, StringComparison.Ordinal);
        Assert.Contains("m…", messagesLine, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('m', 300), messagesLine, StringComparison.Ordinal);
        Assert.Contains("/v1/%1B%5D0;pwned%07%0D%0AFAKE%E2%80%A8x", missingLine, StringComparison.Ordinal); // the path stays percent-encoded
        Assert.DoesNotContain(proxy.Entries.Where(e => e.Contains("req_", StringComparison.Ordinal)), e => e.Any(IsUnsafe));
    }

    [Fact]
    public void DaemonLog_EscapesEachLine_SoOnlyNewlinesEndEntries()
    {
        var log = Path.Combine(Directory.CreateTempSubdirectory("aoai-log-").FullName, "proxy.log");
        using (var writer = new RotatingLogWriter(log, SecretRedactor.None))
        {
            writer.Write("first " + Hostile.Replace("\n", "", StringComparison.Ordinal) + "\n"); // a newline ends a line by design
            writer.WriteLine("second");
        }

        var lines = File.ReadAllText(log).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal(@"first a\x1b[31mb\x0dc", lines[0][..@"first a\x1b[31mb\x0dc".Length]);
        Assert.DoesNotContain(lines, l => l.Any(IsUnsafe));
        Directory.Delete(Path.GetDirectoryName(log)!, recursive: true);
    }

    [Fact]
    public async Task Status_EscapesTheTailOfAnOlderUnescapedLog()
    {
        await using var sandbox = new Sandbox();
        Directory.CreateDirectory(sandbox.DataHome);
        await File.WriteAllTextAsync(sandbox.LogFile, "old entry \u001b]0;title\u0007 \u001b[2J\rforged\u2028line\u009b\n", Token);

        var status = await sandbox.RunAsync("status");

        Assert.Contains(@"old entry \x1b]0;title\x07 \x1b[2J\x0dforged\u2028line\u009b", status.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(status.Stdout, c => IsUnsafe(c) && c != '\n');
    }
}
