using System.Globalization;

namespace AzureOpenAI.SideBySide;

/// <summary>A process's memory and CPU time from /proc: resident set now and at its peak, and user + system time.</summary>
internal readonly record struct ProcStats(long RssKb, long PeakRssKb, TimeSpan Cpu)
{
    // USER_HZ, the unit of utime and stime: 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public static ProcStats Read(int pid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status");
        long Kb(string field) => long.Parse(status.First(l => l.StartsWith(field, StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        // The command name in parentheses may hold spaces: the fields after it are counted from ')'. utime and stime
        // are fields 14 and 15 of stat, so the 12th and 13th after the name.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return new ProcStats(Kb("VmRSS:"), Kb("VmHWM:"), TimeSpan.FromSeconds(ticks / TicksPerSecond));
    }
}
