using System.Globalization;
using Kuajing.Geography;

namespace Kuajing.ReferenceData;

/// <summary>A seaport from the World Port Index with a UN/LOCODE.</summary>
/// <param name="UnLocode">UN/LOCODE without the space, e.g. <c>DEHAM</c> (the first two letters are the ISO 3166-1 country).</param>
/// <param name="Name">Main port name.</param>
/// <param name="Country">Country, taken from the UN/LOCODE's first two letters.</param>
/// <param name="Latitude">WGS 84 latitude in degrees, −90 to 90.</param>
/// <param name="Longitude">WGS 84 longitude in degrees, −180 to 180.</param>
/// <param name="WpiNumber">World Port Index number.</param>
/// <param name="HarborSize">WPI harbour size: Very Small, Small, Medium, Large (empty when not given).</param>
public sealed record Seaport(string UnLocode, string Name, CountryCode Country, double Latitude, double Longitude, int WpiNumber, string HarborSize);

/// <summary>
/// Seaports with a UN/LOCODE from NGA World Port Index Pub. 150
/// (<c>data/reference/world-port-index/UpdatedPub150.csv.gz</c>, 2023 edition, U.S. government work, public domain).
/// Ports without a UN/LOCODE, or with a duplicate one, are skipped and counted in <see cref="SkippedRows"/>.
/// Immutable and thread-safe.
/// </summary>
public sealed class SeaportTable
{
    private readonly Dictionary<string, Seaport> _byLocode;

    private SeaportTable(Dictionary<string, Seaport> byLocode, int skipped)
    {
        _byLocode = byLocode;
        SkippedRows = skipped;
    }

    /// <summary>Number of ports with a UN/LOCODE (about 3,300).</summary>
    public int Count => _byLocode.Count;

    /// <summary>Rows skipped: no or malformed UN/LOCODE, or a duplicate.</summary>
    public int SkippedRows { get; }

    /// <summary>All ports, in no particular order.</summary>
    public IReadOnlyCollection<Seaport> All => _byLocode.Values;

    /// <summary>Loads ports.</summary>
    /// <param name="worldPortIndexCsv">Path of <c>UpdatedPub150.csv</c> or <c>.csv.gz</c> (header row; columns used: <c>World Port Index Number</c>, <c>Main Port Name</c>, <c>UN/LOCODE</c>, <c>Harbor Size</c>, <c>Latitude</c>, <c>Longitude</c>).</param>
    /// <returns>The table.</returns>
    /// <exception cref="ReferenceDataException">When the file or a column is missing, or a number or coordinate does not parse or is out of range.</exception>
    public static SeaportTable Load(string worldPortIndexCsv)
    {
        var byLocode = new Dictionary<string, Seaport>(4096, StringComparer.OrdinalIgnoreCase);
        var skipped = 0;
        using var csv = CsvInput.Open(worldPortIndexCsv, "World Port Index Number", "Main Port Name", "UN/LOCODE", "Harbor Size", "Latitude", "Longitude");
        while (csv.Read())
        {
            var locode = Normalise(csv.Text("UN/LOCODE"));
            if (locode is null || byLocode.ContainsKey(locode))
            {
                skipped++;
                continue;
            }

            var lat = (double)csv.Decimal("Latitude");
            var lon = (double)csv.Decimal("Longitude");
            if (lat is < -90 or > 90 || lon is < -180 or > 180)
            {
                throw csv.Error("Latitude/Longitude", $"({lat}, {lon}) is outside −90..90, −180..180");
            }

            var numberText = csv.Required("World Port Index Number");
            if (!int.TryParse(numberText, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                throw csv.Error("World Port Index Number", $"'{numberText}' is not a whole number");
            }

            byLocode[locode] = new Seaport(locode, csv.Required("Main Port Name"), new CountryCode(locode[..2]), lat, lon, number, csv.Text("Harbor Size").Trim());
        }

        return new SeaportTable(byLocode, skipped);
    }

    /// <summary>Finds a port by UN/LOCODE, written with or without the space (<c>DE HAM</c> or <c>DEHAM</c>), case-insensitive.</summary>
    /// <param name="unLocode">The UN/LOCODE.</param>
    /// <param name="port">The port, or <see langword="null"/>.</param>
    /// <returns>False when unknown or malformed.</returns>
    public bool TryGet(string unLocode, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Seaport? port)
    {
        ArgumentNullException.ThrowIfNull(unLocode);
        port = null;
        return Normalise(unLocode) is { } key && _byLocode.TryGetValue(key, out port);
    }

    // UN/LOCODE (UNECE Recommendation 16): 2-letter ISO 3166-1 country + 3 letters or digits 2-9.
    private static string? Normalise(string text)
    {
        var code = text.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return code.Length == 5 && char.IsAsciiLetter(code[0]) && char.IsAsciiLetter(code[1]) && code.Skip(2).All(char.IsAsciiLetterOrDigit)
            ? code
            : null;
    }
}
