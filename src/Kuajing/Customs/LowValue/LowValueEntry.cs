using Kuajing.Geography;
using Kuajing.Goods;
using Kuajing.Lanes;
using Kuajing.Orders;
using Kuajing.Planning;

namespace Kuajing.Customs.LowValue;

/// <summary>How VAT is accounted for on an EU low-value consignment (regulatory-facts.md §1.1, §5.1).</summary>
public enum EuVatRoute
{
    /// <summary>Import One-Stop Shop: VAT charged at checkout; the IOSS number is declared (DE 13 16, role FR5; procedure F48).</summary>
    Ioss,

    /// <summary>Special arrangements (Directive 2006/112/EC Title XII ch. 7): the postal operator or courier collects VAT from the consignee (procedure F49).</summary>
    SpecialArrangements,

    /// <summary>VAT paid at import under the standard rules (C07 only).</summary>
    Standard,
}

/// <summary>What the planned shipment contributes to a low-value data set.</summary>
/// <param name="Origin">Country the goods ship from.</param>
/// <param name="GrossMass">Gross mass of the consignment, kg.</param>
/// <param name="MassEstimated">True when <paramref name="GrossMass"/> rests on Kuajing weight estimates (never declared as measured).</param>
/// <param name="TransportCostToBorder">Freight up to the destination border (the chosen plan's CIF part), or <see langword="null"/> when unknown.</param>
/// <param name="Channel">How the shipment clears import customs (postal, courier, formal), from the chosen plan's clearing leg.</param>
/// <param name="TrackingNumber">Kuajing's UPU S10 number of the shipment, when allocated.</param>
public sealed record LowValueShipment(CountryCode Origin, Mass GrossMass, bool MassEstimated, Money.Money? TransportCostToBorder, ClearanceChannel Channel, string? TrackingNumber)
{
    /// <summary>The shipment facts of a planned order (its chosen plan).</summary>
    /// <param name="plan">The order's plan; must have a chosen plan.</param>
    /// <param name="origin">Country of the origin node.</param>
    /// <param name="trackingNumber">The shipment's S10 number, when allocated.</param>
    /// <returns>The shipment facts.</returns>
    /// <exception cref="ArgumentException">When the plan has no chosen plan (no route).</exception>
    public static LowValueShipment FromPlan(OrderPlan plan, CountryCode origin, string? trackingNumber = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var chosen = plan.Chosen ?? throw new ArgumentException($"order {plan.Order.OrderId} has no planned shipment ({plan.Reason}: {plan.ReasonDetail})", nameof(plan));
        var channel = chosen.Option.Itinerary.ClearingLeg?.Lane.Clearance ?? ClearanceChannel.None;
        return new LowValueShipment(origin, plan.Goods.GrossWeight, plan.Goods.WeightEstimated, chosen.Quote.Request.FreightToBorder, channel, trackingNumber);
    }
}

/// <summary>
/// Party and reference data the order itself does not carry (the generic and UCI order formats have no names,
/// addresses, EORI or document references). Every value is optional: a missing one is reported, never invented.
/// </summary>
/// <param name="SellerName">Seller / exporter name.</param>
/// <param name="SellerAddress">Seller / exporter address.</param>
/// <param name="BuyerName">Buyer / importer (consignee) name.</param>
/// <param name="BuyerAddress">Buyer / importer full address.</param>
/// <param name="DeclarantEori">Declarant / representative EORI number.</param>
/// <param name="Lrn">Local reference number.</param>
/// <param name="TransportDocument">Transport document reference (house AWB, CMR …).</param>
/// <param name="PreviousDocument">Previous document reference (e.g. ENS MRN).</param>
/// <param name="LocationOfGoods">Location of goods code.</param>
/// <param name="CustomsOffice">Customs office code.</param>
/// <param name="DeclarationType">Declaration type / additional declaration type as the declarant files it.</param>
/// <param name="SellerVatRegistration">UK: the seller's or marketplace's HMRC VAT registration number.</param>
public sealed record LowValueParties(
    string? SellerName = null,
    string? SellerAddress = null,
    string? BuyerName = null,
    string? BuyerAddress = null,
    string? DeclarantEori = null,
    string? Lrn = null,
    string? TransportDocument = null,
    string? PreviousDocument = null,
    string? LocationOfGoods = null,
    string? CustomsOffice = null,
    string? DeclarationType = null,
    string? SellerVatRegistration = null)
{
    /// <summary>No party data.</summary>
    public static LowValueParties None { get; } = new();
}

/// <summary>The single entry a low-value data set is produced from: the order, its planned shipment and the party data.</summary>
/// <param name="Order">The order (one invoice).</param>
/// <param name="Shipment">Its planned shipment.</param>
/// <param name="Parties">Party and reference data.</param>
/// <param name="IossNumber">The seller's IOSS VAT identification number (EU), when VAT goes through IOSS.</param>
/// <param name="VatRoute">The EU VAT route; <see langword="null"/> means IOSS when <paramref name="IossNumber"/> is given, otherwise not stated (an error for a B2C consignment).</param>
public sealed record LowValueEntry(Order Order, LowValueShipment Shipment, LowValueParties Parties, string? IossNumber = null, EuVatRoute? VatRoute = null);
