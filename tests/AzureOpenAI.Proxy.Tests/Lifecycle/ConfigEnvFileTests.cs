using AzureOpenAI.Proxy.Configuration;
using Xunit;

namespace AzureOpenAI.Proxy.Tests.Lifecycle;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ConfigEnvFileTests
{
    [Fact]
    public void Update_ChangesKeysInPlace_KeepsCommentsAndUnknownLines_AppendsNewKeys()
    {
        using var folder = new TempFolder();
        var path = folder.File("config.env");
        File.WriteAllText(path, "# my notes\nexport BIG_MODEL=old\n\nSOMETHING_ELSE=kept # trailing\nBIG_MODEL=duplicate\nSMALL_MODEL=gone\n");

        ConfigEnvFile.Update(path, new Dictionary<string, string?>
        {
            ["BIG_MODEL"] = "gpt-5",
            ["SMALL_MODEL"] = null,
            ["OPENAI_BASE_URL"] = "https://r.openai.azure.com",
        });

        Assert.Equal("# my notes\nBIG_MODEL=gpt-5\n\nSOMETHING_ELSE=kept # trailing\nOPENAI_BASE_URL=https://r.openai.azure.com\n", File.ReadAllText(path));
    }

    [Fact]
    public void Update_CreatesTheFileOwnerOnly_AndLeavesNoTemporaryFile()
    {
        using var folder = new TempFolder();
        var path = folder.File("config.env");

        ConfigEnvFile.Update(path, new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "k" });

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(["config.env"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Update_ExistingWorldReadableFile_BecomesOwnerOnly()
    {
        using var folder = new TempFolder();
        var path = folder.File("config.env");
        File.WriteAllText(path, "PORT=1\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        ConfigEnvFile.Update(path, new Dictionary<string, string?> { ["PORT"] = "2" });

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Theory]
    [InlineData("plain-value_1.2:3/4@5+6,7=8%9~")]
    [InlineData("with space")]
    [InlineData("quote\"and\\backslash")]
    [InlineData("hash # not a comment")]
    [InlineData("dollar $HOME")]
    [InlineData("it's")]
    public void FormattedLines_ReadBackAsTheSameValue(string value)
    {
        var line = ConfigEnvFile.FormatLine("NAME", value);

        Assert.Equal(value, DotEnvParser.Parse(line, "test")["NAME"]);
    }

    [Fact]
    public void FormatLine_RejectsMultiLineValues() =>
        Assert.Throws<ArgumentException>(() => ConfigEnvFile.FormatLine("NAME", "a\nb"));
}
