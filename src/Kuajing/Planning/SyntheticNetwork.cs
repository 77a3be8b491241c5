using Kuajing.Geography;
using Kuajing.Goods;
using Kuajing.Lanes;
using Kuajing.Money;
using Kuajing.Provenance;
using NodaTime;

namespace Kuajing.Planning;

/// <summary>Shape of a generated network.</summary>
internal enum SyntheticShape
{
    /// <summary>Any non-door node to any other node: cycles, odd clearances and revisits, to stress exactness.</summary>
    Random,

    /// <summary>Origin hubs → export gateways → import gateways → doors, as real China-origin catalogues look.</summary>
    Tiered,
}

/// <summary>
/// A generated lane catalogue with everything needed to plan on it. Every figure is synthetic (random), flagged
/// <see cref="SourceStatus.Estimated"/>, and used only by tests and benchmarks, never by the CLI.
/// </summary>
/// <param name="Network">Nodes and lanes.</param>
/// <param name="Rates">Monthly FX rates for CNY, EUR, GBP (and USD); JPY deliberately has none.</param>
/// <param name="Origins">Node codes requests start from.</param>
/// <param name="Destinations">Countries that have a door node.</param>
internal sealed record SyntheticCatalogue(TransportNetwork Network, FxRates Rates, IReadOnlyList<string> Origins, IReadOnlyList<CountryCode> Destinations)
{
    /// <summary>Scheduled departures of all lanes in one week (a lane with no listed days departs 7 times).</summary>
    public int DeparturesPerWeek => Network.Lanes.Sum(l => l.Schedule.Days.Count == 0 ? 7 : l.Schedule.Days.Count);

    /// <summary>Synthetic distance: the lane's own distance when set, else 0 km.</summary>
    public static decimal Distance(Lane lane, Node from, Node to) => lane.DistanceKm ?? 0m;

    /// <summary>Synthetic CO2e: tonnes × km × a made-up per-vehicle intensity (not real emission factors).</summary>
    public static decimal Emissions(Vehicle vehicle, Mass mass, decimal distanceKm, LocalDate on) =>
        mass.Kilograms / 1000m * distanceKm * vehicle switch
        {
            Vehicle.Air => 0.8m,
            Vehicle.Road => 0.1m,
            Vehicle.Rail => 0.03m,
            _ => 0.015m,
        };

    /// <summary>An exact planner over this catalogue.</summary>
    public ItineraryPlanner CreatePlanner() => new(Network, new FxRatesConversion(Rates), Distance, Emissions);

    /// <summary>The brute-force reference over this catalogue.</summary>
    public BruteForcePlanner CreateBruteForce() => new(Network, new FxRatesConversion(Rates), Distance, Emissions);

    /// <summary>A random request: ready between 2025-03-20 and 2025-04-15 (spanning the EU and US DST changes), 1–3 parcels.</summary>
    public PlanningRequest RandomRequest(Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var ready = Instant.FromUtc(2025, 3, 20, 0, 0) + Duration.FromMinutes(rng.Next(0, 26 * 24 * 60));
        var parcels = new Parcel[rng.Next(1, 4)];
        for (var i = 0; i < parcels.Length; i++)
        {
            parcels[i] = new Parcel(
                new Mass(rng.Next(1, 400) / 10m),
                new Dimensions(rng.Next(5, 121), rng.Next(5, 81), rng.Next(2, 61)));
        }

        var hazards = rng.Next(4) == 0 ? (GoodsHazards)(1 << rng.Next(8)) : GoodsHazards.None;
        var quote = rng.Next(3) switch { 0 => CurrencyCode.Eur, 1 => CurrencyCode.Gbp, _ => CurrencyCode.Usd };
        return new PlanningRequest(
            Origins[rng.Next(Origins.Count)],
            Destinations[rng.Next(Destinations.Count)],
            ready,
            ready.InUtc().Date,
            new Consignment(parcels, hazards, WeightEstimated: false),
            new Money.Money(rng.Next(5, 600), rng.Next(2) == 0 ? CurrencyCode.Eur : CurrencyCode.Cny),
            quote);
    }
}

