using System.Text.Json;
using Kuajing.Geography;
using Kuajing.Lanes;
using Kuajing.Orders;
using Kuajing.ReferenceData;

namespace Kuajing.Web.Ui;

/// <summary>
/// The reference data the pages need, loaded once per process on first use from the bundled <c>data/</c> folder
/// (<see cref="DataDirectory.Find"/>): the lane catalogue's nodes (hubs, airports, seaports, rail terminals, doors,
/// with WGS 84 coordinates from <c>data/lanes/nodes.csv</c>), the seaport table (NGA World Port Index, for UN/LOCODEs
/// of events) and the order reader used by the upload page (the same <see cref="OrdersReader"/> the CLI and the REST
/// bulk upload use). Thread-safe.
/// </summary>
internal sealed class UiReferenceData
{
    private readonly Lazy<Loaded> _loaded;

    /// <summary>Creates the lazy holder; <paramref name="dataDirectory"/> null means <see cref="DataDirectory.Find"/>.</summary>
    public UiReferenceData(string? dataDirectory = null) =>
        _loaded = new Lazy<Loaded>(() => Load(dataDirectory ?? DataDirectory.Find()), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Nodes of the lane catalogue by code (and alias, e.g. a UN/LOCODE alias of an airport).</summary>
    public LaneCatalogue Catalogue => _loaded.Value.Catalogue;

    /// <summary>Seaports by UN/LOCODE.</summary>
    public SeaportTable Seaports => _loaded.Value.Reference.Seaports;

    /// <summary>The order reader (thread-safe).</summary>
    public OrdersReader Orders => _loaded.Value.Orders;

    /// <summary>A node by code or alias, or null.</summary>
    public Node? Node(string code) => Catalogue.TryResolve(code, out var node) ? node : null;

    /// <summary>
    /// A place that may be shown to anyone (the public tracking page): a UN/LOCODE resolved to a node or seaport name, else
    /// the code; else the city and country the source gave. Never a facility name, an identifier (an SGLN names the
    /// company), a postal code or a street: those are names and addresses (issue #4, point 3).
    /// </summary>
    /// <param name="canonicalPayload">The event's canonical JSON as stored (<c>TimelineService.CanonicalPayload</c>).</param>
    /// <returns>The place, or null when nothing public is known.</returns>
    public string? PublicPlace(string canonicalPayload)
    {
        using var doc = JsonDocument.Parse(canonicalPayload);
        if (!doc.RootElement.TryGetProperty("location", out var location))
        {
            return null;
        }

        if (location.TryGetProperty("unLocode", out var code) && code.GetString() is { Length: 5 } locode)
        {
            if (Node(locode) is { } node)
            {
                return $"{PlaceName(node)} ({locode})";
            }

            return Seaports.TryGet(locode, out var port) ? $"{port.Name}, {port.Country.Value} ({locode})" : locode;
        }

        var city = location.TryGetProperty("city", out var c) ? c.GetString() : null;
        var country = location.TryGetProperty("country", out var k) ? k.GetString() : null;
        return city is null ? country : country is null ? city : $"{city}, {country}";
    }

    /// <summary>A node's public name: the catalogue name, except doors, which are only the destination country.</summary>
    public static string PlaceName(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Kind == NodeKind.Door ? node.Country.Value : node.Name;
    }

    private static Loaded Load(string dataDirectory)
    {
        var reference = ReferenceDataSet.Load(dataDirectory);
        return new Loaded(LaneCatalogue.Load(dataDirectory), reference, OrdersReader.Create(reference));
    }

    private sealed record Loaded(LaneCatalogue Catalogue, ReferenceDataSet Reference, OrdersReader Orders);
}
