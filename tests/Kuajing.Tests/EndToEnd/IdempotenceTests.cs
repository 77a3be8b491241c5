using Kuajing.Storage;
using Kuajing.Tests.Cli;
using Microsoft.EntityFrameworkCore;

namespace Kuajing.Tests.EndToEnd;

/// <summary>Issue #2: "a re-run with the same input does not duplicate anything".</summary>
public sealed class IdempotenceTests : IDisposable
{
    private readonly PlanWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Plan_SameInputTwiceIntoSameDb_RowCountsAndTrackingNumbersUnchanged()
    {
        var input = _workspace.Write("golden.csv", GoldenInvoices.Csv(GoldenInvoices.All));
        var args = _workspace.Arguments(input, shiftWeeks: GoldenInvoices.ShiftWeeks);

        var first = await PlanWorkspace.RunAsync(args);
        var firstJson = _workspace.ReadJson();
        var before = await SnapshotAsync();

        // Five planned invoices and one cancellation: six orders, five shipments, and as many legs as the chosen plans have.
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(6, before.Orders);
        Assert.Equal(5, before.Shipments);
        Assert.Equal(firstJson.Orders.Sum(o => o.ChosenPlan.Legs.Count), before.Legs);

        var second = await PlanWorkspace.RunAsync(args);
        var after = await SnapshotAsync();

        Assert.Equal(0, second.ExitCode);
        Assert.Equal((before.Orders, before.Shipments, before.Legs), (after.Orders, after.Shipments, after.Legs));
        Assert.Equal(before.Tracking, after.Tracking);
        Assert.Equal(
            firstJson.Orders.Select(o => (o.OrderId, o.TrackingNumber)),
            _workspace.ReadJson().Orders.Select(o => (o.OrderId, o.TrackingNumber)));
    }

    [Fact]
    public async Task Plan_SameFileNameFromAnotherFolder_SameSourceKeysNoDuplicates()
    {
        // The order's identity is "file name|order id" (PlanRecordMapping.SourceKey), so the same export copied to
        // another folder replaces its earlier rows rather than adding new ones.
        var content = GoldenInvoices.Csv([GoldenInvoices.Uk536365, GoldenInvoices.Germany538644]);
        var a = _workspace.Write("export.csv", content);
        Directory.CreateDirectory(Path.Combine(_workspace.Root, "copy"));
        var b = _workspace.Write(Path.Combine("copy", "export.csv"), content);

        await PlanWorkspace.RunAsync(_workspace.Arguments(a, shiftWeeks: GoldenInvoices.ShiftWeeks));
        var before = await SnapshotAsync();
        await PlanWorkspace.RunAsync(_workspace.Arguments(b, shiftWeeks: GoldenInvoices.ShiftWeeks));
        var after = await SnapshotAsync();

        Assert.Equal(2, after.Orders);
        Assert.Equal(before.Tracking, after.Tracking);
        Assert.Equal(["export|536365", "export|538644"], after.Tracking.Keys.Order(StringComparer.Ordinal));
    }

    private async Task<Snapshot> SnapshotAsync()
    {
        await using var store = await _workspace.OpenStoreAsync();
        return new Snapshot(
            await store.Orders.CountAsync(),
            await store.Shipments.CountAsync(),
            await store.Legs.CountAsync(),
            await store.TrackingNumbersBySourceKeyAsync(CancellationToken.None));
    }

    private sealed record Snapshot(int Orders, int Shipments, int Legs, Dictionary<string, string> Tracking);
}
