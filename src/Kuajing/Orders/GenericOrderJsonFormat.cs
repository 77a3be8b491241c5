using System.Text.Json;

namespace Kuajing.Orders;

/// <summary>
/// Reads the Kuajing generic order JSON (docs/order-format.md): <c>{"orders":[{orderId, placedAt, buyerCountry,
/// buyerPostcode?, lines:[{sku?, description, hsCode?, quantity, unitValue, currency, unitWeightKg?, lengthCm?,
/// widthCm?, heightCm?, hazards?}]}]}</c>. Errors name the line of the offending order or order line and the
/// JSON path of the field (e.g. <c>orders[2].lines[0].quantity</c>). Unknown properties are rejected.
/// </summary>
internal sealed class GenericOrderJsonFormat(OrderFieldRules rules, ProductCatalog products)
{
    private static readonly string[] OrderProperties = ["orderId", "placedAt", "buyerCountry", "buyerPostcode", "lines"];
    private static readonly string[] LineProperties = ["sku", "description", "hsCode", "quantity", "unitValue", "currency", "unitWeightKg", "lengthCm", "widthCm", "heightCm", "hazards"];

    public OrderFile Read(byte[] json, string path)
    {
        var file = new OrderFile(path);
        var lineStarts = LineStarts(json);
        int LineOf(long offset)
        {
            var i = Array.BinarySearch(lineStarts, offset);
            return (i >= 0 ? i : ~i - 1) + 1;
        }

        List<(long Offset, List<long> Lines)> positions;
        JsonDocument document;
        try
        {
            positions = ObjectPositions(json);
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            file.Reject((int)(e.LineNumber ?? 0) + 1, string.IsNullOrEmpty(e.Path) ? "(json)" : e.Path, $"malformed JSON: {e.Message}", null);
            return file;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("orders", out var orders) || orders.ValueKind != JsonValueKind.Array)
            {
                file.Reject(1, "orders", "expected a JSON object with an 'orders' array", null);
                return file;
            }

            var index = 0;
            foreach (var order in orders.EnumerateArray())
            {
                var at = index < positions.Count ? positions[index] : (0, []);
                ReadOrder(file, order, $"orders[{index}]", LineOf(at.Offset), at.Lines.Select(LineOf).ToArray());
                index++;
            }
        }

        return file;
    }

    private void ReadOrder(OrderFile file, JsonElement order, string path, int line, int[] lineLines)
    {
        if (order.ValueKind != JsonValueKind.Object)
        {
            file.Reject(line, path, "expected an order object", null);
            return;
        }

        var orderId = order.TryGetProperty("orderId", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString()!.Trim() : "";
        if (orderId.Length == 0)
        {
            file.Reject(line, path + ".orderId", "missing or not a non-empty string", null);
            return;
        }

        var draft = file.Draft(orderId, line, out var created);
        if (!created)
        {
            file.Reject(line, path + ".orderId", $"order id '{orderId}' already used at {draft.Location}", draft);
            return;
        }

        foreach (var property in order.EnumerateObject())
        {
            if (!OrderProperties.Contains(property.Name))
            {
                file.Reject(line, $"{path}.{property.Name}", $"unknown property; expected {string.Join(", ", OrderProperties)}", draft);
            }
        }

        var placedAt = StringField(file, order, "placedAt", path, line, draft);
        var country = StringField(file, order, "buyerCountry", path, line, draft);
        var postcode = order.TryGetProperty("buyerPostcode", out _) ? StringField(file, order, "buyerPostcode", path, line, draft) : "";
        if (!order.TryGetProperty("lines", out var lines) || lines.ValueKind != JsonValueKind.Array || lines.GetArrayLength() == 0)
        {
            file.Reject(line, path + ".lines", "missing, not an array, or empty; an order needs at least one line", draft);
            return;
        }

        var i = 0;
        foreach (var item in lines.EnumerateArray())
        {
            var linePath = $"{path}.lines[{i}]";
            var lineNo = i < lineLines.Length ? lineLines[i] : line;
            i++;
            file.LinesRead++;
            if (item.ValueKind != JsonValueKind.Object)
            {
                file.Reject(lineNo, linePath, "expected an order line object", draft);
                continue;
            }

            foreach (var property in item.EnumerateObject())
            {
                if (!LineProperties.Contains(property.Name))
                {
                    file.Reject(lineNo, $"{linePath}.{property.Name}", $"unknown property; expected {string.Join(", ", LineProperties)}", draft);
                }
            }

            string Text(string name) => ValueText(file, item, name, linePath, lineNo, draft);
            var hazards = "";
            if (item.TryGetProperty("hazards", out var hazardArray))
            {
                if (hazardArray.ValueKind == JsonValueKind.Array && hazardArray.EnumerateArray().All(h => h.ValueKind == JsonValueKind.String))
                {
                    hazards = string.Join('|', hazardArray.EnumerateArray().Select(h => h.GetString()));
                }
                else
                {
                    file.Reject(lineNo, linePath + ".hazards", "expected an array of hazard names, e.g. [\"Liquids\"]", draft);
                }
            }

            var fields = new LineFields(placedAt, country, postcode, Text("sku"), Text("description"), Text("hsCode"), Text("quantity"), Text("unitValue"), Text("currency"), Text("unitWeightKg"), Text("lengthCm"), Text("widthCm"), Text("heightCm"), hazards);
            var names = new FieldNames(path + ".placedAt", path + ".buyerCountry", path + ".buyerPostcode", linePath + ".description", linePath + ".hsCode", linePath + ".quantity", linePath + ".unitValue", linePath + ".currency", linePath + ".unitWeightKg", linePath + ".lengthCm/widthCm/heightCm", linePath + ".hazards");
            GenericLineAssembly.Add(file, draft, lineNo, fields, rules, products, names, line);
        }
    }

    private static string StringField(OrderFile file, JsonElement obj, string name, string path, int line, OrderDraft draft)
    {
        if (obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
        {
            return value.GetString()!;
        }

        file.Reject(line, $"{path}.{name}", "missing or not a JSON string", draft);
        return "";
    }

    // Numbers are taken as written (no binary floating point round trip); absent and null give "".
    private static string ValueText(OrderFile file, JsonElement obj, string name, string path, int line, OrderDraft draft)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return "";
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString()!;
            case JsonValueKind.Number:
                return value.GetRawText();
            default:
                file.Reject(line, $"{path}.{name}", $"expected a string or number, found {value.ValueKind}", draft);
                return "";
        }
    }

    private static long[] LineStarts(byte[] json)
    {
        var starts = new List<long> { 0 };
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }

    // Byte offsets of each orders[i] object and each of its lines[j] objects, for line numbers in messages.
    private static List<(long Offset, List<long> Lines)> ObjectPositions(byte[] json)
    {
        var result = new List<(long, List<long>)>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        string? rootProperty = null;
        string? orderProperty = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                    rootProperty = reader.GetString();
                    break;
                case JsonTokenType.PropertyName when reader.CurrentDepth == 3:
                    orderProperty = reader.GetString();
                    break;
                case JsonTokenType.StartObject when reader.CurrentDepth == 2 && rootProperty == "orders":
                    result.Add((reader.TokenStartIndex, []));
                    orderProperty = null;
                    break;
                case JsonTokenType.StartObject when reader.CurrentDepth == 4 && rootProperty == "orders" && orderProperty == "lines" && result.Count > 0:
                    result[^1].Item2.Add(reader.TokenStartIndex);
                    break;
            }
        }

        return result;
    }
}
