using Kuajing.Tests.Cli;
using Kuajing.Storage;
using Microsoft.EntityFrameworkCore;

namespace Kuajing.Tests.EndToEnd;

/// <summary>
/// One <c>kuajing plan golden.csv --shift-weeks 782</c> run (default origin CNCGO, objective balanced, DAP, CNY)
/// over <see cref="GoldenInvoices.Planned"/>, shared by the golden tests: its exit code, console, JSON file and
/// stored rows.
/// </summary>
public sealed class GoldenRun : IAsyncLifetime, IDisposable
{
    private readonly PlanWorkspace _workspace = new();

    internal PlanRun Run { get; private set; } = null!;

    internal PlanFile Json { get; private set; } = null!;

    internal IReadOnlyList<OrderRecord> Stored { get; private set; } = [];

    internal string Input { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Input = _workspace.Write("golden.csv", GoldenInvoices.Csv(GoldenInvoices.Planned));
        Run = await PlanWorkspace.RunAsync(_workspace.Arguments(Input, shiftWeeks: GoldenInvoices.ShiftWeeks));
        Json = _workspace.ReadJson();
        await using var store = await _workspace.OpenStoreAsync();
        Stored = await store.Orders.AsNoTracking().Include(o => o.Shipment!).ThenInclude(s => s.Legs).ToListAsync();
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _workspace.Dispose();
}
