using Kuajing.Storage;
using Kuajing.Tests.Cli;
using Microsoft.EntityFrameworkCore;

namespace Kuajing.Tests.EndToEnd;

/// <summary>
/// Bad input through <c>kuajing plan</c> (issue #2: "every rejected row or order is reported with file, line, field
/// and reason (also written to a rejections file); valid orders beside it are still planned; the exit code says
/// whether anything was rejected"), on the generic CSV format of docs/order-format.md.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    // Line numbers are physical lines; the header is line 1 (docs/order-format.md, "Validation policy").
    private const string Csv =
        "order_id,placed_at,buyer_country,buyer_postcode,sku,description,hs_code,quantity,unit_value,currency,unit_weight_kg,length_cm,width_cm,height_cm,hazards\n" +
        // line 2: valid
        "GOOD-1,2025-12-01T10:00:00,DE,10115,TS-COT-M,\"Men's cotton T-shirt, knitted\",610910,2,8.50,EUR,0.18,30,25,2,\n" +
        // line 3: malformed CSV (RFC 4180 §2.5: a field containing quotes must be enclosed in quotes)
        "BAD-ROW,2025-12-01T10:05:00,DE,10115,MUG-CER-01,Ceramic \"coffee\" mug,691200,1,3.20,EUR,0.36,12,9,10,\n" +
        // line 4: unknown country
        "BAD-COUNTRY,2025-12-01T10:10:00,Atlantis,,MUG-CER-01,Ceramic coffee mug,691200,1,3.20,EUR,0.36,12,9,10,\n" +
        // lines 5-6: a valid line, then a negative quantity in the same order: the whole order is rejected
        "BAD-QTY,2025-12-01T10:15:00,FR,75011,MUG-CER-01,Ceramic coffee mug,691200,1,3.20,EUR,0.36,12,9,10,\n" +
        "BAD-QTY,2025-12-01T10:15:00,FR,75011,TS-COT-M,\"Men's cotton T-shirt, knitted\",610910,-3,8.50,EUR,0.18,30,25,2,\n" +
        // line 7: a currency with no exchange rate
        "BAD-CCY,2025-12-01T10:20:00,FR,75011,MUG-CER-01,Ceramic coffee mug,691200,1,3.20,ZZZ,0.36,12,9,10,\n" +
        // line 8: valid
        "GOOD-2,2025-12-02,GB,SW1A 1AA,MUG-CER-01,Ceramic coffee mug,691200,4,3.20,GBP,0.36,12,9,10,\n";

    private readonly PlanWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Plan_GenericCsvWithBadRows_ExitOneAndEachRejectionNamesFileLineFieldReason()
    {
        var input = _workspace.Write("mixed.csv", Csv);
        var run = await PlanWorkspace.RunAsync(_workspace.Arguments(input));

        // 1 = some input was rejected (PlanCommand.RunAsync, Program.Main).
        Assert.Equal(1, run.ExitCode);
        var rejections = _workspace.ReadRejections();
        Assert.Equal(
            [(3, "(row)", "BAD-ROW"), (4, "buyer_country", "BAD-COUNTRY"), (6, "quantity", "BAD-QTY"), (7, "currency", "BAD-CCY")],
            rejections.Select(r => (r.Line, r.Field, r.OrderId)));
        Assert.All(rejections, r => Assert.Equal(input, r.File));

        // Each reason shows what was found, so a user can find and fix it.
        Assert.Contains("malformed CSV", rejections[0].Reason, StringComparison.Ordinal);
        Assert.Contains("Atlantis", rejections[1].Reason, StringComparison.Ordinal);
        Assert.Contains("-3", rejections[2].Reason, StringComparison.Ordinal);
        Assert.Contains("ZZZ", rejections[3].Reason, StringComparison.Ordinal);

        // The summary counts them too.
        Assert.Matches(@"orders rejected \(bad input\)\s*│\s*4\s*│", run.Console);
    }

    [Fact]
    public async Task Plan_GenericCsvWithBadRows_ValidOrdersPlannedAndRejectedOrdersNotStored()
    {
        var input = _workspace.Write("mixed.csv", Csv);
        await PlanWorkspace.RunAsync(_workspace.Arguments(input));

        await using var store = await _workspace.OpenStoreAsync();
        var orders = await store.Orders.AsNoTracking().Include(o => o.Shipment!).ThenInclude(s => s.Legs).OrderBy(o => o.OrderId).ToListAsync();

        // Nothing half-written: a rejected order (even BAD-QTY, whose first line was valid) has no row at all.
        Assert.Equal(["GOOD-1", "GOOD-2"], orders.Select(o => o.OrderId));
        Assert.All(orders, o =>
        {
            Assert.Equal(OrderStatus.Planned, o.Status);
            Assert.NotNull(o.Shipment);
            Assert.NotEmpty(o.Shipment!.Legs);
        });
        Assert.Equal(2, await store.Shipments.CountAsync());

        // GOOD-1 gives its weight and size, so it is not an estimate; GOOD-2 too.
        Assert.All(orders, o => Assert.False(o.WeightEstimated));
        var json = _workspace.ReadJson();
        Assert.Equal(["GOOD-1", "GOOD-2"], json.Orders.Select(o => o.OrderId));
        Assert.All(json.Orders, o => PlanInvariants.AssertPlannedOrder(o, "CNCGO"));
    }
}
