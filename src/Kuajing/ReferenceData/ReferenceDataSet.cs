using System.Collections.Concurrent;
using Kuajing.Money;

namespace Kuajing.ReferenceData;

/// <summary>
/// All bundled reference tables, loaded once per data folder and shared (thread-safe, immutable):
/// countries, FX rates, HS 2022, airports and seaports. File layout under the data folder:
/// <c>reference/country-codes/</c>, <c>reference/fx-rates/</c>, <c>reference/harmonized-system/</c>,
/// <c>reference/openflights/</c>, <c>reference/world-port-index/</c> (see each folder's SOURCE.md).
/// </summary>
public sealed class ReferenceDataSet
{
    private static readonly ConcurrentDictionary<string, Lazy<ReferenceDataSet>> Cache = new(StringComparer.Ordinal);

    private ReferenceDataSet(string dataDirectory, CountryTable countries, FxRates fx, HsNomenclature hs, AirportTable airports, SeaportTable seaports)
    {
        DataDirectory = dataDirectory;
        Countries = countries;
        Fx = fx;
        Hs = hs;
        Airports = airports;
        Seaports = seaports;
    }

    /// <summary>Absolute path of the data folder the tables came from.</summary>
    public string DataDirectory { get; }

    /// <summary>ISO 3166-1 countries and name resolution.</summary>
    public CountryTable Countries { get; }

    /// <summary>Monthly FX rates (units per USD).</summary>
    public FxRates Fx { get; }

    /// <summary>HS 2022 nomenclature.</summary>
    public HsNomenclature Hs { get; }

    /// <summary>Airports by IATA code.</summary>
    public AirportTable Airports { get; }

    /// <summary>Seaports by UN/LOCODE.</summary>
    public SeaportTable Seaports { get; }

    /// <summary>Loads (once per folder; later calls return the same instance) the tables from a data folder.</summary>
    /// <param name="dataDir">The <c>data/</c> folder, e.g. from <see cref="ReferenceData.DataDirectory.Find"/>.</param>
    /// <returns>The shared data set.</returns>
    /// <exception cref="ReferenceDataException">When a file is missing or malformed (message names file, line, field).</exception>
    public static ReferenceDataSet Load(string dataDir)
    {
        ArgumentNullException.ThrowIfNull(dataDir);
        var key = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDir));
        var lazy = Cache.GetOrAdd(key, k => new Lazy<ReferenceDataSet>(() => LoadUncached(k), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch (ReferenceDataException)
        {
            Cache.TryRemove(key, out _); // let a corrected file be retried
            throw;
        }
    }

    /// <summary>Loads the tables from the folder found by <see cref="ReferenceData.DataDirectory.Find"/>.</summary>
    /// <returns>The shared data set.</returns>
    /// <exception cref="DirectoryNotFoundException">When no data folder is found.</exception>
    /// <exception cref="ReferenceDataException">When a file is missing or malformed.</exception>
    public static ReferenceDataSet LoadDefault() => Load(ReferenceData.DataDirectory.Find());

    private static ReferenceDataSet LoadUncached(string dir)
    {
        string P(string relative) => Path.Combine(dir, "reference", relative);

        // Independent files: load in parallel (about 0.2 s in total, dominated by the HS and port files).
        var countries = Task.Run(() => CountryTable.Load(P("country-codes/country-codes.csv"), P("country-codes/country-aliases.csv")));
        var fx = Task.Run(() => FxTable.Load(P("fx-rates/monthly.csv")));
        var hs = Task.Run(() => HsNomenclature.Load(P("harmonized-system/harmonized-system.csv"), P("harmonized-system/sections.csv")));
        var airports = Task.Run(() => AirportTable.Load(P("openflights/airports.dat.gz"), P("openflights/countries.dat")));
        var seaports = Task.Run(() => SeaportTable.Load(P("world-port-index/UpdatedPub150.csv.gz")));
        try
        {
            Task.WaitAll(countries, fx, hs, airports, seaports);
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault() is ReferenceDataException first)
        {
            throw first;
        }

        return new ReferenceDataSet(dir, countries.Result, fx.Result, hs.Result, airports.Result, seaports.Result);
    }
}
