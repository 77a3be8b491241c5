using System.Globalization;
using Kuajing.ReferenceData;
using NodaTime;
using NodaTime.Text;

namespace Kuajing.Tracking.Eta;

/// <summary>
/// Reads the USAID SCMS Delivery History CSV (plain or <c>.gz</c>) with CsvHelper. Delivery dates are
/// <c>d-MMM-yy</c> (e.g. <c>2-Jun-06</c>), PQ/PO dates <c>M/d/yy</c> or text; weights and freight may be text
/// (kept as notes, never as a silent zero). Rows whose shipment mode is <c>N/A</c> or whose ID, scheduled or
/// delivered date cannot be read are skipped and reported with line, field and reason.
/// Source: USAID "Supply Chain Shipment Pricing Data" (SCMS Delivery History Dataset, 2019-10-08), see <c>data/eta/SOURCE.md</c>.
/// </summary>
public static class ScmsDeliveryHistoryReader
{
    /// <summary>Path of the bundled file relative to <c>data/</c>.</summary>
    public const string BundledRelativePath = "eta/scms-delivery-history.csv.gz";

    private static readonly string[] Required =
    [
        "ID", "PO / SO #", "ASN/DN #", "Country", "Fulfill Via", "Vendor INCO Term", "Shipment Mode",
        "PQ First Sent to Client Date", "PO Sent to Vendor Date", "Scheduled Delivery Date",
        "Delivered to Client Date", "Weight (Kilograms)", "Freight Cost (USD)",
    ];

    // Two-digit years: the dataset spans 2006-2015, so a 2000 base maps "06" to 2006.
    private static readonly LocalDatePattern DeliveryDate =
        LocalDatePattern.Create("d-MMM-yy", CultureInfo.InvariantCulture, new LocalDate(2000, 1, 1));

    private static readonly LocalDatePattern OrderDate =
        LocalDatePattern.Create("M/d/yy", CultureInfo.InvariantCulture, new LocalDate(2000, 1, 1));

    /// <summary>Reads the bundled copy in <c>data/eta/</c>.</summary>
    /// <returns>Lines and skipped rows.</returns>
    /// <exception cref="DirectoryNotFoundException">When the data folder cannot be found.</exception>
    /// <exception cref="ReferenceDataException">When the file cannot be opened or a required column is missing from the header.</exception>
    public static ScmsReadResult ReadBundled() => Read(DataDirectory.PathOf(BundledRelativePath));

    /// <summary>Reads an SCMS Delivery History file.</summary>
    /// <param name="path">CSV path; gzip-compressed when it ends in <c>.gz</c>.</param>
    /// <returns>Lines and skipped rows.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="path"/> is null.</exception>
    /// <exception cref="ReferenceDataException">When the file cannot be opened, is empty, or a required column is missing from the header.</exception>
    public static ScmsReadResult Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var lines = new List<ScmsDeliveryLine>(8_300);
        var skipped = new List<ScmsSkippedRow>();
        using var csv = CsvInput.Open(path, Required);
        while (csv.Read())
        {
            var idText = csv.Text("ID").Trim();
            var line = csv.Line;
            if (!int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                skipped.Add(new(line, idText, "ID", $"'{idText}' is not a positive integer"));
                continue;
            }

            var modeText = csv.Text("Shipment Mode").Trim();
            ScmsShipmentMode? mode = modeText switch
            {
                "Air" => ScmsShipmentMode.Air,
                "Air Charter" => ScmsShipmentMode.AirCharter,
                "Truck" => ScmsShipmentMode.Truck,
                "Ocean" => ScmsShipmentMode.Ocean,
                _ => null,
            };
            if (mode is null)
            {
                skipped.Add(new(line, idText, "Shipment Mode", $"'{modeText}' is not one of Air, Air Charter, Truck, Ocean (mode unknown)"));
                continue;
            }

            var scheduledText = csv.Text("Scheduled Delivery Date").Trim();
            var scheduled = DeliveryDate.Parse(scheduledText);
            if (!scheduled.Success)
            {
                skipped.Add(new(line, idText, "Scheduled Delivery Date", $"'{scheduledText}' is not a d-MMM-yy date"));
                continue;
            }

            var deliveredText = csv.Text("Delivered to Client Date").Trim();
            var delivered = DeliveryDate.Parse(deliveredText);
            if (!delivered.Success)
            {
                skipped.Add(new(line, idText, "Delivered to Client Date", $"'{deliveredText}' is not a d-MMM-yy date"));
                continue;
            }

            var (weight, weightNote) = Amount(csv.Text("Weight (Kilograms)"));
            var (freight, freightNote) = Amount(csv.Text("Freight Cost (USD)"));
            lines.Add(new ScmsDeliveryLine(
                line,
                id,
                csv.Text("ASN/DN #").Trim(),
                csv.Text("PO / SO #").Trim(),
                csv.Text("Country").Trim(),
                csv.Text("Fulfill Via").Trim(),
                csv.Text("Vendor INCO Term").Trim(),
                mode.Value,
                OptionalOrderDate(csv.Text("PQ First Sent to Client Date")),
                OptionalOrderDate(csv.Text("PO Sent to Vendor Date")),
                scheduled.Value,
                delivered.Value,
                weight,
                weightNote,
                freight,
                freightNote));
        }

        return new ScmsReadResult(path, lines, skipped);
    }

    private static LocalDate? OptionalOrderDate(string text)
    {
        var result = OrderDate.Parse(text.Trim());
        return result.Success ? result.Value : null;
    }

    private static (decimal? Value, string? Note) Amount(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return (null, null);
        }

        return decimal.TryParse(trimmed, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? (value, null)
            : (null, trimmed);
    }
}
