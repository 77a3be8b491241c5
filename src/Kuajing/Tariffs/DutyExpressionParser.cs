using System.Globalization;
using System.Text.RegularExpressions;

namespace Kuajing.Tariffs;

/// <summary>How a schedule writes its duty expressions (the <c>dialect</c> column of <c>data/tariffs/schedules.csv</c>).</summary>
public enum TariffDialect
{
    /// <summary>USITC HTSUS column 1: <c>Free</c>, <c>16.5%</c>, <c>1¢/kg</c>, <c>$1.104/kg + 14.9%</c>, <c>0.9¢ each</c>, <c>/doz.</c>, <c>/pr.</c>, <c>/liter</c>, <c>/bbl</c>, <c>/t</c>.</summary>
    UsHts,

    /// <summary>EU Combined Nomenclature style (UK Global Tariff and EU CET): <c>12.0%</c>, <c>10.00% + 77.00 GBP/100kg</c>, <c>EUR / hl</c>, <c>EUR / tonne</c>, <c>MIN</c>/<c>MAX</c> clauses.</summary>
    EuCombinedNomenclature,

    /// <summary>Japan Customs 実行関税率表: <c>無税</c>, <c>3.9%</c>, <c>円/kg</c>, <c>円/kl</c>, <c>A又はBのうちいずれか高い税率</c>, <c>ただしその税率がX円/lを下回る場合はX円/l</c>.</summary>
    JapanCustoms,

    /// <summary>Australian Working Tariff general rate (scrape): <c>Free</c>, <c>5%</c>, <c>$0.526/L</c>, <c>$N/kg</c>.</summary>
    AustraliaWorkingTariff,
}

/// <summary>
/// Parses duty expression texts into <see cref="DutyExpression"/>s, per <see cref="TariffDialect"/>. Texts it does not
/// understand (text references, seasonal rates, agricultural components, alcohol-strength or sugar-content qualifiers,
/// entry prices, ranges) fail with a pattern (digits replaced by <c>N</c>) so that loaders can count them by pattern.
/// </summary>
internal static partial class DutyExpressionParser
{
    private const string Number = @"(\d[\d,]*(?:\.\d+)?)";

    /// <summary>Parses one rate text.</summary>
    /// <param name="text">Verbatim rate text.</param>
    /// <param name="dialect">How the schedule writes rates.</param>
    /// <param name="expression">The expression when parsed.</param>
    /// <returns>True when parsed; false when the text is outside the supported forms (see <see cref="PatternOf"/>).</returns>
    public static bool TryParse(string text, TariffDialect dialect, out DutyExpression? expression)
    {
        expression = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        return dialect switch
        {
            TariffDialect.UsHts => TryUs(text, out expression),
            TariffDialect.EuCombinedNomenclature => TryEu(text, out expression),
            TariffDialect.JapanCustoms => TryJapan(text, out expression),
            _ => TryAustralia(text, out expression),
        };
    }

    /// <summary>The text's shape for the loader report: every number replaced by <c>N</c>, whitespace collapsed, at most 80 characters; <c>(empty)</c> for no text.</summary>
    /// <param name="text">A rate text.</param>
    /// <returns>The pattern.</returns>
    public static string PatternOf(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "(empty)";
        }

