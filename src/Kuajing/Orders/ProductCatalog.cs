using System.Collections.Concurrent;
using Kuajing.Goods;
using Kuajing.Provenance;
using Kuajing.ReferenceData;

namespace Kuajing.Orders;

/// <summary>What is known of one product unit: weight, packed size, HS code, hazards, and whether it is an estimate.</summary>
/// <param name="UnitWeight">Gross weight of one unit (kg), when known or estimated.</param>
/// <param name="UnitSize">Packed size of one unit (cm), when known or estimated.</param>
/// <param name="Hs">HS code, when the seller gave one.</param>
/// <param name="Hazards">Restricted properties.</param>
/// <param name="Estimated">True when weight and size are a Kuajing estimate, not seller data.</param>
/// <param name="Source">Where the figures came from.</param>
public sealed record ProductFacts(Mass? UnitWeight, Dimensions? UnitSize, HsCode? Hs, GoodsHazards Hazards, bool Estimated, DataSource Source);

/// <summary>
/// The seller's product master: measured facts per SKU, from an optional CSV with columns
/// <c>sku,unit_weight_kg,length_cm,width_cm,height_cm,hs_code,hazards</c> (all but <c>sku</c> may be empty;
/// the three dimensions are given together or not at all; <c>hazards</c> is a <c>|</c>-separated list of
/// <see cref="GoodsHazards"/> names). Format: <c>docs/order-format.md</c>. Immutable and thread-safe.
/// </summary>
public sealed class ProductMaster
{
    private readonly Dictionary<string, ProductFacts> _bySku;

    private ProductMaster(Dictionary<string, ProductFacts> bySku) => _bySku = bySku;

    /// <summary>Number of SKUs.</summary>
    public int Count => _bySku.Count;

    /// <summary>Loads a product master CSV.</summary>
    /// <param name="path">CSV path (plain or .gz).</param>
    /// <returns>The product master.</returns>
    /// <exception cref="ReferenceDataException">When the file or the <c>sku</c> column is missing, a SKU repeats, a weight or dimension is not a positive decimal, only some dimensions are given, an HS code is not 2–10 digits, or a hazard name is unknown.</exception>
    public static ProductMaster Load(string path)
    {
        var bySku = new Dictionary<string, ProductFacts>(StringComparer.Ordinal);
        var source = new DataSource($"seller product master {Path.GetFileName(path)}", null, SourceStatus.Confirmed);
        using var csv = CsvInput.Open(path, "sku");
        while (csv.Read())
        {
            var sku = csv.Required("sku");
            var weight = Positive(csv, "unit_weight_kg");
            var length = Positive(csv, "length_cm");
            var width = Positive(csv, "width_cm");
            var height = Positive(csv, "height_cm");
            if ((length is null) != (width is null) || (width is null) != (height is null))
            {
                throw csv.Error("length_cm/width_cm/height_cm", "give all three dimensions (cm) or none");
            }

            HsCode? hs = null;
            var hsText = csv.Has("hs_code") ? csv.Text("hs_code").Trim() : "";
            if (hsText.Length > 0)
            {
                try
                {
                    hs = new HsCode(hsText);
                }
                catch (FormatException e)
                {
                    throw csv.Error("hs_code", e.Message);
                }
            }

            var hazardsText = csv.Has("hazards") ? csv.Text("hazards") : "";
            if (!OrderFieldRules.TryParseHazards(hazardsText, out var hazards, out var hazardError))
            {
                throw csv.Error("hazards", hazardError);
            }

            var facts = new ProductFacts(
                weight is { } w ? new Mass(w) : null,
                length is { } l ? new Dimensions(l, width!.Value, height!.Value) : null,
                hs,
                hazards,
                Estimated: false,
                source);
            if (!bySku.TryAdd(sku, facts))
            {
                throw csv.Error("sku", $"SKU '{sku}' appears twice");
            }
        }

        return new ProductMaster(bySku);
    }

