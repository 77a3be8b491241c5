namespace Kuajing.Storage;

/// <summary>
/// One goods line of a stored order, kept (in <see cref="OrderRecord.LinesJson"/>) so that every later document and check
/// (commercial invoice, packing list, compliance impact, customs filings) is built from the one entry the seller made,
/// without re-reading the input file.
/// </summary>
public sealed class OrderLineRecord
{
    /// <summary>Seller's stock code, or empty.</summary>
    public required string Sku { get; set; }

    /// <summary>Goods description as declared (English).</summary>
    public required string Description { get; set; }

    /// <summary>HS code digits (2–10) when the seller or product master gave one; <see langword="null"/> when unknown.</summary>
    public string? HsCode { get; set; }

    /// <summary>Units, ≥ 1.</summary>
    public int Quantity { get; set; }

    /// <summary>Price of one unit in the order's <see cref="OrderRecord.GoodsCurrency"/>.</summary>
    public decimal UnitValue { get; set; }

    /// <summary>Gross weight of one unit in kg (given or estimated); <see langword="null"/> when unknown.</summary>
    public decimal? UnitWeightKg { get; set; }

    /// <summary>Packed length of one unit in cm; <see langword="null"/> when unknown.</summary>
    public decimal? LengthCm { get; set; }

    /// <summary>Packed width of one unit in cm; <see langword="null"/> when unknown.</summary>
    public decimal? WidthCm { get; set; }

    /// <summary>Packed height of one unit in cm; <see langword="null"/> when unknown.</summary>
    public decimal? HeightCm { get; set; }

    /// <summary>True when weight and size are Kuajing keyword estimates (<c>data/orders/weight-estimates.csv</c>, status E), not seller data.</summary>
    public bool WeightEstimated { get; set; }

    /// <summary>Restricted properties as <see cref="Goods.GoodsHazards"/> names joined by '|' (empty for none).</summary>
    public required string Hazards { get; set; }
}

/// <summary>
/// One parcel (carton) of a planned shipment, or a run of <see cref="Count"/> identical ones, with the size and weight
/// the plan used. The packing estimate packs an order into equal cartons, so a shipment is usually one row: storing
/// one row per carton wrote 147,412 rows for the bundled data (9 per shipment) and about doubled the store phase of
/// <c>kuajing plan</c> (docs/benchmarks.md §1).
/// </summary>
public sealed class ParcelRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Owning shipment.</summary>
    public long ShipmentRecordId { get; set; }

    /// <summary>Navigation to the shipment.</summary>
    public ShipmentRecord? Shipment { get; set; }

    /// <summary>1-based number of the first parcel of this row; the row stands for parcels <see cref="Sequence"/> to <see cref="Sequence"/> + <see cref="Count"/> − 1.</summary>
    public int Sequence { get; set; }

    /// <summary>How many identical parcels this row stands for, ≥ 1 (each with the weight and size below).</summary>
    public int Count { get; set; } = 1;

    /// <summary>Actual gross weight of ONE parcel in kg, &gt; 0.</summary>
    public decimal WeightKg { get; set; }

    /// <summary>Outer length in cm.</summary>
    public decimal LengthCm { get; set; }

    /// <summary>Outer width in cm.</summary>
    public decimal WidthCm { get; set; }

    /// <summary>Outer height in cm.</summary>
    public decimal HeightCm { get; set; }

    /// <summary>True when the parcel comes from the packing assumption (<c>data/planning/packing.csv</c>, status E) rather than a seller's packing list.</summary>
    public bool Estimated { get; set; }
}

/// <summary>What a compliance or rate change does to an open order or shipment.</summary>
public enum ComplianceChange
{
    /// <summary>The landed cost changes (re-quoted under the rules in force on the new date).</summary>
    Cost,

    /// <summary>A lane or mode of the planned route is no longer allowed for these goods.</summary>
    Blocked,

    /// <summary>A new filing (declaration, entry, manifest data) is required.</summary>
    Filing,

    /// <summary>A new document (e.g. Shipper's Declaration for Dangerous Goods) is required.</summary>
    Document,

    /// <summary>A new package label or mark is required.</summary>
    Label,

    /// <summary>Advice: something to check; the route stays allowed.</summary>
    Warning,
}

/// <summary>
/// A stored warning raised on an open order (and its shipment) by <c>kuajing compliance impact</c> when a rule or rate row
/// takes effect. Keyed by order source key, rule, change kind and effective date, so re-running the same impact never
/// duplicates a warning, and warnings survive a re-plan of the same input (which replaces order rows).
/// </summary>
public sealed class ComplianceWarningRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Stable order identity (<see cref="OrderRecord.SourceKey"/>).</summary>
    public required string SourceKey { get; set; }

    /// <summary>Seller's order id.</summary>
    public required string OrderId { get; set; }

    /// <summary>The shipment's tracking number; <see langword="null"/> when the warning concerns the order only.</summary>
    public string? TrackingNumber { get; set; }

    /// <summary>The rule or rate row that caused the warning (compliance rule id, or landed-cost rule id for a cost change).</summary>
    public required string RuleId { get; set; }

    /// <summary>What changes.</summary>
    public ComplianceChange Change { get; set; }

    /// <summary>Date the rule takes effect (its <c>valid_from</c>, or the evaluation date for rows of an added rules file).</summary>
    public DateOnly EffectiveOn { get; set; }

    /// <summary>Human-readable statement of the change (requirement, blocked mode, cost before and after).</summary>
    public required string Message { get; set; }

    /// <summary>Landed cost before the change (lower bound), in <see cref="Currency"/>; set for <see cref="ComplianceChange.Cost"/>.</summary>
    public decimal? CostBefore { get; set; }

    /// <summary>Landed cost after the change (lower bound), in <see cref="Currency"/>; set for <see cref="ComplianceChange.Cost"/>.</summary>
    public decimal? CostAfter { get; set; }

    /// <summary>ISO 4217 currency of the cost figures, or empty.</summary>
    public required string Currency { get; set; }

    /// <summary>The evaluation date (<c>--as-of</c>) of the run that first raised the warning.</summary>
    public DateOnly RaisedAsOf { get; set; }

    /// <summary>When the warning was first stored (UTC).</summary>
    public DateTime RaisedAtUtc { get; set; }
}

/// <summary>One run of <c>kuajing compliance impact</c>: its evaluation date, so the next run knows which rows are new.</summary>
public sealed class ComplianceEvaluationRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>The evaluation date (<c>--as-of</c>).</summary>
    public DateOnly AsOf { get; set; }

    /// <summary>File name of the added rules file, if one was given.</summary>
    public string? RulesFile { get; set; }

    /// <summary>When the run finished (UTC).</summary>
    public DateTime RanAtUtc { get; set; }

    /// <summary>Number of order/shipment changes found (new or already stored).</summary>
    public int Changes { get; set; }
}
