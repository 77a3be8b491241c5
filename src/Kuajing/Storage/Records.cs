namespace Kuajing.Storage;

/// <summary>Outcome of reading and planning one order.</summary>
public enum OrderStatus
{
    /// <summary>A plan was chosen and a shipment stored.</summary>
    Planned,

    /// <summary>The order was valid but no lane combination could carry it (reason in <see cref="OrderRecord.Reason"/>).</summary>
    NoRoute,

    /// <summary>A cancellation invoice (UCI <c>C…</c>): nothing ships.</summary>
    Cancelled,
}

/// <summary>One source order as stored. Keyed by <see cref="SourceKey"/> so a re-run replaces rather than duplicates.</summary>
public sealed class OrderRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Stable identity of the order across runs: source name and order id (e.g. <c>online-retail|536365</c>).</summary>
    public required string SourceKey { get; set; }

    /// <summary>Seller's order id.</summary>
    public required string OrderId { get; set; }

    /// <summary>When the order was placed (local time as given by the source, after any replay shift).</summary>
    public DateTime PlacedAt { get; set; }

    /// <summary>ISO 3166-1 alpha-2 destination.</summary>
    public required string BuyerCountry { get; set; }

    /// <summary>Destination postcode, if known.</summary>
    public string? BuyerPostcode { get; set; }

    /// <summary>Number of goods lines.</summary>
    public int LineCount { get; set; }

    /// <summary>Goods value (sum of lines) in <see cref="GoodsCurrency"/>.</summary>
    public decimal GoodsValue { get; set; }

    /// <summary>ISO 4217 currency of the goods value.</summary>
    public required string GoodsCurrency { get; set; }

    /// <summary>True when weights or sizes were estimated, not given.</summary>
    public bool WeightEstimated { get; set; }

    /// <summary>Outcome.</summary>
    public OrderStatus Status { get; set; }

    /// <summary>Why no shipment was planned, when <see cref="Status"/> is not <see cref="OrderStatus.Planned"/>.</summary>
    public string? Reason { get; set; }

    /// <summary>The shipment, when planned.</summary>
    public ShipmentRecord? Shipment { get; set; }

    /// <summary>
    /// The goods lines as read, in input order, as compact JSON (<see cref="OrderLinesJson"/>; <c>[]</c> for a cancellation).
    /// One column rather than a table: a 16,000-order run has 400,000 lines, and one row per line would triple the store time.
    /// </summary>
    public string LinesJson { get; set; } = "[]";
}

