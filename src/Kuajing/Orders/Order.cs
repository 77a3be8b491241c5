using Kuajing.Geography;
using Kuajing.Goods;
using NodaTime;

namespace Kuajing.Orders;

/// <summary>Where an input record came from, for error reports and traceability.</summary>
/// <param name="File">File path as given by the user.</param>
/// <param name="Line">1-based line number of the first row of the record (the header is line 1 in CSV).</param>
public readonly record struct SourceLocation(string File, int Line)
{
    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line}";
}

/// <summary>One line of an order: a product, its quantity and unit value, and what is known of its weight and size.</summary>
/// <param name="Sku">Seller's stock code, or empty.</param>
/// <param name="Description">Goods description as declared (English).</param>
/// <param name="Hs">HS code when known.</param>
/// <param name="Quantity">Units ordered, ≥ 1.</param>
/// <param name="UnitValue">Price of one unit (the customs "intrinsic value" basis).</param>
/// <param name="UnitWeight">Gross weight of one unit when known or estimated.</param>
/// <param name="UnitSize">Packed size of one unit when known or estimated.</param>
/// <param name="WeightEstimated">True when <paramref name="UnitWeight"/>/<paramref name="UnitSize"/> are Kuajing estimates, not seller data.</param>
/// <param name="Hazards">Restricted properties of the goods.</param>
/// <param name="Location">Where the line was read.</param>
public sealed record OrderLine(
    string Sku,
    string Description,
    HsCode? Hs,
    int Quantity,
    Money.Money UnitValue,
    Mass? UnitWeight,
    Dimensions? UnitSize,
    bool WeightEstimated,
    GoodsHazards Hazards,
    SourceLocation Location)
{
    /// <summary>Quantity × unit value.</summary>
    public Money.Money LineValue => UnitValue * Quantity;
}

/// <summary>
/// A buyer's order: what ships together as one shipment. For the bundled UCI Online Retail data one invoice is one order.
/// </summary>
/// <param name="OrderId">Seller's order id (invoice number), unique per source.</param>
/// <param name="PlacedAt">Local date and time the order was placed (the date selects the rules in force).</param>
/// <param name="BuyerCountry">Destination country.</param>
/// <param name="BuyerPostcode">Destination postcode, when known.</param>
/// <param name="Lines">Order lines, at least one.</param>
/// <param name="Location">Where the order's first line was read.</param>
public sealed record Order(
    string OrderId,
    LocalDateTime PlacedAt,
    CountryCode BuyerCountry,
    string? BuyerPostcode,
    IReadOnlyList<OrderLine> Lines,
    SourceLocation Location)
{
    /// <summary>The order date (rules and rates in force on this date apply).</summary>
    public LocalDate OrderDate => PlacedAt.Date;

    /// <summary>Sum of line values (all lines share one currency).</summary>
    public Money.Money GoodsValue => Lines.Skip(1).Aggregate(Lines[0].LineValue, (s, l) => s + l.LineValue);

    /// <summary>True when any line's weight or size is estimated.</summary>
    public bool WeightEstimated => Lines.Any(l => l.WeightEstimated);
}

/// <summary>A record that could not be accepted, with where and why.</summary>
/// <param name="Location">File and line.</param>
/// <param name="Field">Field (column or JSON property) at fault.</param>
/// <param name="Reason">What was found and what was expected.</param>
/// <param name="OrderId">The order id, when one could be read.</param>
public sealed record Rejection(SourceLocation Location, string Field, string Reason, string? OrderId = null)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Location}: field '{Field}': {Reason}";
}

/// <summary>An invoice that cancels earlier lines (UCI invoices numbered <c>C…</c> with negative quantities): nothing ships.</summary>
/// <param name="OrderId">The cancelling invoice number, e.g. C536379.</param>
/// <param name="PlacedAt">When it was issued.</param>
/// <param name="Lines">How many lines it cancels.</param>
/// <param name="Location">Where it was read.</param>
public sealed record Cancellation(string OrderId, LocalDateTime PlacedAt, int Lines, SourceLocation Location);
