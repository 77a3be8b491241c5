using Kuajing.Geography;
using Kuajing.Goods;
using Kuajing.Lanes;
using Kuajing.Provenance;
using NodaTime;

namespace Kuajing.Emissions;

/// <summary>
/// Emission intensity factors and leg CO2e (ISO 14083 style: mass × distance × intensity). Factors come from
/// <c>data/emissions/factors.csv</c> (regulatory-facts.md §6); the air distance uplift (+95 km, GLEC) from
/// <c>data/emissions/distance-adjustments.csv</c>. Immutable and thread-safe once loaded.
/// </summary>
public sealed class EmissionFactors
{
    /// <summary>Mean Earth radius in km used by <see cref="GreatCircleKm"/> (IUGG mean radius, 6,371 km).</summary>
    public const double EarthRadiusKm = 6371.0;

    private static readonly string[] FactorColumns = ["vehicle", "use", "kg_co2e_per_tonne_km", "scope", "valid_from", "valid_until", "source", "status"];
    private static readonly string[] AdjustmentColumns = ["vehicle", "add_km", "source", "status"];

    private static readonly int UseCount = Enum.GetValues<EmissionUse>().Length;
    private readonly EmissionFactor[][] _byKey;
    private readonly decimal[] _addKm;

    private EmissionFactors(List<EmissionFactor> factors, decimal[] addKm)
    {
        All = factors.AsReadOnly();
        _addKm = addKm;
        var vehicles = Enum.GetValues<Vehicle>().Length;
        var uses = Enum.GetValues<EmissionUse>().Length;
        _byKey = new EmissionFactor[vehicles * uses][];
        for (var v = 0; v < vehicles; v++)
        {
            for (var u = 0; u < uses; u++)
            {
                _byKey[(v * uses) + u] = factors.Where(f => (int)f.Vehicle == v && (int)f.Use == u).OrderBy(f => f.Validity.From).ToArray();
            }
        }
    }

    /// <summary>Every factor row in file order.</summary>
    public IReadOnlyList<EmissionFactor> All { get; }

    /// <summary>Loads <c>{dataDir}/emissions/factors.csv</c> and <c>distance-adjustments.csv</c>.</summary>
    /// <param name="dataDir">The Kuajing data folder (see <see cref="ReferenceData.DataDirectory.Find"/>).</param>
    /// <returns>The factor table.</returns>
    /// <exception cref="ArgumentException">When <paramref name="dataDir"/> is null or blank.</exception>
    /// <exception cref="FileNotFoundException">When <c>factors.csv</c> is missing.</exception>
    /// <exception cref="EmissionFactorsException">When a row is invalid (unknown vehicle, use or scope, factor ≤ 0, bad date, missing source);
    /// every error names file, line and field.</exception>
    public static EmissionFactors Load(string dataDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);
        var dir = Path.Combine(dataDir, "emissions");
        var factorsPath = Path.Combine(dir, "factors.csv");
        if (!File.Exists(factorsPath))
        {
            throw new FileNotFoundException($"emission factor file not found: {factorsPath}", factorsPath);
        }

        var errors = new List<string>();
        var factors = new List<EmissionFactor>();
        using (var csv = new CsvFieldReader(factorsPath, FactorColumns, errors))
        {
            while (csv.HeaderOk && csv.Read())
            {
                var vehicle = csv.Enum("vehicle", Vehicle.Road);
                var use = csv.Enum("use", EmissionUse.MainHaul);
                var value = csv.RequiredDecimal("kg_co2e_per_tonne_km");
                if (value <= 0)
                {
                    csv.Error("kg_co2e_per_tonne_km", "must be > 0; an unknown factor is left out, never written as 0");
                }

                var scopeText = csv.Text("scope");
                EmissionScope? scope = scopeText switch
                {
                    "WTW" => EmissionScope.WellToWheel,
                    "TTW" => EmissionScope.TankToWheel,
                    "WTT" => EmissionScope.WellToTank,
                    "Unstated" => EmissionScope.Unstated,
                    _ => null,
                };
                if (scope is null && scopeText.Length > 0)
                {
                    csv.Error("scope", $"'{scopeText}' is not one of WTW, TTW, WTT, Unstated");
                }

                var from = csv.Date("valid_from", required: true);
                var until = csv.Date("valid_until", required: false);
                var source = new DataSource(csv.Text("source"), csv.Date("as_of", required: false), ParseStatus(csv));
                factors.Add(new EmissionFactor(vehicle, use, value, scope ?? EmissionScope.Unstated, new ValidityPeriod(from ?? LocalDate.MinIsoValue, until), source));
            }
        }

