using Kuajing.Geography;
using Kuajing.Goods;
using Kuajing.LandedCost;
using Kuajing.Lanes;
using Kuajing.Money;
using Kuajing.ReferenceData;
using Kuajing.Trade;
using NodaTime;

namespace Kuajing.Tests.LandedCost;

/// <summary>The bundled rule book and a test FX table with round rates, so expected figures can be worked by hand.</summary>
internal static class LandedCostFixture
{
    private static readonly Lazy<ImportRuleBook> LazyBook = new(() => ImportRuleBook.Load(DataDirectory.Find()));

    public static ImportRuleBook Book => LazyBook.Value;

    /// <summary>Units per USD, every month 2015-01 .. 2027-12: EUR 0.8, GBP 0.8, CAD 1.25, AUD 1.5, RON 4, CNY 7.</summary>
    public static FxRates Fx { get; } = BuildFx();

    /// <summary>The rule-book calculator without tariff schedules: these tests check the import rules alone (duty unknown where no rule gives it).</summary>
    public static LandedCostCalculator Calculator { get; } = new(Book.WithTariffs(Kuajing.Tariffs.TariffStore.Empty), Fx);

    /// <summary>The calculator with the bundled tariff schedules (data/tariffs).</summary>
    public static LandedCostCalculator TariffCalculator { get; } = new(Book, Fx);

    public static CurrencyCode Ccy(string code) => new(code);

    public static Money.Money M(decimal amount, string currency) => new(amount, new CurrencyCode(currency));

    public static CustomsLine Line(decimal value, string currency, string? hs = "610910", int quantity = 1, string description = "cotton T-shirt") =>
        new(description, hs is null ? null : new HsCode(hs), quantity, M(value, currency));

    public static LandedCostRequest Request(
        string origin,
        string destination,
        LocalDate date,
        IReadOnlyList<CustomsLine> lines,
        decimal freight,
        decimal freightToBorder,
        string currency,
        Incoterm incoterm = Incoterm.DAP,
        ClearanceChannel channel = ClearanceChannel.Courier,
        bool dutyAndTaxIncluded = false) =>
        new(new CountryCode(origin), new CountryCode(destination), date, incoterm, lines,
            M(freight, currency), M(freightToBorder, currency), channel, dutyAndTaxIncluded, new CurrencyCode(currency));

    public static CostLine Single(LandedCostQuote quote, CostKind kind) => Assert.Single(quote.LinesOf(kind));

    private static FxRates BuildFx()
    {
        var rows = new List<FxRate>();
        var perUsd = new Dictionary<string, decimal> { ["EUR"] = 0.8m, ["GBP"] = 0.8m, ["CAD"] = 1.25m, ["AUD"] = 1.5m, ["RON"] = 4m, ["CNY"] = 7m };
        for (var month = new LocalDate(2015, 1, 1); month < new LocalDate(2028, 1, 1); month = month.PlusMonths(1))
        {
            foreach (var (code, rate) in perUsd)
            {
                rows.Add(new FxRate(month, new CurrencyCode(code), rate));
            }
        }

        return new FxRates(rows);
    }
}
