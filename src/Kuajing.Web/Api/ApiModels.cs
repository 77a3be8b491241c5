namespace Kuajing.Web.Api;

/// <summary>One page of a list, in a stable order.</summary>
/// <typeparam name="T">Item type.</typeparam>
/// <param name="Items">The items of this page.</param>
/// <param name="Offset">Items skipped, ≥ 0.</param>
/// <param name="Limit">Page size asked, 1–500.</param>
/// <param name="Total">Items visible to the caller in all pages.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, int Offset, int Limit, int Total);

/// <summary>An order as its owner sees it.</summary>
/// <param name="Key">The order's stable key (<c>source|orderId</c>; URL-encode it in paths: <c>/api/orders/{key}</c>).</param>
/// <param name="OrderId">The seller's order id.</param>
/// <param name="PlacedAt">When it was placed, local time at the origin hub (ISO 8601 without zone).</param>
/// <param name="Destination">Buyer country, ISO 3166-1 alpha-2.</param>
/// <param name="Postcode">Buyer postcode, if given.</param>
/// <param name="Lines">Number of goods lines.</param>
/// <param name="GoodsValue">Sum of the lines, in <paramref name="GoodsCurrency"/>.</param>
/// <param name="GoodsCurrency">ISO 4217 currency of the goods value.</param>
/// <param name="WeightEstimated">True when a line's weight or size is a Kuajing estimate.</param>
/// <param name="Status"><c>planned</c>, <c>no-route</c> or <c>cancelled</c>.</param>
/// <param name="Reason">Why no shipment was planned, when not planned.</param>
/// <param name="TrackingNumber">The shipment's Kuajing UPU S10 number, when planned.</param>
public sealed record OrderView(
    string Key,
    string OrderId,
    DateTime PlacedAt,
    string Destination,
    string? Postcode,
    int Lines,
    decimal GoodsValue,
    string GoodsCurrency,
    bool WeightEstimated,
    string Status,
    string? Reason,
    string? TrackingNumber);

/// <summary>The chosen plan's money, shown only to the owning seller and admins.</summary>
/// <param name="Currency">ISO 4217 currency of every amount.</param>
/// <param name="Freight">Freight of all priced legs (a lower bound when <paramref name="FreightComplete"/> is false).</param>
/// <param name="FreightComplete">False when a leg's lane has no published price.</param>
/// <param name="Duty">Import duty; <see langword="null"/> when unknown (never 0 for unknown).</param>
/// <param name="ImportTax">Import VAT/GST; <see langword="null"/> when unknown.</param>
/// <param name="Fees">Clearance and handling fees.</param>
/// <param name="LandedCost">Known landed cost; a lower bound when <paramref name="LandedCostComplete"/> is false.</param>
/// <param name="LandedCostComplete">False when some cost line is unknown.</param>
/// <param name="SellerPays">Known part paid by the seller.</param>
/// <param name="BuyerPays">Known part paid by the buyer.</param>
public sealed record ShipmentCosts(string Currency, decimal Freight, bool FreightComplete, decimal? Duty, decimal? ImportTax, decimal Fees, decimal LandedCost, bool LandedCostComplete, decimal SellerPays, decimal BuyerPays);

/// <summary>One leg of a shipment's chosen itinerary.</summary>
/// <param name="Sequence">1-based position.</param>
/// <param name="Lane">Lane id in the catalogue.</param>
/// <param name="Mode">Commercial mode (Postal, Express, Air, Sea, Rail, …).</param>
/// <param name="Service">Service name.</param>
/// <param name="Carrier">Carrier or operator of the lane.</param>
/// <param name="From">Departure node code.</param>
/// <param name="To">Arrival node code.</param>
/// <param name="DepartureUtc">Planned departure (UTC).</param>
/// <param name="ArrivalUtc">Planned arrival (UTC), clearance included.</param>
/// <param name="ChargeableWeightKg">Chargeable weight, kg.</param>
/// <param name="DistanceKm">Distance, km.</param>
/// <param name="Co2eKg">CO2e, kg.</param>
/// <param name="FreightInQuoteCurrency">The leg's freight in the shipment's currency; <see langword="null"/> when unknown or when the caller may not see money.</param>
/// <param name="CarriedByYou">True when the calling provider is assigned to this leg (or the whole shipment).</param>
public sealed record LegView(int Sequence, string Lane, string Mode, string Service, string Carrier, string From, string To, DateTime DepartureUtc, DateTime ArrivalUtc, decimal ChargeableWeightKg, decimal DistanceKm, decimal Co2eKg, decimal? FreightInQuoteCurrency, bool CarriedByYou);

