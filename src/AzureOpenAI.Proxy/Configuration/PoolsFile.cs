namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// <c>pools.json</c> in the data home: several backends per tier (<c>big</c>, <c>middle</c>, <c>small</c>) and whether
/// failover may leave the data zone of the tier's first-priority backend. A tier the file does not name is served by
/// the single deployment of the settings, as without the file. Read by <see cref="PoolsFileReader"/>.
/// </summary>
internal sealed record PoolsFile(IReadOnlyDictionary<string, IReadOnlyList<PoolBackend>> Tiers, bool AllowCrossZone)
{
    public const string FileName = "pools.json";

    public static readonly IReadOnlyList<string> TierNames = ["big", "middle", "small"];

    public static string PathIn(DataHome home) => Path.Combine(home.Directory, FileName);

    /// <summary>The file of <paramref name="home"/>, validated; null when there is none. Throws <see cref="ConfigurationException"/>.</summary>
    public static PoolsFile? Load(DataHome home)
    {
        var path = PathIn(home);
        if (!File.Exists(path)) return null;
        var pools = PoolsFileReader.Read(File.ReadAllBytes(path), path);
        if (!OperatingSystem.IsWindows() && pools.HoldsSecrets && (File.GetUnixFileMode(path) & ~AtomicFile.OwnerReadWrite) != 0)
            throw new ConfigurationException($"{path} holds keys but other users may read it: run `chmod 600 {path}`");
        return pools;
    }

    public IReadOnlyList<PoolBackend>? Find(string tier) => Tiers.GetValueOrDefault(tier);

    /// <summary>Every key and header value in the file, for log redaction.</summary>
    public IEnumerable<string> Secrets() =>
        Tiers.Values.SelectMany(backends => backends).SelectMany(b => b.Headers.Select(h => h.Value).Append(b.ApiKey)).OfType<string>();

    private bool HoldsSecrets => Secrets().Any();
}
