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
    /// <exception cref="ReferenceData.ReferenceDataException">When a row is malformed (the message names file, line and field) or no row is in force on <paramref name="on"/>.</exception>
    public static PackingPolicy Load(string path, LocalDate on)
    {
        using var csv = ReferenceData.CsvInput.Open(path, "max_carton_kg", "max_carton_length_cm", "max_carton_width_cm", "max_carton_height_cm", "fill_factor", "handling_hours", "valid_from", "source", "status");
        var rows = new List<PackingPolicy>();
        while (csv.Read())
        {
            var fill = csv.Decimal("fill_factor");
            rows.Add(new PackingPolicy
            {
                MaxCartonKg = Positive(csv, "max_carton_kg"),
                MaxCarton = new Dimensions(Positive(csv, "max_carton_length_cm"), Positive(csv, "max_carton_width_cm"), Positive(csv, "max_carton_height_cm")),
                FillFactor = fill is > 0m and <= 1m ? fill : throw csv.Error("fill_factor", $"expected 0 < f <= 1, found {fill}"),
                HandlingHours = (int)csv.Decimal("handling_hours"),
                Validity = new ValidityPeriod(Date(csv, "valid_from") ?? throw csv.Error("valid_from", "a date yyyy-MM-dd is required"), Date(csv, "valid_until")),
                Source = new DataSource(csv.Required("source"), null, Status(csv)),
            });
        }

        return rows.LastOrDefault(r => r.Validity.Contains(on))
            ?? throw new ReferenceData.ReferenceDataException(path, 1, "valid_from", $"no packing policy in force on {on:uuuu-MM-dd}");
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

    private static decimal Positive(ReferenceData.CsvInput csv, string field)
    {
        var v = csv.Decimal(field);
        return v > 0m ? v : throw csv.Error(field, $"expected a positive number, found {v}");
    }

    private static SourceStatus Status(ReferenceData.CsvInput csv)
    {
        try
        {
            return DataSource.ParseStatus(csv.Required("status"));
        }
        catch (FormatException e)
        {
            throw csv.Error("status", e.Message);
        }
    }

    private static LocalDate? Date(ReferenceData.CsvInput csv, string field)
    {
        var text = csv.Has(field) ? csv.Text(field).Trim() : "";
        if (text.Length == 0)
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(text);
        return parsed.Success ? parsed.Value : throw csv.Error(field, $"expected yyyy-MM-dd, found '{text}'");
    }
}
