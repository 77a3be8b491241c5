using Kuajing.Geography;

namespace Kuajing.ReferenceData;

/// <summary>An airport with an IATA location code.</summary>
/// <param name="Iata">Three-letter IATA location code, e.g. <c>CGO</c>.</param>
/// <param name="Icao">Four-letter ICAO code, or <see langword="null"/> when unknown.</param>
/// <param name="Name">Airport name.</param>
/// <param name="City">City served.</param>
/// <param name="Country">Country (mapped from the OpenFlights country name through <c>countries.dat</c>).</param>
/// <param name="Latitude">WGS 84 latitude in degrees, −90 to 90.</param>
/// <param name="Longitude">WGS 84 longitude in degrees, −180 to 180.</param>
/// <param name="TimeZoneId">IANA time zone id, or <see langword="null"/> when OpenFlights gives none.</param>
public sealed record Airport(string Iata, string? Icao, string Name, string City, CountryCode Country, double Latitude, double Longitude, string? TimeZoneId);

/// <summary>
/// Airports with IATA codes from OpenFlights (<c>data/reference/openflights/airports.dat.gz</c>, airports.dat of
/// 2019-05-13, ODbL 1.0, attribute "OpenFlights.org"). Rows without an IATA code, or whose country has no ISO code
/// in <c>countries.dat</c>, are skipped and counted in <see cref="SkippedRows"/>. Immutable and thread-safe.
/// </summary>
public sealed class AirportTable
{
    private const string Null = "\\N";
    private readonly Dictionary<string, Airport> _byIata;

    private AirportTable(Dictionary<string, Airport> byIata, int skipped)
    {
        _byIata = byIata;
        SkippedRows = skipped;
    }

    /// <summary>Number of airports with an IATA code (about 6,000).</summary>
    public int Count => _byIata.Count;

    /// <summary>Rows skipped: no IATA code, duplicate IATA code, or no ISO country.</summary>
    public int SkippedRows { get; }

    /// <summary>All airports, in no particular order.</summary>
    public IReadOnlyCollection<Airport> All => _byIata.Values;

    /// <summary>Loads airports.</summary>
    /// <param name="airportsDat">Path of <c>airports.dat</c> or <c>airports.dat.gz</c> (headerless OpenFlights format: id, name, city, country, IATA, ICAO, latitude, longitude, altitude, UTC offset, DST, tz, type, source).</param>
    /// <param name="countriesDat">Path of OpenFlights <c>countries.dat</c> (name, ISO alpha-2, DAFIF code).</param>
    /// <returns>The table.</returns>
    /// <exception cref="ReferenceDataException">When a file is missing, a row has fewer than 12 fields, or a coordinate is not a number or out of range.</exception>
    public static AirportTable Load(string airportsDat, string countriesDat)
    {
        var isoByName = new Dictionary<string, CountryCode>(StringComparer.Ordinal);
        using (var csv = CsvInput.OpenHeaderless(countriesDat))
        {
            while (csv.Read())
            {
                var iso = csv.Text(1).Trim();
                if (iso.Length == 2 && iso.All(char.IsAsciiLetter))
                {
                    isoByName.TryAdd(csv.Text(0).Trim(), new CountryCode(iso));
                }
            }
        }

        var byIata = new Dictionary<string, Airport>(8192, StringComparer.OrdinalIgnoreCase);
        var skipped = 0;
        using (var csv = CsvInput.OpenHeaderless(airportsDat))
        {
            while (csv.Read())
            {
                if (csv.FieldCount < 12)
                {
                    throw csv.Error("(row)", $"{csv.FieldCount} fields; 14 expected (OpenFlights airports.dat)");
                }

                var iata = csv.Text(4).Trim();
                if (iata.Length != 3 || iata == Null || !isoByName.TryGetValue(csv.Text(3).Trim(), out var country) || byIata.ContainsKey(iata))
                {
                    skipped++;
                    continue;
                }

                var lat = csv.Double(6, "latitude");
                var lon = csv.Double(7, "longitude");
                if (lat is < -90 or > 90 || lon is < -180 or > 180)
                {
                    throw csv.Error("latitude/longitude", $"({lat}, {lon}) is outside −90..90, −180..180");
                }

                var icao = csv.Text(5).Trim();
                var tz = csv.Text(11).Trim();
                byIata[iata] = new Airport(
                    iata.ToUpperInvariant(),
                    icao.Length == 0 || icao == Null ? null : icao,
                    csv.Text(1).Trim(),
                    csv.Text(2).Trim(),
                    country,
                    lat,
                    lon,
                    tz.Length == 0 || tz == Null ? null : tz);
            }
        }

        return new AirportTable(byIata, skipped);
    }

    /// <summary>Finds an airport by IATA code (case-insensitive).</summary>
    /// <param name="iata">Three-letter code.</param>
    /// <param name="airport">The airport, or <see langword="null"/>.</param>
    /// <returns>False when unknown.</returns>
    public bool TryGet(string iata, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Airport? airport)
    {
        ArgumentNullException.ThrowIfNull(iata);
        return _byIata.TryGetValue(iata, out airport);
    }
}
