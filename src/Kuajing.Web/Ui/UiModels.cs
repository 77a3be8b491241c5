namespace Kuajing.Web.Ui;

/// <summary>What every page's layout needs: the request path (for the language switch), the language, who is signed in.</summary>
/// <param name="Path">Request path and query, local (starts with <c>/</c>).</param>
/// <param name="Culture">Current UI culture name (<c>en</c> or <c>zh-CN</c>).</param>
/// <param name="UserName">Signed-in user's name, or null for an anonymous visitor.</param>
public sealed record UiPageContext(string Path, string Culture, string? UserName);

/// <summary>One point of a route drawn on the world map.</summary>
/// <param name="Code">Node code (IATA, UN/LOCODE, <c>DOOR-XX</c>).</param>
/// <param name="Name">Public place name.</param>
/// <param name="Latitude">WGS 84 degrees, −90 to 90.</param>
/// <param name="Longitude">WGS 84 degrees, −180 to 180.</param>
public sealed record RoutePoint(string Code, string Name, double Latitude, double Longitude);

/// <summary>One leg of a route as the public may see it: places, mode and planned times, no carrier or price.</summary>
/// <param name="Sequence">1-based.</param>
/// <param name="Mode">Commercial mode (Postal, Air, Sea, Rail, …).</param>
/// <param name="From">Departure point.</param>
/// <param name="To">Arrival point.</param>
/// <param name="DepartureUtc">Planned departure (UTC).</param>
/// <param name="ArrivalUtc">Planned arrival (UTC), clearance included.</param>
public sealed record RouteLeg(int Sequence, string Mode, RoutePoint From, RoutePoint To, DateTime DepartureUtc, DateTime ArrivalUtc);

/// <summary>One milestone for the public page: what, when (local time of the place) and where (public place only).</summary>
/// <param name="Milestone">Canonical milestone name (<c>TrackingMilestone</c>).</param>
/// <param name="EventTimeUtc">When it happened (UTC).</param>
/// <param name="OffsetMinutes">Local offset stated by the source, minutes.</param>
/// <param name="Place">Public place, or null when unknown.</param>
public sealed record PublicMilestone(string Milestone, DateTime EventTimeUtc, int OffsetMinutes, string? Place);

/// <summary>The public tracking page's content: milestones, times and places only (issue #4 point 3).</summary>
/// <param name="Number">The number looked up, normalised.</param>
/// <param name="Found">False when the number is unknown (neither a planned shipment nor a linked carrier number with events).</param>
/// <param name="Milestones">By event time.</param>
/// <param name="Route">The chosen plan's legs (empty when the shipment was not planned here).</param>
/// <param name="PlannedDeliveryUtc">Planned delivery at the door, or null.</param>
public sealed record PublicTrackingView(string Number, bool Found, IReadOnlyList<PublicMilestone> Milestones, IReadOnlyList<RouteLeg> Route, DateTime? PlannedDeliveryUtc);

/// <summary>One event on the private shipment page.</summary>
/// <param name="Milestone">Canonical milestone.</param>
/// <param name="EventTimeUtc">Event time (UTC).</param>
/// <param name="OffsetMinutes">Local offset, minutes.</param>
/// <param name="Location">Location as stored (UN/LOCODE, identifier, name or city).</param>
/// <param name="Number">The shipment or carrier number it was reported under.</param>
/// <param name="Source">Source format (EPCIS, DCSA, carrier).</param>
/// <param name="LedgerIndex">Position in the tamper-evident ledger.</param>
public sealed record ShipmentEvent(string Milestone, DateTime EventTimeUtc, int OffsetMinutes, string? Location, string Number, string Source, long LedgerIndex);

/// <summary>The private shipment page, as the caller may see it (read through <see cref="Api.IShipmentQueries"/>).</summary>
/// <param name="Shipment">The shipment with its legs; <see cref="Api.ShipmentView.Costs"/> is null for callers who may not see money (providers, brokers).</param>
/// <param name="Order">The order it was planned for, for the owning seller and admins; null for providers and brokers.</param>
/// <param name="Route">Legs with coordinates.</param>
/// <param name="Events">Timeline by event time (only the caller's shipments' events under a shared carrier number).</param>
/// <param name="Eta">ETA estimate (P10, expected, P90) and status, or null when it cannot be computed.</param>
/// <param name="Alerts">Alert texts (kind, leg, node, detail).</param>
public sealed record ShipmentPageView(Api.ShipmentView Shipment, Api.OrderView? Order, IReadOnlyList<RouteLeg> Route, IReadOnlyList<ShipmentEvent> Events, EtaView? Eta, IReadOnlyList<string> Alerts);

