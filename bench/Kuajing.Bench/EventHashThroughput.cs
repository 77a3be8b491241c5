using System.Diagnostics;
using System.Globalization;
using Kuajing.Tracking.Events;

namespace Kuajing.Bench;

/// <summary>
/// Console mode <c>event-hash [--seconds S]</c>: GS1 EPCIS Event Hash IDs (CBV 2.0 §8.9) computed per second on one thread,
/// over every event of the GS1 EPCIS 2.0 examples in <c>../shared/data/gs1-epcis-examples</c> (read in place, never copied;
/// no open licence). Two rows: the hash alone over pre-built format-neutral event trees (canonicalise + SHA-256), and the
/// whole document read (parse + validate + hash) per event for context. Each: about 1 s warm-up, then 5 timed repetitions
/// of at least S seconds (default 2); median, min, max and bytes allocated per event.
/// </summary>
internal static class EventHashThroughput
{
    private const int Repetitions = 5;

    private static readonly string[] Folders = ["JSON", "XML"];

    public static int Run(string[] args)
    {
        var seconds = 2.0;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--seconds" && i + 1 < args.Length && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0)
            {
                seconds = s;
                i++;
            }
            else
            {
                Console.Error.WriteLine($"event-hash: unexpected argument '{args[i]}'; usage: event-hash [--seconds S] (S > 0)");
                return 2;
            }
        }

        var folder = ExamplesFolder();
        if (folder is null)
        {
            Console.Error.WriteLine("event-hash: ../shared/data/gs1-epcis-examples not found next to the repository (folder with Kuajing.slnx)");
            return 1;
        }

        var documents = Folders
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(folder, d), "*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".jsonld", StringComparison.Ordinal) || f.EndsWith(".xml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToArray();
        var trees = documents.SelectMany(t => t.TrimStart().StartsWith('<') ? EpcisXmlReader.EventTrees(t) : EpcisJsonReader.EventTrees(t)).ToArray();
        var eventsRead = documents.Sum(t => EpcisEventHash.ForDocument(t).Count);

        BenchMachine.Print($"event-hash (GS1 EPCIS Event Hash IDs per second, single thread, {Repetitions} × ≥ {seconds:0.#} s)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  input: {documents.Length} GS1 example documents, {trees.Length} event elements ({eventsRead} pass Kuajing's event validation), mean pre-hash {trees.Average(t => EpcisEventHash.PreHash(t).Length):N0} characters"));
        Console.WriteLine();
        Console.WriteLine("| what | events/s (median) | min | max | µs/event | bytes/event |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");

        Row("hash ID from the event tree (canonicalise + SHA-256)", trees.Length, seconds, () =>
        {
            foreach (var t in trees)
            {
                _ = EpcisEventHash.Compute(t);
            }
        });
        Row("document read: parse + validate + hash, per event", eventsRead, seconds, () =>
        {
            foreach (var d in documents)
            {
                _ = EpcisEventHash.ForDocument(d);
            }
        });
        return 0;
    }

    private static void Row(string name, int perPass, double seconds, Action pass)
    {
        Measure(perPass, 1.0, pass);
        var runs = Enumerable.Range(0, Repetitions).Select(_ => Measure(perPass, seconds, pass)).ToArray();
        var median = PlanAllThroughput.Median(runs.Select(r => r.PerSecond));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {median:N0} | {runs.Min(r => r.PerSecond):N0} | {runs.Max(r => r.PerSecond):N0} | {1e6 / median:0.0} | {PlanAllThroughput.Median(runs.Select(r => r.Bytes)):N0} |"));
    }

    private static (double PerSecond, double Bytes) Measure(int perPass, double seconds, Action pass)
    {
        var bytes0 = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        long events = 0;
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            pass();
            events += perPass;
        }

        sw.Stop();
        return (events / sw.Elapsed.TotalSeconds, (GC.GetAllocatedBytesForCurrentThread() - bytes0) / (double)events);
    }

    private static string? ExamplesFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kuajing.slnx")))
            {
                var path = Path.Combine(dir.FullName, "..", "shared", "data", "gs1-epcis-examples");
                return Directory.Exists(path) ? Path.GetFullPath(path) : null;
            }
        }

        return null;
    }
}