    /// <summary>Finds a SKU (case-sensitive, as sellers' codes are).</summary>
    /// <param name="sku">Stock code.</param>
    /// <param name="facts">The facts, or <see langword="null"/>.</param>
    /// <returns>False when the SKU is not in the master.</returns>
    public bool TryGet(string sku, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ProductFacts? facts) =>
        _bySku.TryGetValue(sku, out facts);

    private static decimal? Positive(CsvInput csv, string column)
    {
        var value = csv.OptionalDecimal(column);
        return value is null or > 0m ? value : throw csv.Error(column, $"{value} is not > 0");
    }
}

/// <summary>One keyword rule of <c>data/orders/weight-estimates.csv</c>.</summary>
/// <param name="Keyword">Upper-case keyword (one or more words) looked for in the description; <c>*</c> for the default rule.</param>
/// <param name="UnitWeight">Estimated gross weight of one unit.</param>
/// <param name="UnitSize">Estimated packed size of one unit.</param>
/// <param name="Source">Always status E (estimate) with the source "Kuajing estimate, not measured".</param>
/// <param name="Rationale">Why these figures were chosen.</param>
public sealed record WeightEstimateRule(string Keyword, Mass UnitWeight, Dimensions UnitSize, DataSource Source, string Rationale);

/// <summary>
/// Kuajing's keyword estimates of unit weight and size for products without seller data
/// (<c>data/orders/weight-estimates.csv</c>, columns <c>keyword,unit_weight_kg,length_cm,width_cm,height_cm,status,source,rationale</c>).
/// The first rule, in file order, whose keyword occurs in the description as whole words (a plural S or ES is
/// allowed, case-insensitive) applies; the <c>*</c> row applies when none does. These are estimates (status E),
/// never measurements. Thread-safe; results are cached per description.
/// </summary>
public sealed class WeightEstimateRules
{
    private readonly WeightEstimateRule[] _rules;
    private readonly WeightEstimateRule _default;
    private readonly ConcurrentDictionary<string, WeightEstimateRule> _cache = new(StringComparer.Ordinal);

    private WeightEstimateRules(WeightEstimateRule[] rules, WeightEstimateRule fallback)
    {
        _rules = rules;
        _default = fallback;
    }

    /// <summary>The keyword rules in match order, without the default.</summary>
    public IReadOnlyList<WeightEstimateRule> Rules => _rules;

    /// <summary>The rule used when no keyword matches.</summary>
    public WeightEstimateRule Default => _default;

    /// <summary>Loads the rules.</summary>
    /// <param name="path">Path of <c>weight-estimates.csv</c>.</param>
    /// <returns>The rules.</returns>
    /// <exception cref="ReferenceDataException">When the file or a column is missing, a figure is not a positive decimal, a status is not E (rules are estimates by definition), or there is no or more than one <c>*</c> row.</exception>
    public static WeightEstimateRules Load(string path)
    {
        var rules = new List<WeightEstimateRule>();
        WeightEstimateRule? fallback = null;
        using var csv = CsvInput.Open(path, "keyword", "unit_weight_kg", "length_cm", "width_cm", "height_cm", "status", "source", "rationale");
        while (csv.Read())
        {
            var keyword = csv.Required("keyword").ToUpperInvariant();
            decimal Positive(string column) => csv.Decimal(column) is var v && v > 0m ? v : throw csv.Error(column, $"{v} is not > 0");
            var status = csv.Text("status").Trim();
            if (status != "E")
            {
                throw csv.Error("status", $"'{status}': weight estimates must have status E (estimated)");
            }

            var rule = new WeightEstimateRule(
                keyword,
                new Mass(Positive("unit_weight_kg")),
                new Dimensions(Positive("length_cm"), Positive("width_cm"), Positive("height_cm")),
                new DataSource(csv.Required("source") + $" ({Path.GetFileName(path)}: {keyword})", null, SourceStatus.Estimated),
                csv.Required("rationale"));
            if (keyword == "*")
            {
                fallback = fallback is null ? rule : throw csv.Error("keyword", "second default '*' row");
            }
            else
            {
                rules.Add(rule);
            }
        }

        return new WeightEstimateRules(rules.ToArray(), fallback ?? throw new ReferenceDataException(path, 0, "keyword", "no default '*' row"));
    }

