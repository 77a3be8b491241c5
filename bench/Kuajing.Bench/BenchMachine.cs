using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Kuajing.Bench;

/// <summary>The facts a benchmark result is meaningless without: cores, CPU, OS, runtime, GC mode, load, date.</summary>
internal static class BenchMachine
{
    /// <summary>Prints the machine facts as aligned "key: value" lines.</summary>
    public static void Print(string benchmark)
    {
        Console.WriteLine($"# Kuajing benchmark: {benchmark}");
        Row("date (UTC)", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        Row("cores (Environment.ProcessorCount)", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture));
        Row("CPU", CpuModel());
        Row("OS", RuntimeInformation.OSDescription);
        Row(".NET", $"{RuntimeInformation.FrameworkDescription} {RuntimeInformation.ProcessArchitecture}");
        Row("GC", $"{(GCSettings.IsServerGC ? "server" : "workstation")}, latency mode {GCSettings.LatencyMode}");
#if DEBUG
        Row("build", "DEBUG: numbers are meaningless, use -c Release");
#else
        Row("build", "Release");
#endif
        Row("load average (1/5/15 min)", LoadAverage());
        Console.WriteLine();
    }

    /// <summary>The 1/5/15-minute load averages from /proc/loadavg, or "n/a" off Linux.</summary>
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} {parts[1]} {parts[2]}";
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? "n/a" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    private static void Row(string key, string value) => Console.WriteLine($"  {key,-36} {value}");
}
