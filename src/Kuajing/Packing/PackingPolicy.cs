using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Kuajing.Goods;
using Kuajing.Orders;
using Kuajing.Planning;
using Kuajing.Provenance;
using NodaTime;
using NodaTime.Text;

namespace Kuajing.Packing;

/// <summary>
/// How order lines become parcels when the seller gives no packing list: the goods' total weight and
/// volume (volume divided by <see cref="FillFactor"/> for void fill) are split into the fewest equal
/// cartons that respect <see cref="MaxCartonKg"/> and the carton's volume. A Kuajing estimate
/// (<c>data/planning/packing.csv</c>, status E): every plan built on it is flagged <c>estimated-packing</c>.
/// </summary>
public sealed record PackingPolicy
{
    /// <summary>Heaviest carton, kg, &gt; 0.</summary>
    public required decimal MaxCartonKg { get; init; }

    /// <summary>Largest carton, cm.</summary>
    public required Dimensions MaxCarton { get; init; }

    /// <summary>Share of a carton's volume filled by goods, 0 &lt; f ≤ 1.</summary>
    public required decimal FillFactor { get; init; }

    /// <summary>Hours from order placement until the goods are ready at the origin hub (pick, pack, hand-over), ≥ 0.</summary>
    public required int HandlingHours { get; init; }

    /// <summary>Dates in force.</summary>
    public required ValidityPeriod Validity { get; init; }

    /// <summary>Source of the assumption.</summary>
    public required DataSource Source { get; init; }

    /// <summary>Loads the policy rows from <c>packing.csv</c> and returns the one in force on <paramref name="on"/>.</summary>
    /// <param name="path">Path of <c>data/planning/packing.csv</c>.</param>
    /// <param name="on">Date the policy must be in force.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="InvalidDataException">When a row is malformed (message names file, line and field) or no row is in force on <paramref name="on"/>.</exception>
    public static PackingPolicy Load(string path, LocalDate on)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        var rows = new List<PackingPolicy>();
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            rows.Add(new PackingPolicy
            {
                MaxCartonKg = Dec(csv, "max_carton_kg", path, line),
                MaxCarton = new Dimensions(Dec(csv, "max_carton_length_cm", path, line), Dec(csv, "max_carton_width_cm", path, line), Dec(csv, "max_carton_height_cm", path, line)),
                FillFactor = Dec(csv, "fill_factor", path, line),
                HandlingHours = (int)Dec(csv, "handling_hours", path, line),
                Validity = new ValidityPeriod(Date(csv, "valid_from", path, line)!.Value, Date(csv, "valid_until", path, line)),
                Source = new DataSource(csv.GetField("source") ?? "", null, DataSource.ParseStatus(csv.GetField("status") ?? "")),
            });
        }

        return rows.LastOrDefault(r => r.Validity.Contains(on))
            ?? throw new InvalidDataException($"{path}: no packing policy in force on {on}");
    }

    /// <summary>Packs an order's lines into parcels.</summary>
    /// <param name="lines">Order lines; each must have a unit weight and size (given or estimated).</param>
    /// <returns>The consignment: equal parcels, the union of line hazards, and whether anything was estimated (always true: the packing itself is an estimate).</returns>
    /// <exception cref="ArgumentException">When a line has no unit weight or size.</exception>
    public Consignment Pack(IReadOnlyList<OrderLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var kg = 0m;
        var cm3 = 0m;
        var hazards = GoodsHazards.None;
        foreach (var l in lines)
        {
            if (l.UnitWeight is not Mass w || l.UnitSize is not Dimensions d)
            {
                throw new ArgumentException($"order line {l.Location} ({l.Sku}) has no unit weight or size to pack", nameof(lines));
            }

            kg += w.Kilograms * l.Quantity;
            cm3 += d.VolumeCm3 * l.Quantity;
            hazards |= l.Hazards;
        }

        cm3 /= FillFactor;
        var cartons = (int)Math.Max(1m, Math.Max(Math.Ceiling(kg / MaxCartonKg), Math.Ceiling(cm3 / MaxCarton.VolumeCm3)));
        var parcelKg = Math.Round(kg / cartons, 3, MidpointRounding.AwayFromZero);
        var side = Math.Round((decimal)Math.Cbrt((double)(cm3 / cartons)), 1, MidpointRounding.AwayFromZero);
        side = Math.Max(side, 1m);
        var parcel = new Parcel(new Mass(Math.Max(parcelKg, 0.001m)), new Dimensions(side, side, side));
        return new Consignment(Enumerable.Repeat(parcel, cartons).ToArray(), hazards, WeightEstimated: true);
    }

    private static decimal Dec(CsvReader csv, string field, string path, long line) =>
        decimal.TryParse(csv.GetField(field), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) && v >= 0
            ? v
            : throw new InvalidDataException($"{path}:{line}: field '{field}': expected a non-negative number, found '{csv.GetField(field)}'");

    private static LocalDate? Date(CsvReader csv, string field, string path, long line)
    {
        var text = csv.GetField(field);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(text);
        return parsed.Success ? parsed.Value : throw new InvalidDataException($"{path}:{line}: field '{field}': expected yyyy-MM-dd, found '{text}'");
    }
}