    /// <summary>The rule that applies to a description.</summary>
    /// <param name="description">Goods description (any case).</param>
    /// <returns>The first matching rule, or <see cref="Default"/>.</returns>
    public WeightEstimateRule Match(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return _cache.GetOrAdd(description, static (d, self) => self.MatchUncached(d), this);
    }

    private WeightEstimateRule MatchUncached(string description)
    {
        foreach (var rule in _rules)
        {
            if (ContainsWords(description, rule.Keyword))
            {
                return rule;
            }
        }

        return _default;
    }

    private static bool ContainsWords(string text, string keyword)
    {
        for (var start = 0; start <= text.Length - keyword.Length;)
        {
            var i = text.IndexOf(keyword, start, StringComparison.OrdinalIgnoreCase);
            if (i < 0)
            {
                return false;
            }

            var end = i + keyword.Length;
            if (end + 1 <= text.Length && char.ToUpperInvariant(text[end]) == 'E' && end + 2 <= text.Length && char.ToUpperInvariant(text[end + 1]) == 'S')
            {
                end += 2;
            }
            else if (end < text.Length && char.ToUpperInvariant(text[end]) == 'S')
            {
                end += 1;
            }

            var startOk = i == 0 || !char.IsLetter(text[i - 1]);
            var endOk = end >= text.Length || !char.IsLetter(text[end]);
            if (startOk && endOk)
            {
                return true;
            }

            start = i + 1;
        }

        return false;
    }
}

/// <summary>
/// Fills in what an order line lacks: the seller's product master by SKU first, then Kuajing's keyword
/// weight estimates. Values given on the order line itself always win. Thread-safe.
/// </summary>
public sealed class ProductCatalog
{
    /// <summary>Creates a catalogue.</summary>
    /// <param name="estimates">Keyword estimate rules (always needed: the fallback).</param>
    /// <param name="master">Seller's product master, when the seller provides one.</param>
    public ProductCatalog(WeightEstimateRules estimates, ProductMaster? master = null)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        Estimates = estimates;
        Master = master;
    }

    /// <summary>The estimate rules.</summary>
    public WeightEstimateRules Estimates { get; }

    /// <summary>The seller's product master, if any.</summary>
    public ProductMaster? Master { get; }

    /// <summary>Completes one unit's facts.</summary>
    /// <param name="sku">Stock code (may be empty).</param>
    /// <param name="description">Goods description.</param>
    /// <param name="weight">Unit weight given on the order line, if any.</param>
    /// <param name="size">Unit size given on the order line, if any.</param>
    /// <param name="hs">HS code given on the order line, if any.</param>
    /// <param name="hazards">Hazards given on the order line.</param>
    /// <returns>Weight and size (estimated when neither the line nor the master gave them), HS code and the union of hazards.</returns>
    public ProductFacts Complete(string sku, string description, Mass? weight, Dimensions? size, HsCode? hs, GoodsHazards hazards)
    {
        ArgumentNullException.ThrowIfNull(sku);
        ArgumentNullException.ThrowIfNull(description);
        DataSource? source = null;
        if (Master is not null && sku.Length > 0 && Master.TryGet(sku, out var known))
        {
            weight ??= known.UnitWeight;
            size ??= known.UnitSize;
            hs ??= known.Hs;
            hazards |= known.Hazards;
            source = known.Source;
        }

        if (weight is not null && size is not null)
        {
            return new ProductFacts(weight, size, hs, hazards, Estimated: false, source ?? new DataSource("order line", null, SourceStatus.Confirmed));
        }

        var rule = Estimates.Match(description);
        return new ProductFacts(weight ?? rule.UnitWeight, size ?? rule.UnitSize, hs, hazards, Estimated: true, rule.Source);
    }
}
