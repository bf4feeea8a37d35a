namespace AzureOpenAI.Proxy.Tests.Lifecycle;

/// <summary>A temporary folder for in-process file tests, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("aoai-files-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