/// <summary>An ETA band (an estimate from USAID SCMS delays, docs/eta.md).</summary>
/// <param name="Status">Planned, InTransit, Delivered, Returned.</param>
/// <param name="EarlyUtc">P10.</param>
/// <param name="ExpectedUtc">Expected.</param>
/// <param name="LateUtc">P90.</param>
public sealed record EtaView(string Status, DateTime EarlyUtc, DateTime ExpectedUtc, DateTime LateUtc);

/// <summary>One plan of an order's Pareto set, as stored in <c>shipments.ParetoJson</c> (docs/plan-output.md).</summary>
/// <param name="Index">0-based position in the set.</param>
/// <param name="Currency">ISO 4217 of the amounts.</param>
/// <param name="LandedCost">Known landed cost; a lower bound when <paramref name="LandedCostComplete"/> is false.</param>
/// <param name="LandedCostComplete">False when a cost line is unknown.</param>
/// <param name="DeliveryDays">Ready-to-door days.</param>
/// <param name="DeliveredAtUtc">Planned delivery (UTC).</param>
/// <param name="Co2eKg">kg CO2e.</param>
/// <param name="Route">Node codes joined by " › ".</param>
/// <param name="Modes">Modes joined by "+".</param>
/// <param name="Flags">The plan's flags.</param>
/// <param name="Chosen">True for the plan the objective picked (its legs are the stored legs).</param>
public sealed record ParetoPlan(int Index, string Currency, decimal LandedCost, bool LandedCostComplete, double DeliveryDays, DateTime DeliveredAtUtc, decimal Co2eKg, string Route, string Modes, IReadOnlyList<string> Flags, bool Chosen);

/// <summary>The plan comparison page (read through <see cref="Api.IOrderQueries"/> and <see cref="Api.IShipmentQueries"/>).</summary>
/// <param name="Order">The order.</param>
/// <param name="Shipment">Its shipment with the chosen legs, or null when no route was found.</param>
/// <param name="Plans">The Pareto set; empty when no plan was stored.</param>
public sealed record PlansView(Api.OrderView Order, Api.ShipmentView? Shipment, IReadOnlyList<ParetoPlan> Plans);

/// <summary>Cost and CO2e of one lane (origin node → destination country, quote currency) on the dashboard.</summary>
/// <param name="Origin">Origin node code.</param>
/// <param name="Destination">Destination country (ISO 3166-1 alpha-2).</param>
/// <param name="Currency">Quote currency.</param>
/// <param name="Shipments">Shipments planned on the lane.</param>
/// <param name="LandedCost">Sum of known landed cost; null when the caller may not see money (providers, brokers).</param>
/// <param name="LowerBound">True when some shipment's landed cost is a lower bound.</param>
/// <param name="Co2eKg">Sum of kg CO2e.</param>
/// <param name="Estimated">Shipments whose weights (so CO2e) are estimates.</param>
/// <param name="MeanDays">Mean planned days ready-to-door.</param>
public sealed record LaneFigures(string Origin, string Destination, string Currency, int Shipments, decimal? LandedCost, bool LowerBound, decimal Co2eKg, int Estimated, double MeanDays);

/// <summary>An exception on the dashboard: a stored exception (missed connection, dwell, customs hold, late delivery) or a failed / returned delivery event.</summary>
/// <param name="Number">The shipment's Kuajing number.</param>
/// <param name="Term">The resource list the kind is named from: <c>Exception</c> (stored exception code) or <c>Milestone</c>.</param>
/// <param name="Kind">The exception code (e.g. <c>customs_hold</c>) or the milestone name.</param>
/// <param name="EventTimeUtc">When it was raised or happened (UTC).</param>
/// <param name="OffsetMinutes">UTC offset of the source, minutes (0 for stored exceptions).</param>
/// <param name="Location">The node or place, when known.</param>
/// <param name="Open">For a stored exception: true while open, false once cleared; <see langword="null"/> for an event.</param>
public sealed record ExceptionRow(string Number, string Term, string Kind, DateTime EventTimeUtc, int OffsetMinutes, string? Location, bool? Open = null);

