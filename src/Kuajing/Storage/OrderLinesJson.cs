using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Kuajing.Storage;

/// <summary>
/// The compact JSON form of an order's goods lines in <see cref="OrderRecord.LinesJson"/>: an array with one array per line,
/// <c>[sku, description, hs, quantity, unitValue, unitWeightKg, lengthCm, widthCm, heightCm, weightEstimated, hazards]</c>,
/// where <c>hs</c> and the weight/size figures are <c>null</c> when unknown and <c>hazards</c> is <c>|</c>-joined
/// <see cref="Goods.GoodsHazards"/> names. Positional arrays keep the 400,000 lines of the bundled data small.
/// </summary>
public static class OrderLinesJson
{
    /// <summary>Serialises lines.</summary>
    /// <param name="lines">The lines, in input order.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(IReadOnlyList<OrderLineRecord> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var buffer = new ArrayBufferWriter<byte>(64 + (lines.Count * 96));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var l in lines)
            {
                w.WriteStartArray();
                w.WriteStringValue(l.Sku);
                w.WriteStringValue(l.Description);
                if (l.HsCode is null)
                {
                    w.WriteNullValue();
                }
                else
                {
                    w.WriteStringValue(l.HsCode);
                }

                w.WriteNumberValue(l.Quantity);
                w.WriteNumberValue(l.UnitValue);
                Number(w, l.UnitWeightKg);
                Number(w, l.LengthCm);
                Number(w, l.WidthCm);
                Number(w, l.HeightCm);
                w.WriteBooleanValue(l.WeightEstimated);
                w.WriteStringValue(l.Hazards);
                w.WriteEndArray();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads lines written by <see cref="Write"/>.</summary>
    /// <param name="json">The stored JSON text.</param>
    /// <returns>The lines, in input order.</returns>
    /// <exception cref="InvalidDataException">When the text is not the array-of-arrays form above (the message names the line index and the expected field).</exception>
    public static IReadOnlyList<OrderLineRecord> Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var list = new List<OrderLineRecord>(doc.RootElement.GetArrayLength());
            var i = 0;
            foreach (var row in doc.RootElement.EnumerateArray())
            {
                if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != 11)
                {
                    throw new InvalidDataException($"stored order line {i + 1}: expected an array of 11 fields");
                }

                list.Add(new OrderLineRecord
                {
                    Sku = row[0].GetString() ?? "",
                    Description = row[1].GetString() ?? "",
                    HsCode = row[2].ValueKind == JsonValueKind.Null ? null : row[2].GetString(),
                    Quantity = row[3].GetInt32(),
                    UnitValue = row[4].GetDecimal(),
                    UnitWeightKg = Number(row[5]),
                    LengthCm = Number(row[6]),
                    WidthCm = Number(row[7]),
                    HeightCm = Number(row[8]),
                    WeightEstimated = row[9].GetBoolean(),
                    Hazards = row[10].GetString() ?? "",
                });
                i++;
            }

            return list;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"stored order lines are not in the expected form: {e.Message}", e);
        }
    }

    private static void Number(Utf8JsonWriter w, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumberValue(v);
        }
        else
        {
            w.WriteNullValue();
        }
    }

    private static decimal? Number(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDecimal();
}
