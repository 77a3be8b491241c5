using Kuajing.Tariffs;

namespace Kuajing.Tests.Tariffs;

/// <summary>
/// Parsing and exact evaluation of real rate texts from the shared schedules (USITC HTSUS 2026 rev 10, UK Global Tariff
/// 2021 / EU CET 2020 from uktrade/global-uk-tariff, Japan Customs 実行関税率表 2026-07-09). Each expected figure is worked by hand.
/// </summary>
public sealed class DutyExpressionTests
{
    private static DutyExpression Parse(string text, TariffDialect dialect)
    {
        Assert.True(DutyExpressionParser.TryParse(text, dialect, out var e), $"'{text}' should parse");
        return e!;
    }

    // HTSUS 0402.29.50.00 (milk powder, sweetened, other): general "$1.104/kg + 14.9%".
    // 100 kg net, customs value USD 500: 1.104 × 100 = 110.40, + 14.9 % × 500 = 74.50 → 184.90 exactly.
    [Fact]
    public void Evaluate_UsCompoundPerKgPlusPercent_SumsBothTerms()
    {
        var e = Parse("$1.104/kg + 14.9%", TariffDialect.UsHts);

        var r = e.Evaluate(new DutyInputs(500m, 1m, 1m, NetKilograms: 100m));

        Assert.True(r.Known);
        Assert.Equal(184.9m, r.Amount);
    }

    // Same row without a net mass: the per-kg term cannot be computed → unknown, naming the missing quantity, not 74.50.
    [Fact]
    public void Evaluate_CompoundWithoutNetMass_UnknownNamingKilograms()
    {
        var e = Parse("$1.104/kg + 14.9%", TariffDialect.UsHts);

        var r = e.Evaluate(new DutyInputs(500m, 1m, 1m));

        Assert.False(r.Known);
        Assert.Equal(DutyQuantity.NetKilograms, r.Missing);
    }

    // US cents: "46.3¢/kg + 14.9%" (HTSUS dairy lines): 10 kg → 4.63 USD + 14.9 % of 100 = 14.90 → 19.53.
    [Fact]
    public void Evaluate_UsCentsPerKg_ConvertsCentsToDollars()
    {
        var e = Parse("46.3¢/kg + 14.9%", TariffDialect.UsHts);

        Assert.Equal(19.53m, e.Evaluate(new DutyInputs(100m, 1m, 1m, NetKilograms: 10m)).Amount);
    }

    // UKGT 0102.29.10: "10.00% + 77.00 GBP/100kg". 500 kg, GBP 1,000: 100.00 + 77 × 5 = 385.00 → 485.00.
    [Fact]
    public void Evaluate_UkCompoundPer100Kg_Exact()
    {
        var e = Parse("10.00% + 77.00 GBP/100kg", TariffDialect.EuCombinedNomenclature);

        Assert.Equal(485m, e.Evaluate(new DutyInputs(1000m, 1m, 1m, NetKilograms: 500m)).Amount);
    }

    // EU CET 2020 9101.11.00 (wrist-watches, precious metal): "4.50% MIN 0.30 EUR / item MAX 0.80 EUR / item".
    // 10 watches, EUR 200: 4.5 % = 9.00; MIN 0.30 × 10 = 3.00; MAX 0.80 × 10 = 8.00 → capped at 8.00.
    // 100 watches, EUR 200: 9.00; MIN 30.00 → raised to 30.00; MAX 80.00 does not bite → 30.00.
    [Theory]
    [InlineData(10, 8.00)]
    [InlineData(100, 30.00)]
    public void Evaluate_EuMinMaxPerItem_ClampsAdValorem(int items, decimal expected)
    {
        var e = Parse("4.50% MIN 0.30 EUR / item MAX 0.80 EUR / item", TariffDialect.EuCombinedNomenclature);

        Assert.Equal(expected, e.Evaluate(new DutyInputs(200m, 1m, items)).Amount);
    }

