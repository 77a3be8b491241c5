using Kuajing.Provenance;

namespace Kuajing.Geography;

/// <summary>What kind of place a <see cref="Node"/> is.</summary>
public enum NodeKind
{
    /// <summary>An origin consolidation hub or bonded logistics area (e.g. Zhengzhou 郑州 bonded area).</summary>
    Hub,

    /// <summary>An airport, coded by IATA location code (OpenFlights).</summary>
    Airport,

    /// <summary>A seaport, coded by UN/LOCODE (NGA World Port Index).</summary>
    Seaport,

    /// <summary>A rail container terminal, coded by UN/LOCODE.</summary>
    RailTerminal,

    /// <summary>The buyer's door in a destination country: the end of every itinerary. Code is <c>DOOR-XX</c>.</summary>
    Door,
}

/// <summary>
/// A place where goods change vehicle or carrier: hub, airport, seaport, rail terminal, or the door.
/// </summary>
/// <param name="Code">Unique code: IATA code for airports (e.g. <c>CGO</c>), UN/LOCODE without space for ports and terminals (e.g. <c>DEHAM</c>), <c>DOOR-GB</c> for doors.</param>
/// <param name="Name">Human-readable name.</param>
/// <param name="Kind">Kind of place.</param>
/// <param name="Country">Country the node is in.</param>
/// <param name="Latitude">WGS 84 latitude in degrees, −90 to 90.</param>
/// <param name="Longitude">WGS 84 longitude in degrees, −180 to 180.</param>
/// <param name="TimeZoneId">IANA time zone id (e.g. <c>Asia/Shanghai</c>) in which the node's schedules are published.</param>
/// <param name="DwellHours">Typical handling time at the node between arrival and the next departure's cut-off, in hours, ≥ 0.</param>
/// <param name="Source">Where the node's data came from.</param>
public sealed record Node(
    string Code,
    string Name,
    NodeKind Kind,
    CountryCode Country,
    double Latitude,
    double Longitude,
    string TimeZoneId,
    int DwellHours,
    DataSource Source)
{
    /// <summary>The door code for a destination country, e.g. <c>DOOR-DE</c>.</summary>
    /// <param name="country">Destination country.</param>
    /// <returns>The door node code.</returns>
    public static string DoorCode(CountryCode country) => "DOOR-" + country.Value;
}
