namespace Kuajing.Trade;

/// <summary>
/// The Incoterms® 2020 rules Kuajing quotes under (ICC Incoterms 2020). Under both the seller
/// pays carriage to the named place; they differ in who pays import duty and taxes.
/// </summary>
public enum Incoterm
{
    /// <summary>Delivered at Place (目的地交货): the buyer pays import duty, import VAT/GST and clearance fees.</summary>
    DAP,

    /// <summary>Delivered Duty Paid (完税后交货): the seller pays import duty, import VAT/GST and clearance fees.</summary>
    DDP,
}

/// <summary>Who bears a cost line in a landed-cost quote.</summary>
public enum Payer
{
    /// <summary>The seller (shipper / exporter).</summary>
    Seller,

    /// <summary>The buyer (consignee / importer).</summary>
    Buyer,
}
