using Kuajing.Lanes;
using Kuajing.Provenance;

namespace Kuajing.Emissions;

/// <summary>The emission boundary a factor covers (GLEC Framework / ISO 14083). WTW and TTW must never be summed as if equal.</summary>
public enum EmissionScope
{
    /// <summary>Well-to-wheel: fuel production plus combustion.</summary>
    WellToWheel,

    /// <summary>Tank-to-wheel: combustion (operation) only.</summary>
    TankToWheel,

    /// <summary>Well-to-tank: upstream fuel production only.</summary>
    WellToTank,

    /// <summary>The source does not state the scope.</summary>
    Unstated,
}

/// <summary>Which part of a transport chain a factor is meant for.</summary>
public enum EmissionUse
{
    /// <summary>Line-haul: first mile, main haul by truck, aircraft, ship or train.</summary>
    MainHaul,

    /// <summary>Destination delivery by van (lanes of mode <see cref="TransportMode.LastMile"/>).</summary>
    LastMile,
}

/// <summary>
/// One emission intensity factor: kg CO2e per tonne-km for a vehicle, with its scope, validity and source
/// (rows of <c>data/emissions/factors.csv</c>, from regulatory-facts.md §6).
/// </summary>
/// <param name="Vehicle">The vehicle the factor applies to.</param>
/// <param name="Use">Main haul or last mile.</param>
/// <param name="KgCo2ePerTonneKm">kg CO2e per tonne-km, &gt; 0 (e.g. 0.498 for an air freighter, GLEC v3.0 TTW).</param>
/// <param name="Scope">Emission boundary; outputs must label sums whose legs differ in scope.</param>
/// <param name="Validity">Dates the factor is used for.</param>
/// <param name="Source">Citation, date and status.</param>
public sealed record EmissionFactor(
    Vehicle Vehicle,
    EmissionUse Use,
    decimal KgCo2ePerTonneKm,
    EmissionScope Scope,
    ValidityPeriod Validity,
    DataSource Source);