        var addKm = new decimal[Enum.GetValues<Vehicle>().Length];
        var adjustmentsPath = Path.Combine(dir, "distance-adjustments.csv");
        if (File.Exists(adjustmentsPath))
        {
            using var csv = new CsvFieldReader(adjustmentsPath, AdjustmentColumns, errors);
            while (csv.HeaderOk && csv.Read())
            {
                var vehicle = csv.Enum("vehicle", Vehicle.Road);
                var km = csv.RequiredDecimal("add_km");
                csv.Text("source");
                ParseStatus(csv);
                addKm[(int)vehicle] = km;
            }
        }

        if (errors.Count > 0)
        {
            throw new EmissionFactorsException(errors);
        }

        return new EmissionFactors(factors, addKm);
    }

    /// <summary>The main-haul factor for a vehicle in force on a date.</summary>
    /// <param name="vehicle">The vehicle.</param>
    /// <param name="date">The shipment date.</param>
    /// <returns>The factor with its scope and source.</returns>
    /// <exception cref="EmissionFactorsException">When no factor for the vehicle is in force on <paramref name="date"/>.</exception>
    public EmissionFactor Factor(Vehicle vehicle, LocalDate date) => Factor(vehicle, EmissionUse.MainHaul, date);

    /// <summary>The factor for a vehicle and use in force on a date; for <see cref="EmissionUse.LastMile"/> falls back to the main-haul factor when no last-mile row is in force.</summary>
    /// <param name="vehicle">The vehicle.</param>
    /// <param name="use">Main haul or last mile.</param>
    /// <param name="date">The shipment date.</param>
    /// <returns>The factor with its scope and source.</returns>
    /// <exception cref="EmissionFactorsException">When no factor for the vehicle is in force on <paramref name="date"/>.</exception>
    public EmissionFactor Factor(Vehicle vehicle, EmissionUse use, LocalDate date)
    {
        if (TryFind(vehicle, use, date, out var factor) || (use == EmissionUse.LastMile && TryFind(vehicle, EmissionUse.MainHaul, date, out factor)))
        {
            return factor;
        }

        throw new EmissionFactorsException($"no {use} emission factor for {vehicle} in force on {date:yyyy-MM-dd} in data/emissions/factors.csv");
    }

    /// <summary>The factor for a lane: its vehicle, with the last-mile row for lanes of mode <see cref="TransportMode.LastMile"/>.</summary>
    /// <param name="lane">The lane.</param>
    /// <param name="date">The shipment date.</param>
    /// <returns>The factor.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="lane"/> is null.</exception>
    /// <exception cref="EmissionFactorsException">When no factor is in force on <paramref name="date"/>.</exception>
    public EmissionFactor Factor(Lane lane, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(lane);
        return Factor(lane.Vehicle, lane.Mode == TransportMode.LastMile ? EmissionUse.LastMile : EmissionUse.MainHaul, date);
    }

    /// <summary>
    /// Great-circle distance by the haversine formula on a sphere of radius <see cref="EarthRadiusKm"/>.
    /// </summary>
    /// <param name="lat1">Latitude of the first point in degrees, −90 to 90.</param>
    /// <param name="lon1">Longitude of the first point in degrees, −180 to 180.</param>
    /// <param name="lat2">Latitude of the second point in degrees.</param>
    /// <param name="lon2">Longitude of the second point in degrees.</param>
    /// <returns>Distance in km, ≥ 0.</returns>
    public static double GreatCircleKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double toRad = Math.PI / 180.0;
        var dLat = (lat2 - lat1) * toRad;
        var dLon = (lon2 - lon1) * toRad;
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) +
                (Math.Cos(lat1 * toRad) * Math.Cos(lat2 * toRad) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1.0, Math.Sqrt(a)));
    }

    /// <summary>
    /// Distance of a leg in km: the lane's published distance when it has one, otherwise the great-circle
    /// distance between the nodes plus the vehicle's uplift from <c>distance-adjustments.csv</c> (air: + 95 km, GLEC).
    /// Road and sea legs without a published distance use the plain great-circle distance, an underestimate of the
    /// shortest feasible distance GLEC asks for.
    /// </summary>
    /// <param name="lane">The lane.</param>
    /// <param name="from">The lane's departure node.</param>
    /// <param name="to">The lane's arrival node.</param>
    /// <returns>Distance in km, rounded to 0.1 km.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    public decimal LegDistanceKm(Lane lane, Node from, Node to)
    {
        ArgumentNullException.ThrowIfNull(lane);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (lane.DistanceKm is { } published)
        {
            return published;
        }

        var km = (decimal)GreatCircleKm(from.Latitude, from.Longitude, to.Latitude, to.Longitude);
        return Math.Round(km + _addKm[(int)lane.Vehicle], 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>CO2e of moving a mass over a distance: tonnes × km × the main-haul factor in force on the date.</summary>
    /// <param name="vehicle">The vehicle.</param>
    /// <param name="chargeableOrGross">Mass moved (the caller decides whether gross or chargeable weight is allocated), ≥ 0.</param>
    /// <param name="distanceKm">Distance in km, ≥ 0.</param>
    /// <param name="date">Shipment date (selects the factor).</param>
    /// <returns>kg CO2e; the factor's scope is given by <see cref="Factor(Vehicle, LocalDate)"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When the mass or distance is negative.</exception>
    /// <exception cref="EmissionFactorsException">When no factor is in force on <paramref name="date"/>.</exception>
    public decimal Co2eKg(Vehicle vehicle, Mass chargeableOrGross, decimal distanceKm, LocalDate date) =>
        Co2eKg(Factor(vehicle, date), chargeableOrGross, distanceKm);

    /// <summary>CO2e of moving a mass over a distance with a given factor: tonnes × km × kg CO2e per tonne-km.</summary>
    /// <param name="factor">The factor (carry its <see cref="EmissionFactor.Scope"/> into the output).</param>
    /// <param name="mass">Mass moved, ≥ 0.</param>
    /// <param name="distanceKm">Distance in km, ≥ 0.</param>
    /// <returns>kg CO2e.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="factor"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When the mass or distance is negative.</exception>
    public static decimal Co2eKg(EmissionFactor factor, Mass mass, decimal distanceKm)
    {
        ArgumentNullException.ThrowIfNull(factor);
        ArgumentOutOfRangeException.ThrowIfNegative(mass.Kilograms);
        ArgumentOutOfRangeException.ThrowIfNegative(distanceKm);
        return mass.Kilograms / 1000m * distanceKm * factor.KgCo2ePerTonneKm;
    }

    private static SourceStatus ParseStatus(CsvFieldReader csv)
    {
        var text = csv.Text("status");
        try
        {
            return text.Length == 0 ? SourceStatus.Unconfirmed : DataSource.ParseStatus(text);
        }
        catch (FormatException)
        {
            csv.Error("status", $"'{text}' is not one of C, D, U, E");
            return SourceStatus.Unconfirmed;
        }
    }

    private bool TryFind(Vehicle vehicle, EmissionUse use, LocalDate date, out EmissionFactor factor)
    {
        factor = null!;
        var index = ((int)vehicle * UseCount) + (int)use;
        if ((uint)index >= (uint)_byKey.Length)
        {
            return false;
        }

        foreach (var candidate in _byKey[index])
        {
            if (candidate.Validity.Contains(date))
            {
                factor = candidate;
            }
        }

        return factor is not null;
    }
}