        var p = WhitespaceRegex().Replace(NumberRegex().Replace(text.Trim(), "N"), " ");
        return p.Length <= 80 ? p : p[..80] + "…";
    }

    private static bool TryUs(string text, out DutyExpression? expression)
    {
        expression = null;
        var t = text.Trim();
        if (t.Equals("Free", StringComparison.OrdinalIgnoreCase))
        {
            expression = Free(text);
            return true;
        }

        var terms = new List<DutyTerm>(2);
        foreach (var raw in t.Split('+'))
        {
            var part = raw.Trim();
            Match m;
            if ((m = PercentRegex().Match(part)).Success)
            {
                terms.Add(DutyTerm.AdValorem(Dec(m.Groups[1].Value)));
            }
            else if ((m = UsSpecificRegex().Match(part)).Success)
            {
                var amount = Dec(m.Groups[2].Value);
                if (m.Groups[1].Value.Length == 0)
                {
                    amount /= 100m; // cents (¢ after the number) to dollars
                }

                var unit = m.Groups[3].Success && m.Groups[3].Value.Length > 0 ? m.Groups[3].Value : "each";
                if (!UsUnit(unit, out var quantity, out var per))
                {
                    return false;
                }

                terms.Add(DutyTerm.Specific(amount, quantity, per));
            }
            else
            {
                return false;
            }
        }

        expression = new DutyExpression(text, [new DutyFormula(terms)]);
        return true;
    }

    private static bool UsUnit(string unit, out DutyQuantity quantity, out decimal per)
    {
        (quantity, per) = unit switch
        {
            "kg" => (DutyQuantity.NetKilograms, 1m),
            "t" => (DutyQuantity.NetKilograms, 1000m),
            "liter" => (DutyQuantity.Litres, 1m),
            "bbl" => (DutyQuantity.Litres, 158.987294928m), // US barrel = 42 US gallons = 158.987294928 L (exact)
            "each" or "head" => (DutyQuantity.Items, 1m),
            "doz." => (DutyQuantity.Items, 12m),
            "gross" => (DutyQuantity.Items, 144m),
            "pr." => (DutyQuantity.Pairs, 1m),
            "m2" or "m²" => (DutyQuantity.SquareMetres, 1m),
            "m3" or "m³" => (DutyQuantity.CubicMetres, 1m),
            _ => (DutyQuantity.None, 0m),
        };
        return quantity != DutyQuantity.None;
    }

    private static bool TryEu(string text, out DutyExpression? expression)
    {
        expression = null;
        var t = text.Trim().Replace("€", " EUR ", StringComparison.Ordinal);
        var parts = ClauseRegex().Split(t);
        // parts: main, ("MIN"|"MAX", clause)*
        if (!TryEuFormula(parts[0], out var main))
        {
            return false;
        }

        DutyFormula? min = null, max = null;
        for (var i = 1; i + 1 < parts.Length; i += 2)
        {
            if (!TryEuFormula(parts[i + 1], out var clause))
            {
                return false;
            }

            if (parts[i] == "MIN")
            {
                min = clause;
            }
            else
            {
                max = clause;
            }
        }

        expression = new DutyExpression(text, [main!], DutyChoice.Higher, min, max);
        return true;
    }

    private static bool TryEuFormula(string text, out DutyFormula? formula)
    {
        formula = null;
        var terms = new List<DutyTerm>(2);
        foreach (var raw in text.Split('+'))
        {
            var part = raw.Trim();
            Match m;
            if ((m = PercentRegex().Match(part)).Success)
            {
                terms.Add(DutyTerm.AdValorem(Dec(m.Groups[1].Value)));
            }
            else if ((m = EuSpecificRegex().Match(part)).Success)
            {
                var per = m.Groups[3].Value.Length > 0 ? Dec(m.Groups[3].Value) : 1m;
                var (quantity, scale) = m.Groups[4].Value switch
                {
                    "kg" => (DutyQuantity.NetKilograms, 1m),
                    "tonne" => (DutyQuantity.NetKilograms, 1000m),
                    "hl" => (DutyQuantity.Litres, 100m),
                    _ => (DutyQuantity.Items, 1m), // item, items
                };
                terms.Add(DutyTerm.Specific(Dec(m.Groups[1].Value), quantity, per * scale));
            }
            else
            {
                return false;
            }
        }

        formula = new DutyFormula(terms);
        return true;
    }

    private static bool TryJapan(string text, out DutyExpression? expression)
    {
        expression = null;
        var t = NormaliseJapanese(text);
        if (t.StartsWith('(') || t.Contains('〜', StringComparison.Ordinal))
        {
            return false; // a rate in parentheses is not applied; ranges name several rates
        }

        DutyFormula? minimum = null;
        var proviso = JapaneseProvisoRegex().Match(t);
        if (proviso.Success)
        {
            if (!TryJapaneseFormula(proviso.Groups[3].Value, out minimum))
            {
                return false;
            }

            t = proviso.Groups[1].Value;
        }

        var choice = DutyChoice.Higher;
        var alternatives = JapaneseAlternativesRegex().Match(t);
        var formulas = new List<DutyFormula>(2);
        if (alternatives.Success)
        {
            choice = alternatives.Groups[2].Value == "高い" ? DutyChoice.Higher : DutyChoice.Lower;
            foreach (var alt in alternatives.Groups[1].Value.Split('又'))
            {
                var a = alt.StartsWith('は') ? alt[1..] : alt;
                if (!TryJapaneseFormula(a, out var f))
                {
                    return false;
                }

                formulas.Add(f!);
            }
        }
        else
        {
            if (!TryJapaneseFormula(t, out var f))
            {
                return false;
            }

            formulas.Add(f!);
        }

        expression = new DutyExpression(text, formulas, choice, minimum);
        return true;
    }

    private static bool TryJapaneseFormula(string text, out DutyFormula? formula)
    {
        formula = null;
        if (text == "無税")
        {
            formula = new DutyFormula([]);
            return true;
        }

        var terms = new List<DutyTerm>(2);
        foreach (var part in text.Split('+'))
        {
            Match m;
            if ((m = PercentRegex().Match(part)).Success)
            {
                terms.Add(DutyTerm.AdValorem(Dec(m.Groups[1].Value)));
            }
            else if ((m = JapaneseSpecificRegex().Match(part)).Success)
            {
                var count = m.Groups[2].Value.Length > 0 ? Dec(m.Groups[2].Value) : 1m;
                var (quantity, scale) = m.Groups[3].Value switch
                {
                    "kg" => (DutyQuantity.NetKilograms, 1m),
                    "MT" => (DutyQuantity.NetKilograms, 1000m),
                    "l" => (DutyQuantity.Litres, 1m),
                    "kl" => (DutyQuantity.Litres, 1000m),
                    "㎡" => (DutyQuantity.SquareMetres, 1m),
                    "足" => (DutyQuantity.Pairs, 1m),
                    _ => (DutyQuantity.Items, 1m), // 頭 head, 本 piece, 枚 sheet, 個 piece
                };
                terms.Add(DutyTerm.Specific(Dec(m.Groups[1].Value), quantity, count * scale));
            }
            else
            {
                return false;
            }
        }

        formula = new DutyFormula(terms);
        return true;
    }

    /// <summary>Removes the source's markers (◎ ※ * ● before some rates) and spaces, and folds full-width signs to ASCII.</summary>
    internal static string NormaliseJapanese(string text)
    {
        var chars = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '◎' or '※' or '*' or '●' or '＊' or ' ' or '\u3000' or '\n' or '\r' or '\t':
                    break;
                case '％': chars.Append('%'); break;
                case '＋': chars.Append('+'); break;
                case '（': chars.Append('('); break;
                case '）': chars.Append(')'); break;
                case '，': chars.Append(','); break;
                default: chars.Append(c); break;
            }
        }

        return chars.ToString();
    }

    private static bool TryAustralia(string text, out DutyExpression? expression)
    {
        expression = null;
        var t = text.Trim();
        if (t.Equals("Free", StringComparison.OrdinalIgnoreCase))
        {
            expression = Free(text);
            return true;
        }

        Match m;
        if ((m = PercentRegex().Match(t)).Success)
        {
            expression = new DutyExpression(text, [new DutyFormula([DutyTerm.AdValorem(Dec(m.Groups[1].Value))])]);
            return true;
        }

        if ((m = AustraliaSpecificRegex().Match(t)).Success)
        {
            var quantity = m.Groups[2].Value == "kg" ? DutyQuantity.NetKilograms : DutyQuantity.Litres;
            expression = new DutyExpression(text, [new DutyFormula([DutyTerm.Specific(Dec(m.Groups[1].Value), quantity, 1m)])]);
            return true;
        }

        return false;
    }

    private static DutyExpression Free(string text) => new(text, [new DutyFormula([])]);

    private static decimal Dec(string text) =>
        decimal.Parse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^" + Number + @"\s*%$")]
    private static partial Regex PercentRegex();

    // 1¢/kg, 0.9¢ each, $1.104/kg, $2 each, 3.3¢/doz., 1.5¢/pr.
    [GeneratedRegex(@"^(\$?)(\d+(?:\.\d+)?)¢?(?:\s*/\s*(kg|t|liter|bbl|doz\.|gross|pr\.|m2|m²|m3|m³|head)|\s+(?:each))$")]
    private static partial Regex UsSpecificRegex();

    // 77.00 GBP/100kg, 93.10 EUR / 100 kg, 25.60 GBP / hl, 0.40 EUR / item, 2.00 GBP/1000 items, 17.00 EUR / tonne
    [GeneratedRegex(@"^" + Number + @"\s*(EUR|GBP)\s*/\s*(\d+)?\s*(kg|tonne|hl|items?)$")]
    private static partial Regex EuSpecificRegex();

    [GeneratedRegex(@"\s+(MIN|MAX)\s+")]
    private static partial Regex ClauseRegex();

    // 4,300円/足, 1,720円/kl, 80円/10本
    [GeneratedRegex(@"^" + Number + @"円/(\d*)(kg|MT|kl|l|㎡|足|頭|本|枚|個)$")]
    private static partial Regex JapaneseSpecificRegex();

    [GeneratedRegex(@"^(.+)のうちいずれか(高い|低い)税率$")]
    private static partial Regex JapaneseAlternativesRegex();

    [GeneratedRegex(@"^(.+)ただしその税率が(.+)を下回る場合は(.+)$")]
    private static partial Regex JapaneseProvisoRegex();

    [GeneratedRegex(@"^\$" + Number + @"/(kg|L)$")]
    private static partial Regex AustraliaSpecificRegex();

    [GeneratedRegex(@"\d[\d,]*(?:\.\d+)?")]
    private static partial Regex NumberRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();
}