/// <summary>A recent order row on the dashboard.</summary>
/// <param name="SourceKey">The order's source key (link to its plans).</param>
/// <param name="OrderId">Seller's order id.</param>
/// <param name="Destination">Destination country.</param>
/// <param name="Status">Planned, NoRoute or Cancelled.</param>
/// <param name="TrackingNumber">Shipment number, when planned.</param>
public sealed record OrderRow(string SourceKey, string OrderId, string Destination, string Status, string? TrackingNumber);

/// <summary>The dashboard: only what the caller may see.</summary>
/// <param name="SeesOrders">False for providers and brokers, who see shipments but no orders.</param>
/// <param name="Money">False for providers and brokers: landed costs are not shown.</param>
/// <param name="Planned">Orders planned.</param>
/// <param name="NoRoute">Orders with no route.</param>
/// <param name="Cancelled">Cancellations.</param>
/// <param name="InFlight">Shipments with events and no delivery or return yet.</param>
/// <param name="NotStarted">Planned shipments with no event yet.</param>
/// <param name="Delivered">Shipments with a Delivered event.</param>
/// <param name="OnTime">Delivered on or before the planned delivery.</param>
/// <param name="Exceptions">Latest exception events (at most 20).</param>
/// <param name="Lanes">Cost and CO2e by lane, largest first (at most 25).</param>
/// <param name="RecentOrders">Latest orders (at most 15).</param>
public sealed record DashboardView(bool SeesOrders, bool Money, int Planned, int NoRoute, int Cancelled, int InFlight, int NotStarted, int Delivered, int OnTime, IReadOnlyList<ExceptionRow> Exceptions, IReadOnlyList<LaneFigures> Lanes, IReadOnlyList<OrderRow> RecentOrders)
{
    /// <summary>Share of delivered shipments that arrived by the planned time; null (unknown) when none is delivered.</summary>
    public double? OnTimeRate => Delivered == 0 ? null : (double)OnTime / Delivered;
}

/// <summary>One row of the upload validation report.</summary>
/// <param name="Line">Line in the uploaded file (0 for the file itself).</param>
/// <param name="Field">Column or JSON property.</param>
/// <param name="Reason">What was expected.</param>
/// <param name="OrderId">The order it rejects, if known.</param>
public sealed record UploadRejection(int Line, string Field, string Reason, string? OrderId);

/// <summary>One accepted order of an upload.</summary>
/// <param name="OrderId">Order id.</param>
/// <param name="Destination">Destination country.</param>
/// <param name="Lines">Goods lines.</param>
/// <param name="GoodsValue">Sum of line values.</param>
/// <param name="Currency">ISO 4217.</param>
/// <param name="WeightEstimated">True when a weight or size is a Kuajing estimate.</param>
public sealed record UploadOrder(string OrderId, string Destination, int Lines, decimal GoodsValue, string Currency, bool WeightEstimated);

/// <summary>The upload page's report (null before a file is sent).</summary>
/// <param name="FileName">The uploaded file's name.</param>
/// <param name="LinesRead">Data lines read.</param>
/// <param name="Orders">Accepted orders.</param>
/// <param name="Cancellations">Cancelling invoices.</param>
/// <param name="Rejections">Every rejected line with field and reason.</param>
public sealed record UploadReport(string FileName, int LinesRead, IReadOnlyList<UploadOrder> Orders, int Cancellations, IReadOnlyList<UploadRejection> Rejections);

/// <summary>The outcome of "store and plan" on the upload page: the orders stored through <see cref="Api.IOrderIntake"/>, as the REST bulk upload reports them.</summary>
/// <param name="FileName">The uploaded file's name.</param>
/// <param name="Objective">The objective the plans were picked by.</param>
/// <param name="Incoterm">DAP or DDP.</param>
/// <param name="Report">Orders stored (planned or with no route) and rows rejected, duplicates included.</param>
public sealed record StoredUpload(string FileName, string Objective, string Incoterm, Api.IntakeReport Report);
