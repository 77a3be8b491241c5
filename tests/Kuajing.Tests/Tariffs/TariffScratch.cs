using Kuajing.Tariffs;
using Xunit.Abstractions;

namespace Kuajing.Tests.Tariffs;

public sealed class TariffScratch(ITestOutputHelper output)
{
    [Fact]
    public void Print()
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var store = TariffStore.LoadBundled();
        foreach (var r in store.LoadAll())
        {
            output.WriteLine($"{r.ScheduleId} read {r.RowsRead} parsed {r.Parsed} unparsed {r.Unparsed}");
            foreach (var kv in r.UnparsedByPattern.Take(12))
            {
                output.WriteLine($"   {kv.Value} {kv.Key}");
            }
        }

        output.WriteLine($"{sw.ElapsedMilliseconds} ms; s301 {store.AdditionalDuties.Section301CodeCount}");
    }
}
