namespace Kuajing.Goods;

/// <summary>
/// Goods properties that restrict which lanes may carry them. Lithium battery entries follow the
/// IATA Dangerous Goods Regulations packing instructions (regulatory-facts.md §8, 66th edition, 2025).
/// </summary>
[Flags]
public enum GoodsHazards
{
    /// <summary>No restricted property known.</summary>
    None = 0,

    /// <summary>UN3480, lithium ion batteries alone (PI 965): cargo aircraft only, not in post.</summary>
    LithiumIonBatteriesAlone = 1,

    /// <summary>UN3481, lithium ion batteries packed with equipment (PI 966).</summary>
    LithiumIonPackedWithEquipment = 2,

    /// <summary>UN3481, lithium ion batteries contained in equipment (PI 967).</summary>
    LithiumIonContainedInEquipment = 4,

    /// <summary>UN3090, lithium metal batteries alone (PI 968): cargo aircraft only.</summary>
    LithiumMetalBatteriesAlone = 8,

    /// <summary>Liquids (perfume, cosmetics, nail polish): restricted in post and many dedicated lines.</summary>
    Liquids = 16,

    /// <summary>Aerosols and compressed gases: prohibited in international mail (UPU Convention art. 19).</summary>
    Aerosols = 32,

    /// <summary>Powders: refused by many dedicated lines.</summary>
    Powders = 64,

    /// <summary>Magnets and magnetised goods.</summary>
    Magnetic = 128,
}
