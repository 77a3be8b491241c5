using Kuajing.Customs.China;
using Kuajing.Orders;
using Kuajing.ReferenceData;
using NodaTime;

namespace Kuajing.Tests.Customs.China;

/// <summary>
/// The real order the China customs tests declare: UCI Online Retail invoice 545645 (2011-03-04 12:42, Japan, three lines:
/// 22654 DELUXE SEWING KIT 1 × 5.95 GBP, 22968 ROSE COTTAGE KEEPSAKE BOX 1 × 9.95, 22652 TRAVEL SEWING KIT 1 × 1.65;
/// data/orders/online-retail/orders-2011-03.csv.gz, CC BY 4.0), replayed 782 weeks later like run.sh (2026-02-27), with the
/// declaration input samples/customs/545645-export.json (fictitious parties; see its _about).
/// </summary>
internal static class ChinaCustomsFixture
{
    public const string Invoice = "545645";

    /// <summary>The fixed declaration instant: 2026-02-27 14:00 China time.</summary>
    public static readonly Instant DeclaredAt = Instant.FromUtc(2026, 2, 27, 6, 0);

    private static readonly Lazy<ReferenceDataSet> LazyReference = new(() => ReferenceDataSet.Load(DataDirectory.Find()));
    private static readonly Lazy<Order> LazyOrder = new(() =>
    {
        var path = Path.Combine(DataDirectory.Find(), "orders", "online-retail", "orders-2011-03.csv.gz");
        var order = OrdersReader.Create(LazyReference.Value).Read(path).Orders.Single(o => o.OrderId == Invoice);
        return order with { PlacedAt = order.PlacedAt.PlusWeeks(782) };
    });

    public static ReferenceDataSet Reference => LazyReference.Value;

    public static Order Order => LazyOrder.Value;

    public static SupervisionModeTable Modes { get; } = SupervisionModeTable.LoadBundled(DataDirectory.Find());

    public static string SamplePath => Path.Combine(Tracking.SharedTrackingDataset.RepoRoot(), "samples", "customs", "545645-export.json");

    public static DeclarationInput ExportInput => DeclarationInputFile.Load(SamplePath);

    /// <summary>The same order as a what-if import into China: a PRC buyer (ID type 1) and consignee with a division code, departure country Japan.</summary>
    public static DeclarationInput ImportInput
    {
        get
        {
            var e = ExportInput;
            var buyer = new PersonIdentity("王小明", "1", "110101199003070000", "13800000000", "uci-12755");
            var consignee = new ConsigneeDetails("王小明", "13800000000", "河南省郑州市金水区示例路1号", "410105");
            return e with
            {
                Order = e.Order with { Buyer = buyer, Consignee = consignee },
                Payment = e.Payment! with { Payer = buyer },
                Waybill = e.Waybill with { Consignee = consignee },
                Office = e.Office with { Assurer = e.Order.Platform },
            };
        }
    }

    public static CrossBorderDeclaration Declare(CrossBorderMode mode, CustomsDirection direction, DeclarationInput? input = null, BondedStockLedger? ledger = null)
    {
        var result = CrossBorderDeclaration.Build(Modes, mode, direction, Order, input ?? (direction == CustomsDirection.Export ? ExportInput : ImportInput), Reference.Fx, DeclaredAt, ledger);
        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        return result.Declaration!;
    }
}