    // EU CET 2020 1704.90.30 (white chocolate): "9.10% + 45.10 EUR / 100 kg MAX 18.90% + 16.50 EUR / 100 kg".
    // EUR 200, 20 kg: 18.20 + 9.02 = 27.22; MAX 37.80 + 3.30 = 41.10 → 27.22.
    // EUR 200, 100 kg: 18.20 + 45.10 = 63.30; MAX 37.80 + 16.50 = 54.30 → 54.30.
    [Theory]
    [InlineData(20, 27.22)]
    [InlineData(100, 54.30)]
    public void Evaluate_EuCompoundWithCompoundMax_CapsAtMax(int kg, decimal expected)
    {
        var e = Parse("9.10% + 45.10 EUR / 100 kg MAX 18.90% + 16.50 EUR / 100 kg", TariffDialect.EuCombinedNomenclature);

        Assert.Equal(expected, e.Evaluate(new DutyInputs(200m, 1m, 1m, NetKilograms: kg)).Amount);
    }

    // Japan 6403.20-012 (footwear): "30%又は4,300円/足のうちいずれか高い税率" (30 % or JPY 4,300 per pair, whichever is higher).
    // JPY 20,000, 2 pairs: 30 % = 6,000; 4,300 × 2 = 8,600 → 8,600. JPY 40,000, 2 pairs: 12,000 > 8,600 → 12,000.
    [Theory]
    [InlineData(20000, 8600)]
    [InlineData(40000, 12000)]
    public void Evaluate_JapaneseWhicheverHigher_TakesHigher(int value, decimal expected)
    {
        var e = Parse("30%又は4,300円/足のうちいずれか高い税率", TariffDialect.JapanCustoms);

        Assert.Equal(DutyChoice.Higher, e.Choice);
        Assert.Equal(expected, e.Evaluate(new DutyInputs(value, 1m, 2m, Pairs: 2m)).Amount);
    }

    // Per-pair duty: units are not assumed to be pairs; without Pairs the duty is unknown.
    [Fact]
    public void Evaluate_JapanesePerPairWithoutPairs_Unknown()
    {
        var e = Parse("30%又は4,300円/足のうちいずれか高い税率", TariffDialect.JapanCustoms);

        var r = e.Evaluate(new DutyInputs(20000m, 1m, 2m));

        Assert.False(r.Known);
        Assert.Equal(DutyQuantity.Pairs, r.Missing);
    }

    // Free forms: HTSUS "Free", UKGT "0.0%", Japanese "無税" and "◎無税" (marker stripped) are a plain 0 %.
    [Theory]
    [InlineData("Free", TariffDialect.UsHts)]
    [InlineData("0.0%", TariffDialect.EuCombinedNomenclature)]
    [InlineData("無税", TariffDialect.JapanCustoms)]
    [InlineData("◎無税", TariffDialect.JapanCustoms)]
    public void Parse_FreeForms_IsFree(string text, TariffDialect dialect)
    {
        Assert.True(Parse(text, dialect).IsFree);
    }

    // FX: a GBP specific duty quoted in CNY at 9 CNY per GBP: 116.00 GBP/100kg × 50 kg = 58 GBP = 522 CNY.
    [Fact]
    public void Evaluate_SpecificDuty_AppliesFxFactor()
    {
        var e = Parse("116.00 GBP/100kg", TariffDialect.EuCombinedNomenclature);

        Assert.Equal(522m, e.Evaluate(new DutyInputs(1000m, 9m, 1m, NetKilograms: 50m)).Amount);
    }

    // Texts outside the supported forms fail with a pattern (digits as N) for the loader report.
    [Theory]
    [InlineData("Entry Price", TariffDialect.EuCombinedNomenclature, "Entry Price")]
    [InlineData("14.00% (01 JUL - 31 JAN), 0.00% (01 FEB - 30 JUN)", TariffDialect.EuCombinedNomenclature, "N% (N JUL - N JAN), N% (N FEB - N JUN)")]
    [InlineData("10.9¢/kg on drained weight", TariffDialect.UsHts, "N¢/kg on drained weight")]
    [InlineData("(24%)", TariffDialect.JapanCustoms, "(N%)")]
    public void TryParse_UnsupportedText_FailsWithPattern(string text, TariffDialect dialect, string pattern)
    {
        Assert.False(DutyExpressionParser.TryParse(text, dialect, out _));
        Assert.Equal(pattern, DutyExpressionParser.PatternOf(text));
    }
}
