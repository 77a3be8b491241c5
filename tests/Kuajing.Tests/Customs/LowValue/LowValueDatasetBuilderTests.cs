using Kuajing.Customs.LowValue;
using Kuajing.Goods;
using Kuajing.Orders;
using Kuajing.ReferenceData;
using NodaTime;
using Xunit;

namespace Kuajing.Tests.Customs.LowValue;

// Golden tests on real UCI Online Retail invoices (data/orders/online-retail, CC BY 4.0), planned as `kuajing plan`
// does (origin CNCGO, dates replayed +782 weeks). Rules: regulatory-facts.md §5.1 (H7: DE 11 10, DE 13 16 role FR5,
// DE 14 14), §5.2 (ICS2: 6-digit HS), §1.1 (EUR 150), §1.2 (GBP 135), §1.3 (USD 800; EO 14256 / EO 14324).
public sealed class LowValueDatasetBuilderTests
{
    private static readonly string Data = DataDirectory.Find();

    private static readonly Lazy<Dictionary<string, (Order Order, LowValueShipment Shipment)>> Planned = new(() =>
    {
        var files = new[] { "orders-2010-12.csv.gz", "orders-2011-04.csv.gz", "orders-2011-08.csv.gz" }
            .Select(f => Path.Combine(Data, "orders", "online-retail", f)).ToArray();
        var planned = Kuajing.Cli.LowValueCommands.PlanOrders(Data, files, ["562287", "536994", "536365", "550644"], 782, "CNCGO", null, out var problems);
        Assert.Empty(problems);
        return planned.ToDictionary(p => p.Order.OrderId);
    });

    private static readonly LowValueDatasetBuilder Builder = new(LowValueRules.Load(Data), ReferenceDataSet.Load(Data).Fx);

    private static LowValueEntry Entry(string invoice, LowValueParties? parties = null, string? ioss = null, EuVatRoute? route = null)
    {
        var (order, shipment) = Planned.Value[invoice];
        return new LowValueEntry(order, shipment, parties ?? LowValueParties.None, ioss, route);
    }

    private static IEnumerable<LowValueIssue> Errors(LowValueDataset d) => d.Issues.Where(i => i.Severity == LowValueIssueSeverity.Error);

    [Fact]
    public void Build_EuInvoice562287WithoutIoss_ReportsIossAndHsCodeByFieldName()
    {
        // Invoice 562287 (orders-2011-08.csv.gz lines 4378-4382, Spain): 3 plates 8 x 1.69 = 13.52 GBP each, a bowl
        // 8 x 1.25 = 10.00 GBP; the POSTAGE line is a charge, not goods. Intrinsic value 50.56 GBP (about EUR 58) <= EUR 150.
        var d = Builder.Build(Entry("562287"), LowValueDestination.EU);
        Assert.Equal("EU-H7", d.Dataset);
        Assert.Equal(LowValueDatasetStatus.Applicable, d.Status);
        Assert.Equal(new LocalDate(2026, 7, 30), d.OrderDate); // 2011-08-04 + 782 weeks
        Assert.Equal(4, d.Items.Count);
        Assert.Equal(["13.52", "13.52", "13.52", "10.00"], Enumerable.Range(0, 4).Select(i => d.ItemValue(i, "intrinsic_value")));

        var errors = Errors(d).Select(e => e.Field).ToArray();
        Assert.Contains("ioss_vat_id", errors);
        Assert.Contains("items[1].commodity_code_hs6", errors); // UCI lines carry no HS code
        Assert.Contains("items[4].commodity_code_hs6", errors);
        Assert.Null(d.HeaderValue("ioss_vat_id")); // never a blank or invented number
        Assert.Null(d.ItemValue(0, "additional_procedure"));
        Assert.Contains("DE 13 16", Errors(d).First(e => e.Field == "ioss_vat_id").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_EuInvoice562287WithIossAndHsCodes_IsCompleteApartFromListedGaps()
    {
        // The IOSS number and the HS codes are test inputs (fictional IOSS number; 6912.00 chosen for the test, not a
        // classification of these products). With IOSS: procedure C07 + F48 (AEAT DE 11 10), IOSS in DE 13 16 (FR5).
        var (order, shipment) = Planned.Value["562287"];
        var withHs = order with { Lines = order.Lines.Select(l => l with { Hs = new HsCode("69120000") }).ToArray() };
        var d = Builder.Build(new LowValueEntry(withHs, shipment, LowValueParties.None, "IM7240000001"), LowValueDestination.EU);
        Assert.Empty(Errors(d));
        Assert.Equal("IM7240000001", d.HeaderValue("ioss_vat_id"));
        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal("C07 F48", d.ItemValue(i, "additional_procedure")));
        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal("691200", d.ItemValue(i, "commodity_code_hs6")));
        Assert.Equal("GBP", d.HeaderValue("invoice_currency"));
        // Parties the UCI order lacks stay empty and are reported as gaps, not filled.
        Assert.Null(d.HeaderValue("buyer_name"));
        Assert.Contains(d.Issues, i => i.Field == "buyer_name" && i.Severity == LowValueIssueSeverity.Gap);
        // The mass rests on Kuajing weight estimates: a gap, so it is not declared as measured.
        Assert.Contains(d.Issues, i => i.Field == "gross_mass" && i.Severity == LowValueIssueSeverity.Gap);
    }

