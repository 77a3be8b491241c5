using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Kuajing.Goods;

namespace Kuajing.Orders;

/// <summary>
/// Reads the Kuajing generic order CSV (docs/order-format.md): one row per order line, rows sharing an
/// <c>order_id</c> form one order; header required; unknown columns reject the file so that a misspelt
/// optional column is not silently ignored.
/// </summary>
internal sealed class GenericOrderCsvFormat(OrderFieldRules rules, ProductCatalog products)
{
    public const string FirstColumn = "order_id";

    public static readonly string[] RequiredColumns = ["order_id", "placed_at", "buyer_country", "description", "quantity", "unit_value", "currency"];

    public static readonly string[] OptionalColumns = ["buyer_postcode", "sku", "hs_code", "unit_weight_kg", "length_cm", "width_cm", "height_cm", "hazards"];

    public OrderFile Read(TextReader text, string path)
    {
        var file = new OrderFile(path);
        string? badData = null;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            BadDataFound = args => badData ??= args.RawRecord.TrimEnd('\r', '\n'),
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
        };
        using var parser = new CsvParser(text, config);
        if (!parser.Read())
        {
            file.Reject(1, "(header)", "file is empty; expected a header row starting with order_id", null);
            return file;
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < parser.Count; i++)
        {
            var name = parser[i].Trim('\uFEFF', ' ');
            if (!RequiredColumns.Contains(name) && !OptionalColumns.Contains(name))
            {
                file.Reject(1, name, $"unknown column; expected columns {string.Join(",", RequiredColumns)} and optionally {string.Join(",", OptionalColumns)}", null);
                return file;
            }

            if (!columns.TryAdd(name, i))
            {
                file.Reject(1, name, "column appears twice", null);
                return file;
            }
        }

        foreach (var required in RequiredColumns)
        {
            if (!columns.ContainsKey(required))
            {
                file.Reject(1, required, "required column missing from the header", null);
                return file;
            }
        }

        var width = parser.Count;
        var lastLine = parser.RawRow;
        while (parser.Read())
        {
            var line = lastLine + 1;
            lastLine = parser.RawRow;
            file.LinesRead++;
            // CsvHelper builds (and checks) a field only when it is read: read every field before testing badData.
            var row = new string[parser.Count];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = parser[i];
            }

            string Get(string column) => columns.TryGetValue(column, out var i) && i < row.Length ? row[i] : "";

            var orderId = Get("order_id").Trim();
            var draft = orderId.Length > 0 ? file.Draft(orderId, line, out _) : null;
            if (badData is not null)
            {
                file.Reject(line, "(row)", $"malformed CSV (RFC 4180): a quote inside an unquoted field or an unterminated quoted field in: {badData}", draft);
                badData = null;
                continue;
            }

            if (parser.Count != width)
            {
                file.Reject(line, "(row)", $"{parser.Count} fields; the header has {width}", draft);
                continue;
            }

            if (draft is null)
            {
                file.Reject(line, "order_id", "empty; every line needs the id of its order", null);
                continue;
            }

            var fields = new LineFields(
                Get("placed_at"),
                Get("buyer_country"),
                Get("buyer_postcode"),
                Get("sku"),
                Get("description"),
                Get("hs_code"),
                Get("quantity"),
                Get("unit_value"),
                Get("currency"),
                Get("unit_weight_kg"),
                Get("length_cm"),
                Get("width_cm"),
                Get("height_cm"),
                Get("hazards"));
            GenericLineAssembly.Add(file, draft, line, fields, rules, products, CsvNames);
        }

        return file;
    }

    private static readonly FieldNames CsvNames = new("placed_at", "buyer_country", "buyer_postcode", "description", "hs_code", "quantity", "unit_value", "currency", "unit_weight_kg", "length_cm/width_cm/height_cm", "hazards");
}

/// <summary>Raw text of one generic order line, whatever the file format.</summary>
internal readonly record struct LineFields(
    string PlacedAt,
    string BuyerCountry,
    string BuyerPostcode,
    string Sku,
    string Description,
    string HsCode,
    string Quantity,
    string UnitValue,
    string Currency,
    string UnitWeightKg,
    string LengthCm,
    string WidthCm,
    string HeightCm,
    string Hazards);

/// <summary>How each field is named in error messages (CSV column or JSON path).</summary>
internal sealed record FieldNames(string PlacedAt, string BuyerCountry, string BuyerPostcode, string Description, string HsCode, string Quantity, string UnitValue, string Currency, string UnitWeight, string Dimensions, string Hazards);

