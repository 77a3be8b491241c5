using System.Collections.Frozen;
using Kuajing.Geography;
using Kuajing.Goods;
using Kuajing.Money;
using Kuajing.Provenance;
using NodaTime;

namespace Kuajing.Lanes;

/// <summary>
/// The lane catalogue the multimodal planner runs on: every node (hub, airport, seaport, rail terminal,
/// door) and every lane between them, read from <c>data/lanes/nodes.csv</c>, <c>lanes.csv</c> and
/// <c>lane-weight-breaks.csv</c>. The rows are built only from <c>shared/reference/lanes-and-rates.md</c>
/// (see <c>data/lanes/SOURCE.md</c>); node coordinates come from OpenFlights (airports) and the NGA World
/// Port Index (seaports). Immutable and thread-safe once loaded.
/// </summary>
public sealed class LaneCatalogue
{
    /// <summary>Node file name inside the lanes folder.</summary>
    public const string NodesFile = "nodes.csv";

    /// <summary>Lane file name inside the lanes folder.</summary>
    public const string LanesFile = "lanes.csv";

    /// <summary>Per-kg weight-break file name inside the lanes folder (companion of <see cref="LanesFile"/>).</summary>
    public const string WeightBreaksFile = "lane-weight-breaks.csv";

    private static readonly string[] NodeColumns = ["code", "name", "kind", "country", "latitude", "longitude", "time_zone", "dwell_hours", "aliases", "source", "status"];

    private static readonly string[] LaneColumns =
    [
        "id", "from", "to", "mode", "vehicle", "service", "carrier", "departure_days", "departure_time", "cutoff_hours",
        "transit_days_min", "transit_days_max", "currency", "per_shipment", "per_piece", "first_weight_kg", "first_weight_price",
        "step_kg", "step_price", "per_revenue_ton", "per_container", "minimum", "fuel_percent", "rounding_step_kg", "min_chargeable_kg",
        "price_known", "volumetric_divisor", "max_piece_kg", "max_shipment_kg", "max_longest_side_cm", "max_sum_of_sides_cm",
        "max_declared_value", "forbidden", "clearance", "clearance_hours", "duty_and_tax_included", "distance_km", "valid_from",
        "valid_until", "source", "as_of", "status",
    ];

    private static readonly string[] BreakColumns = ["lane_id", "from_kg", "per_kg"];

    private readonly FrozenDictionary<string, string> _aliases;
    private readonly FrozenDictionary<string, Lane[]> _departing;
    private readonly FrozenSet<string> _unpriced;

