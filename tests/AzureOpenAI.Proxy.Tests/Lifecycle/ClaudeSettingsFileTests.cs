using System.Text.Json.Nodes;
using AzureOpenAI.Proxy.Configuration;
using Xunit;

namespace AzureOpenAI.Proxy.Tests.Lifecycle;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ClaudeSettingsFileTests
{
    private const string Url = "http://127.0.0.1:8082";
    private const string Token = "aop_0123456789abcdefghijklmnopqrstuvwxyzABCDEF";
    private static readonly DateTime Now = new(2026, 11, 25, 21, 30, 5, DateTimeKind.Local);
    private static readonly SecretRedactor Redactor = new([Token]);

    [Fact]
    public void Merge_KeepsUnknownKeysValuesAndOrder_AndWritesABackupFirst()
    {
        using var folder = new TempFolder();
        var path = folder.File("settings.json");
        const string Original = """
            {
              "model": "opus",
              "env": { "FOO": "bär+<x>", "ANTHROPIC_BASE_URL": "https://gateway.example" },
              "permissions": { "allow": ["Bash(ls:*)"], "deny": [] },
              "plugins": { "azure-openai": { "bigModel": "gpt-5" } },
              "zeta": 1.50
            }
            """;
        File.WriteAllText(path, Original);

        var result = new ClaudeSettingsFile(path).MergeRouting(Url, Token, Redactor, Now);

        Assert.True(result.Changed);
        Assert.Equal(path + ".bak-20261125-213005", result.BackupPath);
        Assert.Equal(Original, File.ReadAllText(result.BackupPath!));
        Assert.Equal("https://gateway.example", result.Previous[ClaudeSettingsFile.BaseUrlKey]);
        Assert.Null(result.Previous[ClaudeSettingsFile.AuthTokenKey]);

        var text = File.ReadAllText(path);
        Assert.Contains("bär+<x>", text, StringComparison.Ordinal);
        var merged = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["model", "env", "permissions", "plugins", "zeta"], merged.Select(p => p.Key));
        Assert.Equal(["FOO", "ANTHROPIC_BASE_URL", "ANTHROPIC_AUTH_TOKEN"], merged["env"]!.AsObject().Select(p => p.Key));
        Assert.Equal(Url, (string?)merged["env"]!["ANTHROPIC_BASE_URL"]);
        Assert.Equal(Token, (string?)merged["env"]!["ANTHROPIC_AUTH_TOKEN"]);
        var expected = JsonNode.Parse(Original)!;
        expected["env"]!["ANTHROPIC_BASE_URL"] = Url;
        expected["env"]!["ANTHROPIC_AUTH_TOKEN"] = Token;
        Assert.True(JsonNode.DeepEquals(expected, merged));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Merge_MissingFile_IsCreatedWithoutBackup()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, ".claude", "settings.json");

        var result = new ClaudeSettingsFile(path).MergeRouting(Url, Token, Redactor, Now);

        Assert.Null(result.BackupPath);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["env"] = new JsonObject { ["ANTHROPIC_BASE_URL"] = Url, ["ANTHROPIC_AUTH_TOKEN"] = Token } },
            JsonNode.Parse(File.ReadAllText(path))));
        Assert.Equal(["settings.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Merge_SameValuesAgain_WritesNothingAndNoBackup()
    {
        using var folder = new TempFolder();
        var path = folder.File("settings.json");
        var file = new ClaudeSettingsFile(path);
        file.MergeRouting(Url, Token, Redactor, Now);
        var written = File.GetLastWriteTimeUtc(path);

        var again = file.MergeRouting(Url, Token, Redactor, Now.AddMinutes(1));

        Assert.False(again.Changed);
        Assert.Null(again.BackupPath);
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Merge_NewToken_BackupHoldsTheOldTokenMasked()
    {
        using var folder = new TempFolder();
        var path = folder.File("settings.json");
        var file = new ClaudeSettingsFile(path);
        file.MergeRouting(Url, Token, Redactor, Now);
        const string NewToken = "aop_ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvu";

        var result = file.MergeRouting(Url, NewToken, new SecretRedactor([Token, NewToken]), Now.AddMinutes(1));

        var backup = File.ReadAllText(result.BackupPath!);
        Assert.DoesNotContain(Token, backup, StringComparison.Ordinal);
        Assert.Contains(SecretMask.Mask(Token), backup, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(result.BackupPath!));
    }

    [Theory]
    [InlineData("{ \"env\": { \"A\": 1, } }")]
    [InlineData("{ // comment\n \"env\": {} }")]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("{ \"env\": \"oops\" }")]
    public void Merge_InvalidSettings_RefusesAndLeavesTheFileUntouched(string content)
    {
        using var folder = new TempFolder();
        var path = folder.File("settings.json");
        File.WriteAllText(path, content);

        var error = Assert.Throws<SettingsFileException>(() => new ClaudeSettingsFile(path).MergeRouting(Url, Token, Redactor, Now));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("left untouched", error.Message, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Remove_RestoresEarlierValuesAndRemovesAddedOnes_KeepingEverythingElse()
    {
        using var folder = new TempFolder();
        var path = folder.File("settings.json");
        const string Original = """{"env":{"ANTHROPIC_BASE_URL":"https://gateway.example","KEEP":"x"},"theme":"dark"}""";
        File.WriteAllText(path, Original);
        var file = new ClaudeSettingsFile(path);
        var merge = file.MergeRouting(Url, Token, Redactor, Now);

        var removed = file.RemoveRouting(Ours(), merge.Previous, Redactor, Now.AddMinutes(1));

        Assert.Equal([ClaudeSettingsFile.BaseUrlKey, ClaudeSettingsFile.AuthTokenKey], removed.Restored);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Original), JsonNode.Parse(File.ReadAllText(path))));
        Assert.DoesNotContain(Token, File.ReadAllText(removed.BackupPath!), StringComparison.Ordinal);
    }

    [Fact]
    public void Remove_AfterCreatingTheFile_LeavesNoEnvBlock()
    {
        using var folder = new TempFolder();
        var path = folder.File("settings.json");
        var file = new ClaudeSettingsFile(path);
        var merge = file.MergeRouting(Url, Token, Redactor, Now);

        file.RemoveRouting(Ours(), merge.Previous, Redactor, Now.AddMinutes(1));

        Assert.True(JsonNode.DeepEquals(new JsonObject(), JsonNode.Parse(File.ReadAllText(path))));
    }

    [Fact]
    public void Remove_ValueChangedByTheUserAfterSetup_IsKept()
    {
        using var folder = new TempFolder();
        var path = folder.File("settings.json");
        var file = new ClaudeSettingsFile(path);
        var merge = file.MergeRouting(Url, Token, Redactor, Now);
        var edited = JsonNode.Parse(File.ReadAllText(path))!;
        edited["env"]!["ANTHROPIC_BASE_URL"] = "http://elsewhere:9000";
        File.WriteAllText(path, edited.ToJsonString());

        var removed = file.RemoveRouting(Ours(), merge.Previous, Redactor, Now.AddMinutes(1));

        Assert.Equal([ClaudeSettingsFile.AuthTokenKey], removed.Restored);
        Assert.Equal([ClaudeSettingsFile.BaseUrlKey], removed.KeptBecauseChanged);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"env":{"ANTHROPIC_BASE_URL":"http://elsewhere:9000"}}"""), JsonNode.Parse(File.ReadAllText(path))));
    }

    [Fact]
    public void CheckRouting_TellsWhetherClaudeCodeReachesThisProxy()
    {
        using var folder = new TempFolder();
        var path = folder.File("settings.json");
        var file = new ClaudeSettingsFile(path);
        Assert.False(file.CheckRouting(Url, Token).RoutesHere);

        file.MergeRouting(Url, Token, Redactor, Now);
        Assert.True(file.CheckRouting(Url + "/", Token).RoutesHere);
        Assert.Contains("does not match PROXY_AUTH_TOKEN", file.CheckRouting(Url, "another-token-value").Explanation, StringComparison.Ordinal);
        Assert.Contains("not this proxy", file.CheckRouting("http://127.0.0.1:9999", Token).Explanation, StringComparison.Ordinal);

        File.WriteAllText(path, "{ broken");
        var broken = file.CheckRouting(Url, Token);
        Assert.False(broken.RoutesHere);
        Assert.Contains("not valid JSON", broken.Explanation, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Ours() => new()
    {
        [ClaudeSettingsFile.BaseUrlKey] = Url,
        [ClaudeSettingsFile.AuthTokenKey] = Token,
    };
}