/// <summary>A shipment as the caller may see it.</summary>
/// <param name="TrackingNumber">Kuajing UPU S10 number.</param>
/// <param name="OrderKey">The order's key; <see langword="null"/> for providers and brokers (the order is the seller's).</param>
/// <param name="Origin">Origin node code.</param>
/// <param name="Destination">Destination country, ISO 3166-1 alpha-2.</param>
/// <param name="Relation">What the caller is to it: <c>owner</c>, <c>carrier</c>, <c>broker</c> or <c>admin</c>.</param>
/// <param name="Objective">Objective the plan was picked by.</param>
/// <param name="Incoterm">DAP or DDP.</param>
/// <param name="ReadyAtUtc">Goods ready at the origin (UTC).</param>
/// <param name="DeliveredAtUtc">Planned delivery (UTC).</param>
/// <param name="DeliveryDays">Ready-to-door days.</param>
/// <param name="GrossWeightKg">Gross weight, kg.</param>
/// <param name="Pieces">Parcels.</param>
/// <param name="Co2eKg">CO2e, kg.</param>
/// <param name="Flags">Data-quality and compliance flags.</param>
/// <param name="Costs">Money; only for the owning seller and admins, else <see langword="null"/>.</param>
/// <param name="Legs">The legs; empty in lists.</param>
public sealed record ShipmentView(
    string TrackingNumber,
    string? OrderKey,
    string Origin,
    string Destination,
    string Relation,
    string Objective,
    string Incoterm,
    DateTime ReadyAtUtc,
    DateTime DeliveredAtUtc,
    double DeliveryDays,
    decimal GrossWeightKg,
    int Pieces,
    decimal Co2eKg,
    IReadOnlyList<string> Flags,
    ShipmentCosts? Costs,
    IReadOnlyList<LegView> Legs);

/// <summary>One event on a shipment's timeline, for parties that may see the shipment.</summary>
/// <param name="LedgerIndex">Position in the tamper-evident ledger.</param>
/// <param name="EventTimeUtc">When it happened (UTC).</param>
/// <param name="OffsetMinutes">The source's UTC offset, minutes.</param>
/// <param name="RecordedAtUtc">When Kuajing accepted it (UTC).</param>
/// <param name="Milestone">Canonical milestone (PickedUp, Departed, Delivered …).</param>
/// <param name="Location">UN/LOCODE, node code or place name, if given.</param>
/// <param name="CarrierNumber">The carrier number it arrived under, if not the shipment's own.</param>
/// <param name="SourceFormat">Source format (e.g. <c>epcis-2.0-json</c>).</param>
public sealed record TimelineEventView(long LedgerIndex, DateTime EventTimeUtc, int OffsetMinutes, DateTime RecordedAtUtc, string Milestone, string? Location, string? CarrierNumber, string SourceFormat);

/// <summary>A shipment's timeline.</summary>
/// <param name="Number">The number asked for.</param>
/// <param name="Shipments">The Kuajing numbers it resolved to (only those visible to the caller).</param>
/// <param name="Events">Events by event time.</param>
public sealed record TimelineView(string Number, IReadOnlyList<string> Shipments, IReadOnlyList<TimelineEventView> Events);

/// <summary>One milestone on the public tracking page: what, when, where; nothing else.</summary>
/// <param name="Milestone">Canonical milestone.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Place">UN/LOCODE, else city and country, else country; <see langword="null"/> when the source gives none. Never a company or facility name.</param>
public sealed record PublicMilestone(string Milestone, DateTime At, string? Place);

/// <summary>The public tracking view of a number: milestones, times and places only — never values, names, addresses or organisations.</summary>
/// <param name="Number">The number asked for.</param>
/// <param name="Status">The latest milestone, or <c>InfoReceived</c> when planned but no event has arrived.</param>
/// <param name="Milestones">Milestones by time.</param>
public sealed record PublicTracking(string Number, string Status, IReadOnlyList<PublicMilestone> Milestones);