/// <summary>Random lane catalogues for property tests and benchmarks (see <see cref="SyntheticCatalogue"/>).</summary>
internal static class SyntheticNetwork
{
    private static readonly DataSource Synthetic = new("synthetic test network (random)", null, SourceStatus.Estimated);

    private static readonly (string Country, string Zone)[] DestinationCountries =
    [
        ("DE", "Europe/Berlin"), ("GB", "Europe/London"), ("US", "America/New_York"), ("FR", "Europe/Paris"),
        ("NL", "Europe/Amsterdam"), ("PL", "Europe/Warsaw"), ("ES", "Europe/Madrid"), ("IT", "Europe/Rome"),
        ("CA", "America/Toronto"), ("AU", "Australia/Sydney"),
    ];

    private static readonly CurrencyCode[] LaneCurrencies = [CurrencyCode.Cny, CurrencyCode.Eur, CurrencyCode.Usd, CurrencyCode.Gbp];

    /// <summary>Generates a catalogue.</summary>
    /// <param name="seed">Random seed; equal seeds give equal catalogues.</param>
    /// <param name="nodes">Node count including doors, ≥ 3.</param>
    /// <param name="lanes">Lane count, ≥ 1.</param>
    /// <param name="shape">Network shape.</param>
    /// <returns>The catalogue.</returns>
    public static SyntheticCatalogue Create(int seed, int nodes, int lanes, SyntheticShape shape = SyntheticShape.Random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 3);
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
#pragma warning disable CA5394 // Synthetic test data, not security.
        var rng = new Random(seed);
        return shape == SyntheticShape.Tiered ? Tiered(rng, nodes, lanes) : RandomShape(rng, nodes, lanes);
    }

    private static SyntheticCatalogue RandomShape(Random rng, int nodeCount, int laneCount)
    {
        var doorCount = nodeCount >= 5 ? 2 : 1;
        var nodes = new List<Node>();
        for (var i = 0; i < doorCount; i++)
        {
            var (country, zone) = DestinationCountries[i];
            nodes.Add(MakeNode(rng, "DOOR-" + country, NodeKind.Door, country, zone));
        }

        for (var i = 0; i < nodeCount - doorCount; i++)
        {
            var (country, zone) = i == 0 || rng.Next(2) == 0 ? ("CN", "Asia/Shanghai") : DestinationCountries[rng.Next(doorCount)];
            nodes.Add(MakeNode(rng, "N" + i, NodeKind.Hub, country, zone));
        }

        var lanes = new List<Lane>();
        var sources = nodes.Where(n => n.Kind != NodeKind.Door).ToArray();
        for (var i = 0; i < laneCount; i++)
        {
            var from = sources[rng.Next(sources.Length)];
            Node to;
            do
            {
                to = nodes[rng.Next(nodes.Count)];
            }
            while (to.Code == from.Code);

            var crosses = from.Country != to.Country;
            var clearance = (crosses && rng.Next(10) < 7) || rng.Next(10) == 0
                ? (ClearanceChannel)rng.Next(1, 4)
                : ClearanceChannel.None;
            lanes.Add(MakeLane(rng, i, from, to, clearance, (TransportMode)rng.Next(8), (Vehicle)rng.Next(4), validityRisk: true));
        }

        var origins = sources.Select(n => n.Code).ToArray();
        return new SyntheticCatalogue(new TransportNetwork(nodes, lanes), Rates(), origins, nodes.Where(n => n.Kind == NodeKind.Door).Select(n => n.Country).ToArray());
    }

    private static SyntheticCatalogue Tiered(Random rng, int nodeCount, int laneCount)
    {
        var countries = DestinationCountries.Take(Math.Clamp(nodeCount / 15, 1, DestinationCountries.Length)).ToArray();
        var hubs = new List<Node>();
        var exports = new List<Node>();
        var imports = new List<Node>();
        var doors = countries.Select(c => MakeNode(rng, "DOOR-" + c.Country, NodeKind.Door, c.Country, c.Zone)).ToList();
        var rest = nodeCount - doors.Count;
        for (var i = 0; i < Math.Max(1, rest / 10); i++)
        {
            hubs.Add(MakeNode(rng, "HUB" + i, NodeKind.Hub, "CN", "Asia/Shanghai"));
        }

        for (var i = 0; i < Math.Max(1, rest / 5); i++)
        {
            exports.Add(MakeNode(rng, "CNX" + i, i % 3 == 0 ? NodeKind.Seaport : NodeKind.Airport, "CN", "Asia/Shanghai"));
        }

        for (var i = 0; i < Math.Max(1, rest - hubs.Count - exports.Count); i++)
        {
            var (country, zone) = countries[i % countries.Length];
            imports.Add(MakeNode(rng, country + "G" + i, i % 4 == 0 ? NodeKind.Seaport : NodeKind.Airport, country, zone));
        }

        var lanes = new List<Lane>();
        for (var i = 0; i < laneCount; i++)
        {
            T Pick<T>(List<T> list) => list[rng.Next(list.Count)];
            var kind = rng.Next(100);
            Lane lane;
            if (kind < 20)
            {
                lane = MakeLane(rng, i, Pick(hubs), Pick(exports), ClearanceChannel.None, TransportMode.Road, Vehicle.Road, validityRisk: false);
            }
            else if (kind < 50)
            {
                var air = rng.Next(3) > 0;
                lane = MakeLane(rng, i, Pick(exports), Pick(imports), air ? (ClearanceChannel)rng.Next(2, 4) : ClearanceChannel.Formal,
                    air ? TransportMode.Air : TransportMode.Sea, air ? Vehicle.Air : Vehicle.Sea, validityRisk: false);
            }
            else if (kind < 62)
            {
                lane = MakeLane(rng, i, Pick(hubs), Pick(doors), (ClearanceChannel)rng.Next(1, 3),
                    rng.Next(2) == 0 ? TransportMode.Postal : TransportMode.EcommerceLine, Vehicle.Air, validityRisk: false);
            }
            else if (kind < 90)
            {
                var from = Pick(imports);
                var door = doors.First(d => d.Country == from.Country);
                lane = MakeLane(rng, i, from, door, ClearanceChannel.None, TransportMode.LastMile, Vehicle.Road, validityRisk: false);
            }
            else
            {
                var from = Pick(imports);
                var to = Pick(imports);
                if (to.Code == from.Code)
                {
                    i--;
                    continue;
                }

                lane = MakeLane(rng, i, from, to, ClearanceChannel.None, TransportMode.Road, Vehicle.Road, validityRisk: false);
            }

            lanes.Add(lane);
        }

        var all = hubs.Concat(exports).Concat(imports).Concat(doors).ToList();
        return new SyntheticCatalogue(new TransportNetwork(all, lanes), Rates(), hubs.Select(h => h.Code).ToArray(), doors.Select(d => d.Country).ToArray());
    }

    private static Node MakeNode(Random rng, string code, NodeKind kind, string country, string zone) =>
        new(code, code, kind, new CountryCode(country), 0d, 0d, zone, kind == NodeKind.Door ? 0 : rng.Next(0, 25), Synthetic);

    private static Lane MakeLane(Random rng, int i, Node from, Node to, ClearanceChannel clearance, TransportMode mode, Vehicle vehicle, bool validityRisk)
    {
        var days = rng.Next(5) == 0
            ? Array.Empty<IsoDayOfWeek>()
            : Enumerable.Range(1, 7).Where(_ => rng.Next(2) == 0).Select(d => (IsoDayOfWeek)d).DefaultIfEmpty((IsoDayOfWeek)rng.Next(1, 8)).ToArray();
        var transitMin = rng.Next(0, 21) / 2m;
        var validity = ValidityPeriod.Always;
        if (validityRisk && rng.Next(4) == 0)
        {
            var start = new LocalDate(2025, 3, 15).PlusDays(rng.Next(0, 40));
            validity = new ValidityPeriod(start, rng.Next(2) == 0 ? null : start.PlusDays(rng.Next(1, 30)));
        }

        var currency = validityRisk && rng.Next(20) == 0 ? new CurrencyCode("JPY") : LaneCurrencies[rng.Next(LaneCurrencies.Length)];
        return new Lane
        {
            Id = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"L{i:D5}-{from.Code}-{to.Code}"),
            From = from.Code,
            To = to.Code,
            Mode = mode,
            Vehicle = vehicle,
            Service = "synthetic",
            Carrier = "synthetic",
            Schedule = new WeeklySchedule(days, new LocalTime(rng.Next(24), rng.Next(4) * 15), rng.Next(0, 49)),
            TransitDaysMin = transitMin,
            TransitDaysMax = transitMin + (rng.Next(0, 11) / 2m),
            Rate = RandomRate(rng, currency),
            VolumetricDivisor = rng.Next(4) switch { 0 => null, 1 => 5000, 2 => 6000, _ => 3000 },
            Limits = new LaneLimits(
                rng.Next(4) == 0 ? rng.Next(2, 40) : null,
                rng.Next(4) == 0 ? rng.Next(5, 80) : null,
                rng.Next(5) == 0 ? rng.Next(40, 150) : null,
                rng.Next(5) == 0 ? rng.Next(90, 250) : null,
                rng.Next(6) == 0 ? rng.Next(50, 2000) : null),
            Forbidden = rng.Next(3) == 0 ? (GoodsHazards)rng.Next(1, 256) : GoodsHazards.None,
            Clearance = clearance,
            ClearanceHours = clearance == ClearanceChannel.None ? 0 : rng.Next(0, 73),
            DutyAndTaxIncluded = clearance != ClearanceChannel.None && rng.Next(3) == 0,
            DistanceKm = rng.Next(50, 12000),
            Validity = validity,
            Source = Synthetic,
        };
    }

    private static RateCard RandomRate(Random rng, CurrencyCode currency)
    {
        var firstWeight = rng.Next(2) == 0;
        WeightBreak[] breaks = rng.Next(2) == 0 || !firstWeight
            ? [new WeightBreak(firstWeight ? rng.Next(2, 10) : 0m, rng.Next(5, 120)), new WeightBreak(rng.Next(10, 30), rng.Next(3, 100))]
            : [];
        return new RateCard
        {
            Currency = currency,
            PerShipment = rng.Next(3) == 0 ? rng.Next(0, 200) : 0,
            PerPiece = rng.Next(3) == 0 ? rng.Next(0, 30) : 0,
            FirstWeightKg = firstWeight ? 0.5m : 0m,
            FirstWeightPrice = rng.Next(20, 200),
            StepKg = 0.5m,
            StepPrice = rng.Next(5, 60),
            PerKgBreaks = breaks,
            Minimum = rng.Next(3) == 0 ? rng.Next(10, 300) : 0,
            FuelSurchargePercent = rng.Next(3) == 0 ? rng.Next(0, 30) : 0,
            RoundingStepKg = rng.Next(2) == 0 ? 0.5m : 0.001m,
        };
    }
#pragma warning restore CA5394

    private static FxRates Rates()
    {
        var rows = new List<FxRate>();
        for (var month = new LocalDate(2024, 1, 1); month < new LocalDate(2026, 1, 1); month = month.PlusMonths(1))
        {
            rows.Add(new FxRate(month, CurrencyCode.Cny, 7.2m));
            rows.Add(new FxRate(month, CurrencyCode.Eur, 0.92m));
            rows.Add(new FxRate(month, CurrencyCode.Gbp, 0.79m));
        }

        return new FxRates(rows);
    }
}
