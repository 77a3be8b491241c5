using System.Globalization;
using System.IO.Compression;
using CsvHelper;
using Kuajing.Storage;
using Kuajing.Tests.Cli;
using Microsoft.EntityFrameworkCore;

namespace Kuajing.Tests.EndToEnd;

/// <summary>
/// One whole bundled month (orders-2010-12.csv.gz, 41,000+ real lines) through <c>kuajing plan --shift-weeks 782</c>.
/// The counts the run must reproduce are taken here straight from the file (invoice numbers, quantities, stock codes),
/// by rules stated in docs/order-format.md, not from the program's own summary.
/// </summary>
public sealed class FullMonthTests : IDisposable
{
    private const string Month = "orders-2010-12.csv.gz";

    private readonly PlanWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Plan_December2010_EveryInvoiceAccountedForAndCancellationsStored()
    {
        var path = Path.Combine(Kuajing.ReferenceData.DataDirectory.Find(), "orders", "online-retail", Month);
        var invoices = ReadInvoices(path);
        var nonGoods = ReadNonGoodsCodes();

        var run = await PlanWorkspace.RunAsync(_workspace.Arguments(path, shiftWeeks: GoldenInvoices.ShiftWeeks));

        // The month holds returns and unresolvable countries, so something is rejected: exit code 1.
        Assert.Equal(1, run.ExitCode);
        var rejected = _workspace.ReadRejections();
        var rejectedIds = rejected.Select(r => r.OrderId).ToHashSet(StringComparer.Ordinal);
        Assert.All(rejected, r => Assert.Equal(path, r.File));

        await using var store = await _workspace.OpenStoreAsync();
        var stored = await store.Orders.AsNoTracking().Include(o => o.Shipment!).ThenInclude(s => s.Legs).ToListAsync();
        var byStatus = stored.GroupBy(o => o.Status).ToDictionary(g => g.Key, g => g.Count());

        // UCI SOURCE.md: an invoice number starting with 'C' is a cancellation; each is stored once, as Cancelled.
        var cancellations = invoices.Keys.Where(k => k.StartsWith('C')).ToHashSet(StringComparer.Ordinal);
        Assert.True(cancellations.Count > 100);
        Assert.Equal(cancellations.Order(StringComparer.Ordinal), stored.Where(o => o.Status == OrderStatus.Cancelled).Select(o => o.OrderId).Order(StringComparer.Ordinal));
        Assert.All(stored.Where(o => o.Status != OrderStatus.Planned), o => Assert.Null(o.Shipment));

        // docs/order-format.md: quantity <= 0 outside a C invoice (a return or adjustment) rejects the whole invoice.
        var returns = invoices.Where(i => !i.Key.StartsWith('C') && i.Value.Any(l => l.Quantity <= 0)).Select(i => i.Key).ToArray();
        Assert.NotEmpty(returns);
        Assert.All(returns, id => Assert.Contains(id, rejectedIds));

        // docs/order-format.md: 'Channel Islands' is ambiguous (Jersey or Guernsey) and never guessed: rejected.
        var channelIslands = invoices.Where(i => !i.Key.StartsWith('C') && i.Value.Any(l => l.Country == "Channel Islands")).Select(i => i.Key).ToArray();
        Assert.NotEmpty(channelIslands);
        Assert.All(channelIslands, id => Assert.Contains(id, rejectedIds));

        // Nothing half-written: no rejected invoice has a row.
        var storedIds = stored.Select(o => o.OrderId).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(rejectedIds.Intersect(storedIds));

        // Nothing silently dropped: every ordinary invoice is planned, without a route, rejected, or made only of
        // charges (postage, fees: data/orders/online-retail/non-goods-stock-codes.csv), which yields no order.
        var ordinary = invoices.Keys.Where(k => !k.StartsWith('C')).ToArray();
        var chargesOnly = ordinary.Where(k => !rejectedIds.Contains(k) && invoices[k].All(l => IsNonGoods(l.StockCode, nonGoods))).ToArray();
        Assert.Equal(
            ordinary.Length,
            byStatus.GetValueOrDefault(OrderStatus.Planned) + byStatus.GetValueOrDefault(OrderStatus.NoRoute) + rejectedIds.Count + chargesOnly.Length);
        Assert.Empty(chargesOnly.Intersect(storedIds));

        // Most of a month plans, each shipment with legs and its own valid tracking number.
        var shipments = stored.Where(o => o.Shipment is not null).Select(o => o.Shipment!).ToArray();
        Assert.True(shipments.Length > ordinary.Length / 2, $"only {shipments.Length} of {ordinary.Length} invoices planned");
        Assert.All(shipments, s => Assert.NotEmpty(s.Legs));
        Assert.Equal(shipments.Length, shipments.Select(s => s.TrackingNumber).Distinct(StringComparer.Ordinal).Count());
        foreach (var s in shipments)
        {
            PlanInvariants.AssertKuajingS10(s.TrackingNumber);
        }
    }

    private static Dictionary<string, List<UciLine>> ReadInvoices(string path)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var invoices = new Dictionary<string, List<UciLine>>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var id = csv.GetField("InvoiceNo")!;
            if (!invoices.TryGetValue(id, out var lines))
            {
                invoices[id] = lines = [];
            }

            lines.Add(new UciLine(csv.GetField("StockCode")!, int.Parse(csv.GetField("Quantity")!, CultureInfo.InvariantCulture), csv.GetField("Country")!));
        }

        return invoices;
    }

    private static (HashSet<string> Exact, string[] Prefixes) ReadNonGoodsCodes()
    {
        using var reader = new StreamReader(Path.Combine(Kuajing.ReferenceData.DataDirectory.Find(), "orders", "online-retail", "non-goods-stock-codes.csv"));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var exact = new HashSet<string>(StringComparer.Ordinal);
        var prefixes = new List<string>();
        while (csv.Read())
        {
            (csv.GetField("match") == "prefix" ? (ICollection<string>)prefixes : exact).Add(csv.GetField("stock_code")!);
        }

        return (exact, [.. prefixes]);
    }

    private static bool IsNonGoods(string code, (HashSet<string> Exact, string[] Prefixes) nonGoods) =>
        nonGoods.Exact.Contains(code) || nonGoods.Prefixes.Any(p => code.StartsWith(p, StringComparison.Ordinal));

    private sealed record UciLine(string StockCode, int Quantity, string Country);
}