    [Theory]
    [InlineData(EuVatRoute.SpecialArrangements, "C07 F49")]
    [InlineData(EuVatRoute.Standard, "C07")]
    public void Build_EuWithoutIossOnAnExplicitRoute_UsesItsProcedureCodes(EuVatRoute route, string expected)
    {
        var d = Builder.Build(Entry("562287", route: route), LowValueDestination.EU);
        Assert.DoesNotContain(Errors(d), e => e.Field == "ioss_vat_id");
        Assert.Equal(expected, d.ItemValue(0, "additional_procedure"));
    }

    [Fact]
    public void Build_EuIossWithSpecialArrangements_IsAnError()
    {
        // AEAT DE 11 10: with an IOSS number only C07 and F48 are allowed.
        var d = Builder.Build(Entry("562287", ioss: "IM7240000001", route: EuVatRoute.SpecialArrangements), LowValueDestination.EU);
        Assert.Contains(Errors(d), e => e.Field == "ioss_vat_id");
    }

    [Fact]
    public void Build_EuForAUkOrder_IsNotApplicable()
    {
        var d = Builder.Build(Entry("536994"), LowValueDestination.EU);
        Assert.Equal(LowValueDatasetStatus.NotApplicable, d.Status);
        Assert.Contains(Errors(d), e => e.Field == "destination");
    }

    [Fact]
    public void Build_GbInvoice536994_NeedsTheSellersHmrcRegistration()
    {
        // Invoice 536994 (orders-2010-12.csv.gz lines 7186-7188): 8 x 3.75 + 9 x 5.95 + 1 x 14.95 = 30.00 + 53.55 + 14.95
        // = 98.50 GBP <= GBP 135: VAT at the point of sale by a seller registered with HMRC (regulatory-facts.md §1.2).
        var d = Builder.Build(Entry("536994"), LowValueDestination.GB);
        Assert.Equal(LowValueDatasetStatus.Applicable, d.Status);
        Assert.Equal("98.50", d.HeaderValue("intrinsic_value"));
        Assert.Contains(Errors(d), e => e.Field == "seller_vat_registration");

        var ok = Builder.Build(Entry("536994", new LowValueParties(SellerVatRegistration: "GB000000000")), LowValueDestination.GB); // fictional test input
        Assert.Empty(Errors(ok));
        Assert.Equal("GB000000000", ok.HeaderValue("seller_vat_registration"));
    }