/// <summary>A planned shipment: the chosen plan's totals, its tracking number, and the full Pareto set as JSON.</summary>
public sealed class ShipmentRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>The order this shipment carries.</summary>
    public long OrderRecordId { get; set; }

    /// <summary>Navigation to the order.</summary>
    public OrderRecord? Order { get; set; }

    /// <summary>Kuajing UPU S10 tracking number linking all legs.</summary>
    public required string TrackingNumber { get; set; }

    /// <summary>Origin node code.</summary>
    public required string OriginNode { get; set; }

    /// <summary>Objective used to pick the plan (cheapest, fastest, greenest, balanced).</summary>
    public required string Objective { get; set; }

    /// <summary>Incoterm (DAP or DDP).</summary>
    public required string Incoterm { get; set; }

    /// <summary>When the goods were ready at the origin (UTC).</summary>
    public DateTime ReadyAtUtc { get; set; }

    /// <summary>Planned delivery at the door (UTC).</summary>
    public DateTime DeliveredAtUtc { get; set; }

    /// <summary>Ready-to-door time in days.</summary>
    public double DeliveryDays { get; set; }

    /// <summary>Gross weight in kg.</summary>
    public decimal GrossWeightKg { get; set; }

    /// <summary>Number of parcels.</summary>
    public int Pieces { get; set; }

    /// <summary>ISO 4217 currency of every amount below.</summary>
    public required string QuoteCurrency { get; set; }

    /// <summary>Freight, all legs with a published price (a lower bound when <see cref="FreightComplete"/> is false).</summary>
    public decimal Freight { get; set; }

    /// <summary>False when a leg's lane has no published price (its freight is unknown, flag <c>freight-unknown</c>).</summary>
    public bool FreightComplete { get; set; }

    /// <summary>Import duty (the low end when only a range or lower bound is known); <see langword="null"/> when unknown.</summary>
    public decimal? Duty { get; set; }

    /// <summary>Import VAT/GST (the low end when only a range or lower bound is known); <see langword="null"/> when unknown.</summary>
    public decimal? ImportTax { get; set; }

    /// <summary>Fees (clearance, handling, national parcel fees).</summary>
    public decimal Fees { get; set; }

    /// <summary>Known landed cost (freight + insurance + duty + tax + fees); a lower bound when <see cref="LandedCostComplete"/> is false.</summary>
    public decimal LandedCost { get; set; }

    /// <summary>False when some cost line (usually the duty rate) is unknown.</summary>
    public bool LandedCostComplete { get; set; }

    /// <summary>Known part paid by the seller.</summary>
    public decimal SellerPays { get; set; }

    /// <summary>Known part paid by the buyer.</summary>
    public decimal BuyerPays { get; set; }

    /// <summary>Total CO2e in kg.</summary>
    public decimal Co2eKg { get; set; }

    /// <summary>Compliance and data-quality flags, separated by ';' (e.g. <c>estimated-weight;duty-rate-unknown</c>).</summary>
    public required string Flags { get; set; }

    /// <summary>The whole Pareto set of this order as JSON (see <c>docs/architecture.md</c>).</summary>
    public required string ParetoJson { get; set; }

    /// <summary>Legs of the chosen itinerary.</summary>
    public List<LegRecord> Legs { get; } = [];

    /// <summary>Parcels (cartons) the goods were packed into, as planned.</summary>
    public List<ParcelRecord> Parcels { get; } = [];
}

/// <summary>One leg of a shipment's chosen itinerary.</summary>
public sealed class LegRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Owning shipment.</summary>
    public long ShipmentRecordId { get; set; }

    /// <summary>Navigation to the shipment.</summary>
    public ShipmentRecord? Shipment { get; set; }

    /// <summary>1-based position in the itinerary.</summary>
    public int Sequence { get; set; }

    /// <summary>Lane id in the catalogue.</summary>
    public required string LaneId { get; set; }

    /// <summary>Commercial mode (Postal, Express, Air, Sea, Rail, …).</summary>
    public required string Mode { get; set; }

    /// <summary>Service name.</summary>
    public required string Service { get; set; }

    /// <summary>Carrier or operator.</summary>
    public required string Carrier { get; set; }

    /// <summary>Departure node code.</summary>
    public required string FromNode { get; set; }

    /// <summary>Arrival node code.</summary>
    public required string ToNode { get; set; }

    /// <summary>Departure (UTC).</summary>
    public DateTime DepartureUtc { get; set; }

    /// <summary>Arrival (UTC), including clearance when the leg clears customs.</summary>
    public DateTime ArrivalUtc { get; set; }

    /// <summary>Chargeable weight on this leg, kg.</summary>
    public decimal ChargeableWeightKg { get; set; }

    /// <summary>Freight in the lane's own currency; <see langword="null"/> when the lane has no published price.</summary>
    public decimal? Freight { get; set; }

    /// <summary>ISO 4217 currency of <see cref="Freight"/>.</summary>
    public required string FreightCurrency { get; set; }

    /// <summary>Freight in the shipment's quote currency; <see langword="null"/> when unknown.</summary>
    public decimal? FreightInQuoteCurrency { get; set; }

    /// <summary>Distance used for emissions, km.</summary>
    public decimal DistanceKm { get; set; }

    /// <summary>CO2e for the leg, kg.</summary>
    public decimal Co2eKg { get; set; }
}
