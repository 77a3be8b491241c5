using Kuajing.Compliance;
using Kuajing.Emissions;
using Kuajing.LandedCost;
using Kuajing.Lanes;
using Kuajing.Packing;
using Kuajing.ReferenceData;
using NodaTime;

namespace Kuajing.Planning;

/// <summary>
/// Everything an order planner is built from, loaded once from a data folder: reference data (countries, FX, HS),
/// the lane catalogue, emission factors, import rules with the tariff schedules, and the compliance rules; plus the
/// itinerary planner and landed-cost calculator over them. The one composition of planning that <c>kuajing plan</c>,
/// the server, the low-value data sets, the benchmarks and the tests share, so each plans exactly as the main job does.
/// Thread-safe once loaded.
/// </summary>
public sealed class PlanningData
{
    private readonly string _packingPath;

    private PlanningData(string dataDir)
    {
        DataDirectory = dataDir;
        Reference = ReferenceDataSet.Load(dataDir);
        Catalogue = LaneCatalogue.Load(dataDir);
        Emissions = EmissionFactors.Load(dataDir);
        Rules = ImportRuleBook.Load(dataDir);
        Compliance = ComplianceRuleBook.Load(dataDir);
        _packingPath = System.IO.Path.Combine(dataDir, "planning", "packing.csv");
        Itineraries = new ItineraryPlanner(new TransportNetwork(Catalogue.Nodes.Values, Catalogue.Lanes), new FxRatesConversion(Reference.Fx), Emissions.LegDistanceKm, Emissions.Co2eKg);
        LandedCost = new LandedCostCalculator(Rules, Reference.Fx);
    }

    /// <summary>The data folder it was loaded from.</summary>
    public string DataDirectory { get; }

    /// <summary>Countries, currencies, FX rates, HS nomenclature, airports and seaports.</summary>
    public ReferenceDataSet Reference { get; }

    /// <summary>The lane catalogue (nodes and dated lanes).</summary>
    public LaneCatalogue Catalogue { get; }

    /// <summary>Emission factors (kg CO2e per tonne-km by vehicle and date).</summary>
    public EmissionFactors Emissions { get; }

    /// <summary>Dated import rules, VAT/GST rates and tariff schedules.</summary>
    public ImportRuleBook Rules { get; }

    /// <summary>Dated restricted and prohibited goods rules (ADR 0006: they block lanes during the search).</summary>
    public ComplianceRuleBook Compliance { get; }

    /// <summary>The exact multi-criteria itinerary planner over the catalogue.</summary>
    public ItineraryPlanner Itineraries { get; }

    /// <summary>The landed-cost calculator over <see cref="Rules"/> and the FX rates.</summary>
    public LandedCostCalculator LandedCost { get; }

    /// <summary>Loads everything from a data folder (about 0.2 s for the bundled data).</summary>
    /// <param name="dataDir">The data folder (the repository's <c>data/</c>, see <see cref="ReferenceData.DataDirectory.Find"/>).</param>
    /// <returns>The loaded data.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="dataDir"/> is null.</exception>
    /// <exception cref="ReferenceDataException">When a data file is missing or malformed (the loaders name the file, line and field).</exception>
    public static PlanningData Load(string dataDir)
    {
        ArgumentNullException.ThrowIfNull(dataDir);
        return new PlanningData(dataDir);
    }

    /// <summary>The packing assumption of <c>data/planning/packing.csv</c> in force on a date.</summary>
    /// <param name="date">The order date.</param>
    /// <returns>The packing policy.</returns>
    /// <exception cref="ReferenceDataException">When no row is in force on <paramref name="date"/>.</exception>
    public PackingPolicy PackingOn(LocalDate date) => PackingPolicy.Load(_packingPath, date);

    /// <summary>An order planner for one option set and packing policy, with the compliance rules (as <c>kuajing plan</c>).</summary>
    /// <param name="options">Origin, objective, Incoterm and quote currency.</param>
    /// <param name="packing">The packing policy (<see cref="PackingOn"/>).</param>
    /// <returns>The planner (thread-safe).</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    public OrderPlanner CreatePlanner(OrderPlanOptions options, PackingPolicy packing) =>
        new(Itineraries, LandedCost, packing, options, Catalogue.IsPriceKnown, Compliance);
}
