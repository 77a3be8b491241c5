using Kuajing.Money;
using Kuajing.Planning;
using Kuajing.Tests.Cli;
using Kuajing.Tests.ReferenceData;
using Kuajing.Storage;
using NodaTime;
using MoneyAmount = Kuajing.Money.Money;

namespace Kuajing.Tests.EndToEnd;

/// <summary>
/// Golden tests on real order rows through <c>kuajing plan</c>: five real UCI invoices (UK, two German, Australian,
/// Japanese) replayed 782 weeks later from the Zhengzhou hub. Every expected fact is worked out from the rows and from
/// the rules in <c>shared/reference/regulatory-facts.md</c> (cited per test), not copied from the program's output.
/// Amounts are compared in the quote currency (CNY) after converting the hand-computed GBP/EUR/JPY/AUD figures at the
/// bundled FX rates for the order date (FRED monthly rates, data/reference/fx-rates).
/// </summary>
public sealed class GoldenOrderTests(GoldenRun golden) : IClassFixture<GoldenRun>
{
    private static readonly CurrencyCode Cny = new("CNY");

    /// <summary>Amounts in the file are rounded to the cent; a computed figure may differ by a couple of cents of rounding.</summary>
    private const decimal Cent = 0.02m;

    [Fact]
    public void Plan_GoldenInvoices_AllAcceptedAndPlannedExitZero()
    {
        // Five valid invoices, nothing rejected: exit code 0 (PlanCommand.RunAsync: 0 when every record was accepted).
        Assert.Equal(0, golden.Run.ExitCode);
        Assert.Equal("golden", golden.Json.Source);
        Assert.Equal(GoldenInvoices.Planned.Select(i => i.Id), golden.Json.Orders.Select(o => o.OrderId));
        Assert.All(golden.Json.Orders, o => Assert.Equal("planned", o.Status));
    }

    [Fact]
    public void Plan_Shift782Weeks_PlacedAtIs5474DaysLaterSameWeekday()
    {
        foreach (var invoice in GoldenInvoices.Planned)
        {
            var order = golden.Json.Order(invoice.Id);
            // 782 weeks × 7 = 5,474 days; the hand-computed date must agree with NodaTime's arithmetic and keep the weekday.
            Assert.Equal(invoice.PlacedAt.PlusDays(5474), invoice.ShiftedPlacedAt);
            Assert.Equal(invoice.PlacedAt.DayOfWeek, invoice.ShiftedPlacedAt.DayOfWeek);
            Assert.Equal(invoice.ShiftedPlacedAt, order.PlacedAt);
            Assert.Equal(invoice.ShiftedPlacedAt.ToDateTimeUnspecified(), Stored(invoice.Id).PlacedAt);
        }
    }

    [Fact]
    public void Plan_GoldenInvoices_GoodsValueDestinationAndLineCountFromTheRows()
    {
        foreach (var invoice in GoldenInvoices.Planned)
        {
            var order = golden.Json.Order(invoice.Id);
            Assert.Equal(invoice.GoodsGbp, GoldenInvoices.SumOfRows(invoice));
            Assert.Equal(invoice.GoodsGbp, order.GoodsValue);
            Assert.Equal("GBP", order.GoodsCurrency); // UCI Online Retail prices are in sterling (SOURCE.md).
            Assert.Equal(invoice.Destination, order.Destination);
            Assert.Equal(invoice.Rows.Count, order.Lines);

            var stored = Stored(invoice.Id);
            Assert.Equal(invoice.GoodsGbp, stored.GoodsValue);
            Assert.Equal(invoice.Destination, stored.BuyerCountry);
            Assert.Equal(invoice.Rows.Count, stored.LineCount);
            Assert.Equal("golden|" + invoice.Id, stored.SourceKey);
        }
    }