    [Fact]
    public void Build_GbInvoice536365Over135_IsNotALowValueConsignment()
    {
        // Invoice 536365: 15.30 + 20.34 + 22.00 + 20.34 + 20.34 + 15.30 + 25.50 = 139.12 GBP > GBP 135.
        var d = Builder.Build(Entry("536365"), LowValueDestination.GB);
        Assert.Equal(LowValueDatasetStatus.NotApplicable, d.Status);
        Assert.Contains(Errors(d), e => e.Field == "intrinsic_value" && e.Message.Contains("139.12", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_UsInvoice550644In2026_IsSuspendedForChinaOrigin()
    {
        // Invoice 550644 (USA, 22 lines, 383.95 GBP), replayed to 2026-04: under USD 800 by value, but de minimis is
        // suspended for CN/HK goods since 2025-05-02 (EO 14256) and for every origin since 2025-08-29 (EO 14324).
        var d = Builder.Build(Entry("550644"), LowValueDestination.US);
        Assert.Equal(LowValueDatasetStatus.Suspended, d.Status);
        Assert.Equal(2, Errors(d).Count(e => e.Field == "regime"));
        Assert.Equal("CN", d.HeaderValue("country_of_origin"));
        Assert.NotNull(d.HeaderValue("fair_retail_value"));
    }

    [Theory]
    [InlineData(2025, 5, 1, LowValueDatasetStatus.Applicable)]
    [InlineData(2025, 5, 2, LowValueDatasetStatus.Suspended)]
    public void Build_UsChinaOriginAroundEo14256_SwitchesOnTheDay(int y, int m, int day, LowValueDatasetStatus expected)
    {
        var (order, shipment) = Planned.Value["550644"];
        var moved = order with { PlacedAt = new LocalDateTime(y, m, day, 12, 0) };
        Assert.Equal(expected, Builder.Build(new LowValueEntry(moved, shipment, LowValueParties.None), LowValueDestination.US).Status);
    }

    [Fact]
    public void WriteCsv_OneRowPerItemWithHeaderFieldsRepeated()
    {
        var d = Builder.Build(Entry("562287", ioss: "IM7240000001"), LowValueDestination.EU);
        using var text = new StringWriter();
        LowValueDatasetWriter.WriteCsv(text, [d]);
        var lines = text.ToString().TrimEnd().Split('\n');
        Assert.Equal(5, lines.Length); // header + 4 items
        Assert.StartsWith("dataset,country,order,order_date,status,item,ioss_vat_id,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("EU-H7,ES,562287,2026-07-30,applicable,1,IM7240000001,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void WriteJson_CarriesEachFieldsSourceAndDataElement()
    {
        var d = Builder.Build(Entry("562287", ioss: "IM7240000001"), LowValueDestination.EU);
        using var stream = new MemoryStream();
        LowValueDatasetWriter.WriteJson(stream, [d]);
        using var json = System.Text.Json.JsonDocument.Parse(stream.ToArray());
        var ioss = json.RootElement.GetProperty("datasets")[0].GetProperty("header").GetProperty("ioss_vat_id");
        Assert.Equal("13 16 000 000", ioss.GetProperty("de").GetString());
        Assert.Equal("C", ioss.GetProperty("sourceStatus").GetString());
        Assert.Contains("AEAT", ioss.GetProperty("source").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EveryFieldHasASourceAndUnconfirmedFieldsAreOnlyListed()
    {
        var rules = LowValueRules.Load(Data);
        foreach (var dest in Enum.GetValues<LowValueDestination>())
        {
            Assert.All(rules.Fields(dest), f =>
            {
                Assert.False(string.IsNullOrWhiteSpace(f.Source.Citation));
                if (f.Source.Status == Kuajing.Provenance.SourceStatus.Unconfirmed)
                {
                    Assert.Equal(LowValueRequirement.Listed, f.Requirement);
                }
            });
        }
    }
}