/// <summary>One rejected row of an upload.</summary>
/// <param name="Line">1-based physical line of the CSV (header = 1), or of the JSON where the order starts.</param>
/// <param name="Field">The column or JSON path at fault.</param>
/// <param name="OrderId">The order the row belongs to, if known.</param>
/// <param name="Reason">What was wrong and what was expected.</param>
/// <param name="Kind"><c>invalid</c> (the row breaks a rule of docs/order-format.md) or <c>duplicate</c> (the seller already has this order id).</param>
public sealed record RowProblem(int Line, string Field, string? OrderId, string Reason, string Kind = RowProblem.Invalid)
{
    /// <summary>The row breaks a rule of the format.</summary>
    public const string Invalid = "invalid";

    /// <summary>The seller already has an order with this id.</summary>
    public const string Duplicate = "duplicate";
}

/// <summary>The outcome of creating or uploading orders: the orders stored (planned or with no route) and every bad row.</summary>
/// <param name="Accepted">Orders stored.</param>
/// <param name="Rejected">Rows rejected (a bad row rejects its whole order).</param>
/// <param name="RejectedOrders">Orders rejected.</param>
public sealed record IntakeReport(IReadOnlyList<OrderView> Accepted, IReadOnlyList<RowProblem> Rejected, int RejectedOrders);

/// <summary>The stored plan of an order: the Pareto set as stored with its shipment (docs/plan-output.md, <c>paretoSet</c>).</summary>
/// <param name="OrderKey">The order's key.</param>
/// <param name="TrackingNumber">The shipment's number.</param>
/// <param name="Objective">Objective the plan was picked by.</param>
/// <param name="Chosen">The chosen plan's totals.</param>
/// <param name="ParetoSet">Every Pareto-optimal plan (JSON array as in docs/plan-output.md).</param>
public sealed record StoredPlanView(string OrderKey, string TrackingNumber, string Objective, ShipmentCosts Chosen, System.Text.Json.JsonElement ParetoSet);

/// <summary>The generic JSON order object (docs/order-format.md), for the OpenAPI description of create and quote bodies.</summary>
/// <param name="OrderId">Seller's order id, unique per seller.</param>
/// <param name="PlacedAt">Local date-time <c>yyyy-MM-ddTHH:mm[:ss]</c> or date.</param>
/// <param name="BuyerCountry">ISO 3166-1 alpha-2/alpha-3 or English name.</param>
/// <param name="BuyerPostcode">Optional postcode.</param>
/// <param name="Lines">Goods lines, at least one.</param>
public sealed record OrderInput(string OrderId, string PlacedAt, string BuyerCountry, string? BuyerPostcode, IReadOnlyList<OrderLineInput> Lines);

/// <summary>One line of <see cref="OrderInput"/>.</summary>
/// <param name="Sku">Seller's stock code.</param>
/// <param name="Description">English goods description.</param>
/// <param name="HsCode">HS code, 2–10 digits, optional.</param>
/// <param name="Quantity">Whole number ≥ 1.</param>
/// <param name="UnitValue">Decimal ≥ 0, in <paramref name="Currency"/>.</param>
/// <param name="Currency">ISO 4217, upper case.</param>
/// <param name="UnitWeightKg">Gross kg per unit, &gt; 0, optional (estimated and flagged when missing).</param>
/// <param name="LengthCm">Packed length per unit, cm.</param>
/// <param name="WidthCm">Packed width per unit, cm.</param>
/// <param name="HeightCm">Packed height per unit, cm.</param>
/// <param name="Hazards">GoodsHazards names.</param>
public sealed record OrderLineInput(string? Sku, string Description, string? HsCode, int Quantity, decimal UnitValue, string Currency, decimal? UnitWeightKg, decimal? LengthCm, decimal? WidthCm, decimal? HeightCm, IReadOnlyList<string>? Hazards);

/// <summary>Assigns a provider (carrier of the whole shipment or one leg) or a broker to a shipment.</summary>
/// <param name="OrganisationId">The provider or broker organisation.</param>
/// <param name="Kind"><c>carrier</c> or <c>broker</c>.</param>
/// <param name="Leg">1-based leg a carrier carries; 0 or absent for the whole shipment.</param>
public sealed record AssignmentInput(string OrganisationId, string Kind, int? Leg);