    [Fact]
    public void Plan_GoldenInvoices_ParetoSetsLegsAndTrackingNumbersAreValid()
    {
        foreach (var invoice in GoldenInvoices.Planned)
        {
            PlanInvariants.AssertPlannedOrder(golden.Json.Order(invoice.Id), "CNCGO");
        }

        // One tracking number per shipment: no two orders share one.
        var numbers = golden.Json.Orders.Select(o => o.TrackingNumber).ToArray();
        Assert.Equal(numbers.Length, numbers.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Plan_UciRowsWithoutWeights_FlaggedEstimatedWeightAndPacking()
    {
        // The UCI data has no weights or sizes: every line is a Kuajing estimate (docs/order-format.md), and packing
        // always uses the estimated carton policy (data/planning/packing.csv, status E).
        foreach (var invoice in GoldenInvoices.Planned)
        {
            var order = golden.Json.Order(invoice.Id);
            Assert.True(order.WeightEstimated);
            Assert.Contains("estimated-weight", order.Flags);
            Assert.Contains("estimated-packing", order.Flags);
            Assert.True(Stored(invoice.Id).WeightEstimated);
            Assert.Contains("estimated-weight", Stored(invoice.Id).Shipment!.Flags.Split(';'));
        }
    }

    [Fact]
    public void Plan_GoldenInvoices_LandedCostIsTheSumOfItsLinesAndSplitsBetweenPayers()
    {
        // Landed cost = freight + insurance + duty + import tax + fees (issue #2); lines not included (insurance) or
        // included in a carrier's DDP freight are not added again; a Range or LowerBound line counts at its low end.
        foreach (var order in golden.Json.Orders)
        {
            foreach (var plan in order.ParetoSet)
            {
                var counted = plan.Costs.Where(c => c.Status is "Known" or "LowerBound" or "Range").ToArray();
                Assert.All(counted, c => Assert.NotNull(c.Amount));
                Assert.InRange(plan.LandedCost - counted.Sum(c => c.Amount!.Value), -Cent, Cent);
                Assert.InRange(plan.LandedCost - (plan.SellerPays + plan.BuyerPays), -Cent, Cent);
                Assert.Equal("CNY", plan.Currency);

                // Unknown is never a silent zero, and an incomplete quote says so.
                Assert.All(plan.Costs.Where(c => c.Status == "Unknown"), c => Assert.Null(c.Amount));
                if (plan.Costs.Any(c => c.Status is "Unknown" or "LowerBound" or "Range"))
                {
                    Assert.False(plan.LandedCostComplete, $"order {order.OrderId}: a plan with an unknown or bounded line is marked complete");
                }
            }
        }
    }

    [Fact]
    public void Plan_Uk536365AboveGbp135_DutyUnknownNotZeroVatAtBorderCostIncomplete()
    {
        // regulatory-facts.md §1.2 (gov.uk, from 2021-01-01): consignments > GBP 135 (intrinsic value) pay import VAT at
        // the border and customs duty may apply; the no-duty relief covers only <= GBP 135. 139.12 > 135, so no relief:
        // the duty rate is not known (no tariff data) -> the duty line is Unknown (never 0), the landed cost incomplete.
        var invoice = GoldenInvoices.Uk536365;
        var order = golden.Json.Order(invoice.Id);
        var goodsCny = InCny(invoice.GoodsGbp, "GBP", invoice.ShiftedPlacedAt.Date);
        foreach (var plan in order.ParetoSet)
        {
            var duty = plan.Cost("Duty");
            Assert.DoesNotContain(plan.Costs, c => c.Rule == "GB-DUTY-RELIEF-135" || c.Rule == "GB-POS-VAT-135");
            if (plan.Flags.Contains("carrier-ddp-includes-duty"))
            {
                Assert.Equal("IncludedInFreight", duty.Status);
                continue;
            }

            Assert.Equal("Unknown", duty.Status);
            Assert.Null(duty.Amount);
            Assert.Contains("duty-rate-unknown", plan.Flags);
            Assert.False(plan.LandedCostComplete);
            Assert.Null(plan.LandedCostHigh);

            // DAP (Incoterms 2020): import duty and taxes are the buyer's.
            Assert.Equal("Buyer", duty.Payer);
            var vat = plan.Cost("ImportVat");
            Assert.Equal("GB-IMPORT-VAT", vat.Rule);
            Assert.Equal("Buyer", vat.Payer);

            // Customs value on a CIF basis (destination-profiles.csv GB, status U): goods plus freight to the border,
            // so at least the goods and at most goods + all freight.
            var freight = plan.Cost("Freight").Amount!.Value;
            Assert.NotNull(plan.CustomsValue);
            Assert.InRange(plan.CustomsValue!.Value, goodsCny - Cent, goodsCny + freight + Cent);

            // UK VAT 20 % (vat-rates.csv GB from 2011-01-04) on customs value + duty; the duty is unknown, so the VAT
            // shown is 20 % of the known part of the base, a lower bound.
            Assert.Equal("LowerBound", vat.Status);
            Assert.InRange(vat.Amount!.Value - (0.20m * plan.CustomsValue.Value), -Cent, Cent);
        }

        var shipment = Stored(invoice.Id).Shipment!;
        Assert.False(shipment.LandedCostComplete);
        if (!order.ChosenPlan.Flags.Contains("carrier-ddp-includes-duty"))
        {
            Assert.Null(shipment.Duty);
        }
    }

    [Fact]
    public void Plan_Germany538644BelowEur150Before20260701_DutyRelievedAndIossVatCollectedBySeller()
    {
        // regulatory-facts.md §1.1: duty relief for consignments with intrinsic value <= EUR 150 (Reg. (EC) 1186/2009
        // art. 23(1)) until the EUR 3 interim duty starts on 2026-07-01; IOSS (from 2021-07-01) for <= EUR 150: the
        // seller charges VAT at checkout at the destination's rate (DE 19 %, vat-rates.csv from 2021-01-01) on the
        // price plus the transport charged (VAT base includes transport; destination-profiles.csv DE pos_vat_base).
        var invoice = GoldenInvoices.Germany538644;
        var order = golden.Json.Order(invoice.Id);
        var date = invoice.ShiftedPlacedAt.Date;
        Assert.True(date < new LocalDate(2026, 7, 1));
        Assert.True(InCny(invoice.GoodsGbp, "GBP", date) < InCny(150m, "EUR", date));
        var goodsCny = InCny(invoice.GoodsGbp, "GBP", date);
        Assert.Contains("ioss-eligible", order.Flags);
        Assert.Contains("duty-relief-applied", order.Flags);
        foreach (var plan in order.ParetoSet)
        {
            var duty = plan.Cost("Duty");
            Assert.Equal("EU-DUTY-RELIEF-ART23", duty.Rule);
            Assert.Equal(0m, duty.Amount);
            Assert.DoesNotContain(plan.Costs, c => c.Rule == "EU-FLAT-DUTY-3EUR");

            var vat = plan.Cost("ImportVat");
            Assert.Equal("EU-IOSS-150", vat.Rule);
            Assert.Equal("Seller", vat.Payer);
            Assert.Equal("Known", vat.Status);
            var freight = plan.Cost("Freight").Amount!.Value;
            Assert.InRange(vat.Amount!.Value - (0.19m * (goodsCny + freight)), -Cent, Cent);

            // DAP: freight is the seller's; the duty is relieved and IOSS VAT is the seller's, so the buyer pays nothing.
            Assert.Equal(0m, plan.BuyerPays);
        }

        Assert.Equal(0m, Stored(invoice.Id).Shipment!.Duty);
    }

    [Fact]
    public void Plan_Germany560544BelowEur150After20260701_FlatDutyEur3PerSubheading()
    {
        // regulatory-facts.md §1.1: interim flat duty of EUR 3 per distinct item category (tariff sub-heading) in
        // parcels under EUR 150, 2026-07-01 to 2028-07-01; the art. 23 relief no longer applies. The UCI rows carry no
        // HS code, so with 4 lines there are between 1 and 4 distinct sub-headings: EUR 3 to EUR 12.
        var invoice = GoldenInvoices.Germany560544;
        var order = golden.Json.Order(invoice.Id);
        var date = invoice.ShiftedPlacedAt.Date;
        Assert.True(date >= new LocalDate(2026, 7, 1) && date < new LocalDate(2028, 7, 1));
        Assert.True(InCny(invoice.GoodsGbp, "GBP", date) < InCny(150m, "EUR", date));
        var eur3 = InCny(3m, "EUR", date);
        Assert.Contains("eu-flat-duty-3eur", order.Flags);
        Assert.Contains("hs-code-missing", order.Flags);
        foreach (var plan in order.ParetoSet)
        {
            var duty = plan.Cost("Duty");
            Assert.Equal("EU-FLAT-DUTY-3EUR", duty.Rule);
            Assert.DoesNotContain(plan.Costs, c => c.Rule == "EU-DUTY-RELIEF-ART23");
            Assert.NotNull(duty.Amount);
            Assert.InRange(duty.Amount!.Value - eur3, -Cent, Cent);
            if (duty.Status == "Range")
            {
                Assert.InRange(duty.High!.Value - (4 * eur3), -Cent, Cent);
            }
            else
            {
                // A carrier whose DDP price includes duty and tax reports the duty for information, not added again.
                Assert.Equal("IncludedInFreight", duty.Status);
                Assert.Contains("carrier-ddp-includes-duty", plan.Flags);
            }

            Assert.Equal("EU-IOSS-150", plan.Cost("ImportVat").Rule);
        }
    }

    [Fact]
    public void Plan_Australia543372BelowAud1000_DutyRelievedAndGstCollectedAtCheckout()
    {
        // regulatory-facts.md §1.5 (Home Affairs, from 2018-07-01): GST 10 % on goods with customs value <= AUD 1,000 is
        // collected at the point of sale by the overseas vendor; the AUD 1,000 border threshold for duty did not change.
        // GST base: price plus transport charged (destination-profiles.csv AU pos_vat_base goods+freight).
        var invoice = GoldenInvoices.Australia543372;
        var order = golden.Json.Order(invoice.Id);
        var date = invoice.ShiftedPlacedAt.Date;
        var goodsCny = InCny(invoice.GoodsGbp, "GBP", date);
        Assert.True(goodsCny < InCny(1000m, "AUD", date));
        foreach (var plan in order.ParetoSet)
        {
            var duty = plan.Cost("Duty");
            Assert.Equal("AU-DUTY-RELIEF-1000", duty.Rule);
            Assert.Equal(0m, duty.Amount);
            var gst = plan.Cost("ImportVat");
            Assert.Equal("AU-POS-GST-1000", gst.Rule);
            Assert.Equal("Seller", gst.Payer);
            if (plan.Cost("Freight").Status == "Known")
            {
                Assert.InRange(gst.Amount!.Value - (0.10m * (goodsCny + plan.Cost("Freight").Amount!.Value)), -Cent, Cent);
            }

            Assert.Equal(0m, plan.BuyerPays);
        }
    }

    [Fact]
    public void Plan_Japan545645CustomsValueUpToJpy10000_DutyAndConsumptionTaxRelieved()
    {
        // regulatory-facts.md §1.7 (Japan Customs 1006): total customs value <= JPY 10,000 is exempt from duty and
        // consumption tax (the tax exemption ends 2028-04-01 under the FY2026 reform, after this order). Japan's basis
        // is CIF (destination-profiles.csv, status U): the test is applied per plan, on goods + freight to the border.
        var invoice = GoldenInvoices.Japan545645;
        var order = golden.Json.Order(invoice.Id);
        var date = invoice.ShiftedPlacedAt.Date;
        var limit = InCny(10_000m, "JPY", date);
        foreach (var plan in order.ParetoSet)
        {
            Assert.NotNull(plan.CustomsValue);
            var duty = plan.Cost("Duty");
            var tax = plan.Cost("ImportVat");
            if (plan.CustomsValue!.Value <= limit - Cent)
            {
                Assert.Equal(("JP-DUTY-RELIEF-10000", 0m), (duty.Rule, duty.Amount));
                Assert.Equal(("JP-TAX-RELIEF-10000", 0m), (tax.Rule, tax.Amount));
                // Nothing but freight is due (insurance not included; no Japanese parcel fee in the rules).
                Assert.Equal(plan.Cost("Freight").Amount, plan.LandedCost);
            }
            else if (plan.CustomsValue.Value > limit + Cent)
            {
                Assert.NotEqual("JP-DUTY-RELIEF-10000", duty.Rule);
                Assert.Equal("JP-IMPORT-TAX", tax.Rule);
            }
        }

        // The cheapest plan of a GBP 17.55 order must fall under the limit: the relief is exercised, not vacuous.
        Assert.Contains(order.ParetoSet, p => p.CustomsValue <= limit - Cent);
    }

    [Fact]
    public void Plan_GoldenInvoices_StoredShipmentIsTheChosenPlan()
    {
        foreach (var invoice in GoldenInvoices.Planned)
        {
            var order = golden.Json.Order(invoice.Id);
            var chosen = order.ChosenPlan;
            var stored = Stored(invoice.Id);
            Assert.Equal(OrderStatus.Planned, stored.Status);
            var shipment = stored.Shipment!;
            Assert.Equal(order.TrackingNumber, shipment.TrackingNumber);
            Assert.Equal(chosen.LandedCost, shipment.LandedCost);
            Assert.Equal(chosen.DeliveredAt.ToDateTimeUtc(), DateTime.SpecifyKind(shipment.DeliveredAtUtc, DateTimeKind.Utc));
            Assert.Equal(chosen.Legs.Select(l => l.Lane), shipment.Legs.OrderBy(l => l.Sequence).Select(l => l.LaneId));
            Assert.Equal(Enumerable.Range(1, chosen.Legs.Count), shipment.Legs.Select(l => l.Sequence).Order());
            Assert.Equal(("CNCGO", "balanced", "DAP", "CNY"), (shipment.OriginNode, shipment.Objective, shipment.Incoterm, shipment.QuoteCurrency));
        }
    }

    private OrderRecord Stored(string orderId) => golden.Stored.Single(o => o.OrderId == orderId);

    private static decimal InCny(decimal amount, string currency, LocalDate on) =>
        Bundled.Data.Fx.Convert(new MoneyAmount(amount, new CurrencyCode(currency)), Cny, on).Amount;
}

/// <summary>The golden rows are the real lines they cite.</summary>
public sealed class GoldenInvoicesTests
{
    [Fact]
    public void GoldenRows_CitedFileAndLines_AreVerbatimLinesOfTheBundledData()
    {
        foreach (var invoice in GoldenInvoices.All)
        {
            Assert.Equal(invoice.Rows, GoldenInvoices.BundledLines(invoice.File, invoice.FirstLine, invoice.Rows.Count));
        }
    }

    [Fact]
    public void GoldenRows_NeighbouringLines_BelongToOtherInvoices()
    {
        // The cited range holds the whole invoice: the lines just before and after belong to another invoice (or are
        // the header), so no row of it was left out.
        foreach (var invoice in GoldenInvoices.All)
        {
            var around = GoldenInvoices.BundledLines(invoice.File, invoice.FirstLine - 1, invoice.Rows.Count + 2);
            Assert.False(around[0].StartsWith(invoice.Id + ",", StringComparison.Ordinal), $"{invoice.Id}: line {invoice.FirstLine - 1} is part of it");
            Assert.False(around[^1].StartsWith(invoice.Id + ",", StringComparison.Ordinal), $"{invoice.Id}: line {invoice.FirstLine + invoice.Rows.Count} is part of it");
        }
    }
}
