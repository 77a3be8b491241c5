namespace Kuajing.Lanes;

/// <summary>The commercial channel a lane is sold as (what the shipper books).</summary>
public enum TransportMode
{
    /// <summary>First-mile or line-haul trucking (公路).</summary>
    Road,

    /// <summary>Airport-to-airport air cargo under an air waybill (空运).</summary>
    Air,

    /// <summary>Port-to-port ocean freight under a bill of lading, FCL or LCL (海运).</summary>
    Sea,

    /// <summary>Terminal-to-terminal rail freight, e.g. China–Europe Railway Express (中欧班列).</summary>
    Rail,

    /// <summary>Postal products (e邮宝 ePacket, registered small packet, EMS) door to door (邮政小包).</summary>
    Postal,

    /// <summary>International express (DHL, UPS, FedEx) door to door (国际快递).</summary>
    Express,

    /// <summary>Dedicated e-commerce line (专线): consolidated air plus a contracted last-mile carrier, door to door.</summary>
    EcommerceLine,

    /// <summary>Destination last-mile delivery from a gateway to the buyer's door (尾程派送).</summary>
    LastMile,
}

/// <summary>The physical vehicle that moves the goods on a lane; selects the emission intensity factor.</summary>
public enum Vehicle
{
    /// <summary>Truck or van.</summary>
    Road,

    /// <summary>Aircraft (belly or freighter).</summary>
    Air,

    /// <summary>Container ship.</summary>
    Sea,

    /// <summary>Freight train.</summary>
    Rail,
}

/// <summary>How goods on a lane are cleared through import customs at the destination.</summary>
public enum ClearanceChannel
{
    /// <summary>The lane does not cross an import border (domestic, transit or export-only leg).</summary>
    None,

    /// <summary>Postal clearance (UPU items; CN22/CN23 declarations).</summary>
    Postal,

    /// <summary>Express courier clearance (courier low-value streams).</summary>
    Courier,

    /// <summary>Formal (general cargo) import entry by a customs broker.</summary>
    Formal,
}