/// <summary>Validates one generic line and adds it to its order draft (shared by the CSV and JSON formats).</summary>
internal static class GenericLineAssembly
{
    public static void Add(OrderFile file, OrderDraft draft, int line, LineFields f, OrderFieldRules rules, ProductCatalog products, FieldNames names, int? orderLine = null)
    {
        // Order-level fields are reported where the order starts (JSON) or on the row itself (CSV).
        var at = orderLine ?? line;
        // Order-level fields: the first line sets them, later lines must agree.
        if (!draft.HasHeader)
        {
            draft.HasHeader = true;
            if (!OrderFieldRules.TryPlacedAt(f.PlacedAt, out var placedAt, out var error))
            {
                file.Reject(at, names.PlacedAt, error, draft);
            }
            else
            {
                draft.PlacedAt = placedAt;
                draft.DateSet = true;
            }

            draft.CountryText = f.BuyerCountry.Trim();
            if (!rules.TryCountry(f.BuyerCountry, out var country, out error))
            {
                file.Reject(at, names.BuyerCountry, error, draft);
            }
            else
            {
                draft.Country = country;
            }

            draft.Postcode = f.BuyerPostcode.Trim() is { Length: > 0 } pc ? pc : null;
        }
        else
        {
            if (draft.DateSet && (!OrderFieldRules.TryPlacedAt(f.PlacedAt, out var placedAt, out _) || placedAt != draft.PlacedAt))
            {
                file.Reject(at, names.PlacedAt, $"'{f.PlacedAt.Trim()}' differs from {draft.PlacedAt:uuuu'-'MM'-'dd'T'HH':'mm':'ss} on the order's first line ({draft.Location})", draft);
            }

            if (!string.Equals(f.BuyerCountry.Trim(), draft.CountryText, StringComparison.Ordinal))
            {
                file.Reject(at, names.BuyerCountry, $"'{f.BuyerCountry.Trim()}' differs from '{draft.CountryText}' on the order's first line ({draft.Location}); one order ships to one address", draft);
            }

            if (!string.Equals(f.BuyerPostcode.Trim() is { Length: > 0 } pc ? pc : null, draft.Postcode, StringComparison.Ordinal))
            {
                file.Reject(at, names.BuyerPostcode, $"'{f.BuyerPostcode.Trim()}' differs from '{draft.Postcode}' on the order's first line ({draft.Location})", draft);
            }
        }

        var ok = true;
        var description = f.Description.Trim();
        if (description.Length == 0)
        {
            ok = Fail(file, line, names.Description, "empty; a goods description is needed for the customs declaration", draft);
        }

        if (!OrderFieldRules.TryQuantity(f.Quantity, out var quantity, out var err))
        {
            ok = Fail(file, line, names.Quantity, err, draft);
        }

        if (!OrderFieldRules.TryNonNegativeDecimal(f.UnitValue, "unit value", out var unitValue, out err))
        {
            ok = Fail(file, line, names.UnitValue, err, draft);
        }

        if (!rules.TryCurrency(f.Currency, out var currency, out err))
        {
            ok = Fail(file, line, names.Currency, err, draft);
        }
        else if (draft.Currency is { } first && first != currency)
        {
            ok = Fail(file, line, names.Currency, $"{currency} differs from {first} on line {draft.CurrencyLine}; all lines of one order must share one currency", draft);
        }
        else if (draft.Currency is null)
        {
            draft.Currency = currency;
            draft.CurrencyLine = line;
        }

        if (!rules.TryHsCode(f.HsCode, out var hs, out err))
        {
            ok = Fail(file, line, names.HsCode, err, draft);
        }

        Mass? weight = null;
        if (f.UnitWeightKg.Trim().Length > 0)
        {
            if (OrderFieldRules.TryNonNegativeDecimal(f.UnitWeightKg, "unit weight in kg", out var kg, out err) && OrderFieldRules.CheckPositive(kg, "unit weight in kg", out err))
            {
                weight = new Mass(kg);
            }
            else
            {
                ok = Fail(file, line, names.UnitWeight, err, draft);
            }
        }

        Dimensions? size = null;
        var given = new[] { f.LengthCm, f.WidthCm, f.HeightCm }.Count(t => t.Trim().Length > 0);
        if (given == 3)
        {
            var cm = new decimal[3];
            var texts = new[] { f.LengthCm, f.WidthCm, f.HeightCm };
            for (var i = 0; i < 3 && ok; i++)
            {
                if (!OrderFieldRules.TryNonNegativeDecimal(texts[i], "dimension in cm", out cm[i], out err) || !OrderFieldRules.CheckPositive(cm[i], "dimension in cm", out err))
                {
                    ok = Fail(file, line, names.Dimensions, err, draft);
                }
            }

            size = ok ? new Dimensions(cm[0], cm[1], cm[2]) : null;
        }
        else if (given != 0)
        {
            ok = Fail(file, line, names.Dimensions, "give length, width and height (cm) together, or none", draft);
        }

        if (!OrderFieldRules.TryParseHazards(f.Hazards, out var hazards, out err))
        {
            ok = Fail(file, line, names.Hazards, err, draft);
        }

        if (!ok || draft.Rejected)
        {
            return;
        }

        var sku = f.Sku.Trim();
        var facts = products.Complete(sku, description, weight, size, hs, hazards);
        draft.Lines.Add(new OrderLine(sku, description, facts.Hs, quantity, new Money.Money(unitValue, currency), facts.UnitWeight, facts.UnitSize, facts.Estimated, facts.Hazards, new SourceLocation(file.Path, line)));
    }

    private static bool Fail(OrderFile file, int line, string field, string reason, OrderDraft draft)
    {
        file.Reject(line, field, reason, draft);
        return false;
    }
}
