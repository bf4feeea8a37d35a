namespace AzureOpenAI.Proxy.Configuration;

/// <summary>
/// The one folder shared by the terminal, the plugin hook and the slash command: <c>AZURE_OPENAI_HOME</c>, by default
/// <c>${XDG_CONFIG_HOME:-~/.config}/azure-openai</c>. It lives outside the plugin folder so it survives plugin updates.
/// </summary>
internal sealed class DataHome
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public DataHome(string directory) => Directory = Path.GetFullPath(directory);

    public string Directory { get; }

    /// <summary>The user's saved settings (mode 0600): layer 2 of the configuration.</summary>
    public string ConfigEnv => Path.Combine(Directory, "config.env");

    public string PidFile => Path.Combine(Directory, "proxy.pid");

    /// <summary>The daemon's stdout and stderr; rotated at <see cref="Daemon.RotatingLogWriter.MaxBytes"/>.</summary>
    public string LogFile => Path.Combine(Directory, "proxy.log");

    /// <summary>Held exclusively around check-and-spawn and stop, so concurrent verbs never race.</summary>
    public string LockFile => Path.Combine(Directory, "proxy.lock");

    /// <summary>Resolves the data home from an environment lookup (the process environment in production).</summary>
    public static DataHome Resolve(Func<string, string?> environment)
    {
        var explicitHome = environment("AZURE_OPENAI_HOME");
        if (!string.IsNullOrWhiteSpace(explicitHome)) return new DataHome(ExpandHome(explicitHome, environment));
        var configRoot = environment("XDG_CONFIG_HOME");
        if (string.IsNullOrWhiteSpace(configRoot)) configRoot = Path.Combine(UserHome(environment), ".config");
        return new DataHome(Path.Combine(configRoot, "azure-openai"));
    }

    public static DataHome FromProcessEnvironment() => Resolve(Environment.GetEnvironmentVariable);

    /// <summary>The user's home folder: <c>HOME</c> first, so tests (and sudo -E users) can point it elsewhere.</summary>
    public static string UserHome(Func<string, string?> environment)
    {
        var home = environment("HOME");
        return string.IsNullOrWhiteSpace(home) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : home;
    }

    /// <summary>Creates the folder if needed, readable only by its owner: it holds the API key.</summary>
    public DataHome EnsureExists()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            if (OperatingSystem.IsWindows()) System.IO.Directory.CreateDirectory(Directory);
            else System.IO.Directory.CreateDirectory(Directory, OwnerOnlyDirectory);
        }
        return this;
    }

    private static string ExpandHome(string path, Func<string, string?> environment) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(UserHome(environment), path.TrimStart('~').TrimStart('/'))
            : path;
}
