using AzureOpenAI.Proxy.Configuration;
using AzureOpenAI.Proxy.Daemon;
using Xunit;

namespace AzureOpenAI.Proxy.Tests.Lifecycle;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RotatingLogWriterTests
{
    [Fact]
    public void Writer_RotatesAtTheLimit_KeepingThreeOlderFiles()
    {
        using var folder = new TempFolder();
        var log = folder.File("proxy.log");
        using (var writer = new RotatingLogWriter(log, SecretRedactor.None, maxBytes: 100))
            for (var i = 0; i < 20; i++) writer.WriteLine($"line {i:00} " + new string('x', 30));

        Assert.Equal(["proxy.log", "proxy.log.1", "proxy.log.2", "proxy.log.3"],
            Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(Directory.GetFiles(folder.Path), f => Assert.True(new FileInfo(f).Length <= 100));
        Assert.EndsWith("line 19 " + new string('x', 30) + "\n", File.ReadAllText(log), StringComparison.Ordinal);
        Assert.Contains("line 17", File.ReadAllText(log + ".1"), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(log));
    }

    [Fact]
    public void Writer_MasksKnownSecretsInEveryLine()
    {
        using var folder = new TempFolder();
        var log = folder.File("proxy.log");
        const string Key = "super-secret-api-key-0123456789";
        using (var writer = new RotatingLogWriter(log, new SecretRedactor([Key])))
        {
            writer.Write("upstream said: bad key ");
            writer.Write(Key);
            writer.WriteLine("!");
        }

        Assert.Equal("upstream said: bad key sup****6789!\n", File.ReadAllText(log));
    }

    [Fact]
    public void RotateIfFull_RotatesOnlyAFullLog()
    {
        using var folder = new TempFolder();
        var log = folder.File("proxy.log");
        File.WriteAllText(log, new string('x', 50));

        RotatingLogWriter.RotateIfFull(log, maxBytes: 100);
        Assert.False(File.Exists(log + ".1"));

        RotatingLogWriter.RotateIfFull(log, maxBytes: 50);
        Assert.False(File.Exists(log));
        Assert.True(File.Exists(log + ".1"));
    }
}