    private LaneCatalogue(Dictionary<string, Node> nodes, Dictionary<string, string> aliases, List<Lane> lanes, HashSet<string> unpriced)
    {
        Nodes = nodes.ToFrozenDictionary(StringComparer.Ordinal);
        Lanes = lanes.AsReadOnly();
        _aliases = aliases.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _unpriced = unpriced.ToFrozenSet(StringComparer.Ordinal);
        _departing = lanes.GroupBy(l => l.From, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Every node by its canonical code (IATA for airports, UN/LOCODE without space for ports and terminals, <c>DOOR-XX</c> for doors).</summary>
    public IReadOnlyDictionary<string, Node> Nodes { get; }

    /// <summary>Every lane in file order. Dated versions of one service (e.g. weekly index values) are separate lanes with consecutive validity.</summary>
    public IReadOnlyList<Lane> Lanes { get; }

    /// <summary>
    /// Ids of lanes whose price is NOT in the source (<c>price_known = false</c>): first-mile trucking and some
    /// last-mile or door lanes with published days only. Their <see cref="Lane.Rate"/> carries no amounts;
    /// a plan that uses one must report its freight as unknown, never as zero.
    /// </summary>
    public IReadOnlySet<string> UnpricedLaneIds => _unpriced;

    /// <summary>The default origin hub: <c>CNCGO</c>, the Zhengzhou bonded logistics area (issue #2).</summary>
    public static string DefaultOrigin => "CNCGO";

    /// <summary>Loads and validates the catalogue from <c>{dataDir}/lanes/</c>.</summary>
    /// <param name="dataDir">The Kuajing data folder (see <see cref="ReferenceData.DataDirectory.Find"/>); the files are read from its <c>lanes</c> subfolder.</param>
    /// <returns>The catalogue.</returns>
    /// <exception cref="ArgumentException">When <paramref name="dataDir"/> is null or blank.</exception>
    /// <exception cref="FileNotFoundException">When <c>nodes.csv</c> or <c>lanes.csv</c> is missing.</exception>
    /// <exception cref="LaneCatalogueException">When any row is invalid (unknown node code, bad enum value, negative or unparsable number,
    /// minimum transit above maximum, missing source, duplicate id, …); lists every error with file, line and field.</exception>
    public static LaneCatalogue Load(string dataDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);
        return LoadFolder(Path.Combine(dataDir, "lanes"));
    }

    /// <summary>Loads and validates the catalogue from a folder holding the three lane files directly (used by tests).</summary>
    /// <param name="lanesDir">Folder with <c>nodes.csv</c>, <c>lanes.csv</c> and optionally <c>lane-weight-breaks.csv</c>.</param>
    /// <returns>The catalogue.</returns>
    /// <exception cref="ArgumentException">When <paramref name="lanesDir"/> is null or blank.</exception>
    /// <exception cref="FileNotFoundException">When <c>nodes.csv</c> or <c>lanes.csv</c> is missing.</exception>
    /// <exception cref="LaneCatalogueException">When any row is invalid; lists every error with file, line and field.</exception>
    public static LaneCatalogue LoadFolder(string lanesDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lanesDir);
        var nodesPath = Path.Combine(lanesDir, NodesFile);
        var lanesPath = Path.Combine(lanesDir, LanesFile);
        foreach (var path in new[] { nodesPath, lanesPath })
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"lane catalogue file not found: {path}", path);
            }
        }

        var errors = new List<string>();
        var (nodes, aliases) = ReadNodes(nodesPath, errors);
        var breaksPath = Path.Combine(lanesDir, WeightBreaksFile);
        var breaks = File.Exists(breaksPath) ? ReadBreaks(breaksPath, errors) : [];
        var unpriced = new HashSet<string>(StringComparer.Ordinal);
        var lanes = ReadLanes(lanesPath, nodes, breaks, unpriced, errors);
        if (errors.Count > 0)
        {
            throw new LaneCatalogueException(errors);
        }

        return new LaneCatalogue(nodes, aliases, lanes, unpriced);
    }

    /// <summary>True when the lane's price is published in its source; false for the lanes in <see cref="UnpricedLaneIds"/>.</summary>
    /// <param name="lane">A lane of this catalogue.</param>
    /// <returns>Whether <see cref="Lane.Rate"/> can be used as a price.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="lane"/> is null.</exception>
    public bool IsPriceKnown(Lane lane)
    {
        ArgumentNullException.ThrowIfNull(lane);
        return !_unpriced.Contains(lane.Id);
    }

    /// <summary>Lanes departing from a node (all validity versions), precomputed for the planner.</summary>
    /// <param name="nodeCode">Canonical node code.</param>
    /// <returns>The lanes, empty when none depart from the node.</returns>
    public IReadOnlyList<Lane> Departing(string nodeCode) =>
        nodeCode is not null && _departing.TryGetValue(nodeCode, out var lanes) ? lanes : [];

    /// <summary>
    /// Finds a node by canonical code or by one of its aliases (legacy trade codes and UN/LOCODE variants,
    /// e.g. <c>CNSHG</c> → <c>CNSHA</c>, lanes-and-rates.md §6.2), case-insensitively.
    /// </summary>
    /// <param name="codeOrAlias">Code or alias.</param>
    /// <param name="node">The node, when found.</param>
    /// <returns>Whether a node was found.</returns>
    public bool TryResolve(string codeOrAlias, out Node node)
    {
        node = null!;
        if (string.IsNullOrWhiteSpace(codeOrAlias))
        {
            return false;
        }

        var key = codeOrAlias.Trim().ToUpperInvariant();
        if (Nodes.TryGetValue(key, out var found) || (_aliases.TryGetValue(key, out var canonical) && Nodes.TryGetValue(canonical, out found)))
        {
            node = found;
            return true;
        }

        return false;
    }

    /// <summary>Lanes in force on a date (their <see cref="Lane.Validity"/> contains it).</summary>
    /// <param name="date">Usually the order date.</param>
    /// <returns>The lanes valid that day.</returns>
    public IEnumerable<Lane> ValidOn(LocalDate date) => Lanes.Where(l => l.Validity.Contains(date));

    private static (Dictionary<string, Node> Nodes, Dictionary<string, string> Aliases) ReadNodes(string path, List<string> errors)
    {
        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        var aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using var csv = new CsvFieldReader(path, NodeColumns, errors);
        if (!csv.HeaderOk)
        {
            return (nodes, aliases);
        }

        var aliasLines = new List<(string Alias, string Code, int Line)>();
        while (csv.Read())
        {
            var code = csv.Text("code");
            var name = csv.Text("name");
            var kind = csv.Enum("kind", NodeKind.Hub);
            var countryText = csv.Text("country");
            var country = new CountryCode("XX");
            if (countryText.Length > 0)
            {
                try
                {
                    country = new CountryCode(countryText);
                }
                catch (FormatException)
                {
                    csv.Error("country", $"'{countryText}' is not an ISO 3166-1 alpha-2 code");
                }
            }

            var lat = csv.Double("latitude", -90, 90);
            var lon = csv.Double("longitude", -180, 180);
            var zone = csv.Text("time_zone");
            if (zone.Length > 0 && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is null)
            {
                csv.Error("time_zone", $"'{zone}' is not an IANA time zone id");
            }

            var dwell = csv.Int("dwell_hours", 0, 0, 720);
            var source = ReadSource(csv);
            if (code.Length > 0 && kind == NodeKind.Door && code != "DOOR-" + country.Value)
            {
                csv.Error("code", $"door code '{code}' must be DOOR-{country.Value} for country {country.Value}");
            }

            if (code.Length > 0 && !nodes.TryAdd(code, new Node(code, name, kind, country, lat, lon, zone, dwell, source)))
            {
                csv.Error("code", $"duplicate node code '{code}'");
            }

            foreach (var alias in csv.Text("aliases", required: false).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                aliasLines.Add((alias, code, csv.Line));
            }
        }

        foreach (var (alias, code, line) in aliasLines)
        {
            if (nodes.ContainsKey(alias))
            {
                continue; // a canonical code always wins over an alias (e.g. CNSGH is the Shanghai hub, also a WPI alias of the port).
            }

            if (!aliases.TryAdd(alias, code) && aliases[alias] != code)
            {
                errors.Add($"{csv.FileName}:{line}: field 'aliases': alias '{alias}' already names node '{aliases[alias]}'");
            }
        }

        return (nodes, aliases);
    }

    private static Dictionary<string, List<WeightBreak>> ReadBreaks(string path, List<string> errors)
    {
        var result = new Dictionary<string, List<WeightBreak>>(StringComparer.Ordinal);
        using var csv = new CsvFieldReader(path, BreakColumns, errors);
        if (!csv.HeaderOk)
        {
            return result;
        }

        while (csv.Read())
        {
            var id = csv.Text("lane_id");
            var from = csv.RequiredDecimal("from_kg");
            var perKg = csv.RequiredDecimal("per_kg");
            if (id.Length == 0)
            {
                continue;
            }

            if (!result.TryGetValue(id, out var list))
            {
                result[id] = list = [];
            }

            if (list.Count > 0 && from <= list[^1].FromKg)
            {
                csv.Error("from_kg", $"breaks of lane '{id}' must ascend; {from} follows {list[^1].FromKg}");
            }

            list.Add(new WeightBreak(from, perKg));
        }

        return result;
    }

    private static List<Lane> ReadLanes(string path, Dictionary<string, Node> nodes, Dictionary<string, List<WeightBreak>> breaks, HashSet<string> unpriced, List<string> errors)
    {
        var lanes = new List<Lane>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        using var csv = new CsvFieldReader(path, LaneColumns, errors);
        if (!csv.HeaderOk)
        {
            return lanes;
        }

        while (csv.Read())
        {
            var id = csv.Text("id");
            if (id.Length > 0 && !ids.Add(id))
            {
                csv.Error("id", $"duplicate lane id '{id}'");
            }

            var from = NodeRef(csv, "from", nodes);
            var to = NodeRef(csv, "to", nodes);
            if (from.Length > 0 && from == to)
            {
                csv.Error("to", $"lane ends where it starts ('{from}')");
            }

            var mode = csv.Enum("mode", TransportMode.Road);
            var vehicle = csv.Enum("vehicle", Vehicle.Road);
            var service = csv.Text("service");
            var carrier = csv.Text("carrier");
            var schedule = new WeeklySchedule(ReadDays(csv), csv.Time("departure_time", new LocalTime(18, 0)), csv.Int("cutoff_hours", 4, 0, 168));
            var transitMin = csv.RequiredDecimal("transit_days_min");
            var transitMax = csv.RequiredDecimal("transit_days_max");
            if (transitMin > transitMax)
            {
                csv.Error("transit_days_min", $"{transitMin} is above transit_days_max {transitMax}; expected min ≤ max");
            }

            var rate = ReadRate(csv, id, breaks);
            var priceKnown = csv.Bool("price_known", true);
            if (!priceKnown)
            {
                unpriced.Add(id);
            }
            else if (rate.PerShipment + rate.PerPiece + rate.FirstWeightPrice + rate.PerRevenueTon + rate.PerContainer + rate.Minimum == 0 && rate.PerKgBreaks.Count == 0)
            {
                csv.Error("price_known", "is true but the row has no price component; set price_known=false when the source gives no price");
            }

            var divisorText = csv.Text("volumetric_divisor", required: false);
            int? divisor = divisorText.Length == 0 ? null : csv.Int("volumetric_divisor", 0, 1, 100_000);
            var limits = new LaneLimits(
                csv.OptionalDecimal("max_piece_kg"),
                csv.OptionalDecimal("max_shipment_kg"),
                csv.OptionalDecimal("max_longest_side_cm"),
                csv.OptionalDecimal("max_sum_of_sides_cm"),
                csv.OptionalDecimal("max_declared_value"));
            var forbidden = ReadHazards(csv);
            var clearance = csv.Enum("clearance", ClearanceChannel.None);
            var clearanceHours = csv.Int("clearance_hours", 0, 0, 24 * 60);
            var ddp = csv.Bool("duty_and_tax_included", false);
            var distance = csv.OptionalDecimal("distance_km");
            var validFrom = csv.Date("valid_from", required: true);
            var validUntil = csv.Date("valid_until", required: false);
            if (validFrom is not null && validUntil is not null && validUntil <= validFrom)
            {
                csv.Error("valid_until", $"{validUntil} is not after valid_from {validFrom}");
            }

            var source = ReadSource(csv);
            if (id.Length == 0)
            {
                continue;
            }

            lanes.Add(new Lane
            {
                Id = id,
                From = from,
                To = to,
                Mode = mode,
                Vehicle = vehicle,
                Service = service,
                Carrier = carrier,
                Schedule = schedule,
                TransitDaysMin = transitMin,
                TransitDaysMax = transitMax,
                Rate = rate,
                VolumetricDivisor = divisor,
                Limits = limits,
                Forbidden = forbidden,
                Clearance = clearance,
                ClearanceHours = clearanceHours,
                DutyAndTaxIncluded = ddp,
                DistanceKm = distance,
                Validity = new ValidityPeriod(validFrom ?? LocalDate.MinIsoValue, validUntil),
                Source = source,
            });
        }

        var known = new HashSet<string>(ids, StringComparer.Ordinal);
        foreach (var orphan in breaks.Keys.Where(k => !known.Contains(k)))
        {
            errors.Add($"{WeightBreaksFile}: field 'lane_id': '{orphan}' is not a lane id in {LanesFile}");
        }

        return lanes;
    }

    private static string NodeRef(CsvFieldReader csv, string field, Dictionary<string, Node> nodes)
    {
        var code = csv.Text(field);
        if (code.Length > 0 && !nodes.ContainsKey(code))
        {
            csv.Error(field, $"unknown node code '{code}'; expected a code from {NodesFile}");
        }

        return code;
    }

    private static IsoDayOfWeek[] ReadDays(CsvFieldReader csv)
    {
        var text = csv.Text("departure_days", required: false);
        if (text.Length == 0)
        {
            return [];
        }

        var days = new List<IsoDayOfWeek>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            IsoDayOfWeek? day = part switch
            {
                "Mon" => IsoDayOfWeek.Monday,
                "Tue" => IsoDayOfWeek.Tuesday,
                "Wed" => IsoDayOfWeek.Wednesday,
                "Thu" => IsoDayOfWeek.Thursday,
                "Fri" => IsoDayOfWeek.Friday,
                "Sat" => IsoDayOfWeek.Saturday,
                "Sun" => IsoDayOfWeek.Sunday,
                _ => null,
            };
            if (day is null)
            {
                csv.Error("departure_days", $"'{part}' is not a weekday; expected Mon, Tue, Wed, Thu, Fri, Sat or Sun separated by ';'");
            }
            else
            {
                days.Add(day.Value);
            }
        }

        return [.. days];
    }

    private static RateCard ReadRate(CsvFieldReader csv, string id, Dictionary<string, List<WeightBreak>> breaks)
    {
        var currencyText = csv.Text("currency");
        var currency = CurrencyCode.Usd;
        if (currencyText.Length > 0)
        {
            try
            {
                currency = new CurrencyCode(currencyText);
            }
            catch (FormatException)
            {
                csv.Error("currency", $"'{currencyText}' is not an ISO 4217 code (three letters)");
            }
        }

        var rate = new RateCard
        {
            Currency = currency,
            PerShipment = csv.Decimal("per_shipment"),
            PerPiece = csv.Decimal("per_piece"),
            FirstWeightKg = csv.Decimal("first_weight_kg"),
            FirstWeightPrice = csv.Decimal("first_weight_price"),
            StepKg = csv.Decimal("step_kg"),
            StepPrice = csv.Decimal("step_price"),
            PerKgBreaks = breaks.TryGetValue(id, out var list) ? list.AsReadOnly() : [],
            PerRevenueTon = csv.Decimal("per_revenue_ton"),
            PerContainer = csv.Decimal("per_container"),
            Minimum = csv.Decimal("minimum"),
            FuelSurchargePercent = csv.Decimal("fuel_percent"),
            RoundingStepKg = csv.Decimal("rounding_step_kg", 0.001m),
            MinChargeableKg = csv.Decimal("min_chargeable_kg"),
        };
        if (rate.StepPrice > 0 && rate.StepKg == 0)
        {
            csv.Error("step_kg", "is empty or 0 while step_price is set; expected the step size in kg");
        }

        if (rate.FirstWeightPrice > 0 && rate.FirstWeightKg == 0)
        {
            csv.Error("first_weight_kg", "is empty or 0 while first_weight_price is set; expected the first-weight block in kg");
        }

        return rate;
    }

    private static GoodsHazards ReadHazards(CsvFieldReader csv)
    {
        var text = csv.Text("forbidden", required: false);
        var result = GoodsHazards.None;
        foreach (var part in text.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.All(char.IsAsciiDigit) || !Enum.TryParse<GoodsHazards>(part, ignoreCase: false, out var flag))
            {
                csv.Error("forbidden", $"'{part}' is not a GoodsHazards flag; expected names such as {string.Join(", ", Enum.GetNames<GoodsHazards>().Skip(1).Take(3))} separated by '|'");
                continue;
            }

            result |= flag;
        }

        return result;
    }

    private static DataSource ReadSource(CsvFieldReader csv)
    {
        var citation = csv.Text("source");
        var asOf = csv.Date("as_of", required: false);
        var statusText = csv.Text("status");
        var status = SourceStatus.Unconfirmed;
        if (statusText.Length > 0)
        {
            try
            {
                status = DataSource.ParseStatus(statusText);
            }
            catch (FormatException)
            {
                csv.Error("status", $"'{statusText}' is not one of C, D, U, E");
            }
        }

        return new DataSource(citation, asOf, status);
    }
}
