using Kuajing.Storage;
using Kuajing.Tests.Cli;
using Microsoft.EntityFrameworkCore;

namespace Kuajing.Tests.EndToEnd;

/// <summary>
/// Issue #2: "an invoice numbered C… cancels earlier lines (negative quantities). Recognise it as a cancellation, not
/// an error: nothing ships, the summary counts it." (UCI SOURCE.md: an InvoiceNo starting with 'c' is a cancellation.)
/// </summary>
public sealed class CancellationTests : IDisposable
{
    private readonly PlanWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Plan_UciCancellationInvoice_StoredCancelledWithoutShipmentAndCounted()
    {
        var invoices = new[] { GoldenInvoices.Uk536365, GoldenInvoices.CancellationC536383 };
        var input = _workspace.Write("with-cancellation.csv", GoldenInvoices.Csv(invoices));
        var run = await PlanWorkspace.RunAsync(_workspace.Arguments(input, shiftWeeks: GoldenInvoices.ShiftWeeks));

        // Not an error: nothing rejected, exit 0, an empty rejections file (header only).
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(_workspace.ReadRejections());
        Assert.Matches(@"cancellations \(nothing ships\)\s*│\s*1\s*│", run.Console);

        await using var store = await _workspace.OpenStoreAsync();
        var cancelled = await store.Orders.AsNoTracking().Include(o => o.Shipment).SingleAsync(o => o.OrderId == "C536383");
        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Null(cancelled.Shipment);
        Assert.Equal(1, cancelled.LineCount);
        Assert.Equal("with-cancellation|C536383", cancelled.SourceKey);
        Assert.Equal(GoldenInvoices.CancellationC536383.ShiftedPlacedAt.ToDateTimeUnspecified(), cancelled.PlacedAt);

        // Nothing ships: the only shipment is the real order's, and no plan is written for the cancellation.
        Assert.Equal(1, await store.Shipments.CountAsync());
        Assert.DoesNotContain(_workspace.ReadJson().Orders, o => o.OrderId == "C536383");
    }
}
