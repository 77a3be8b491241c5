using System.Globalization;
using System.Text.Json;
using Kuajing.Geography;
using Kuajing.Goods;
using NodaTime.Text;

namespace Kuajing.Customs.China;

/// <summary>A declaration input file that cannot be used: names the file, the JSON path and what was expected.</summary>
public sealed class DeclarationInputException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="file">The file.</param>
    /// <param name="path">JSON path of the field at fault, e.g. <c>$.payment.amount</c>.</param>
    /// <param name="reason">What was found and what was expected.</param>
    public DeclarationInputException(string file, string path, string reason)
        : base($"{file}: {path}: {reason}")
    {
        File = file;
        JsonPath = path;
        Reason = reason;
    }

    /// <summary>The file.</summary>
    public string File { get; }

    /// <summary>JSON path of the field at fault.</summary>
    public string JsonPath { get; }

    /// <summary>What was found and what was expected.</summary>
    public string Reason { get; }
}

/// <summary>Reads the declaration input JSON format (docs/china-customs.md, sample in samples/customs/). Stateless; thread-safe.</summary>
public static class DeclarationInputFile
{
    /// <summary>Reads a declaration input file.</summary>
    /// <param name="path">The JSON file.</param>
    /// <returns>The input.</returns>
    /// <exception cref="DeclarationInputException">When the file is not valid JSON or a field is missing or malformed (names the JSON path and the expected form).</exception>
    /// <exception cref="IOException">When the file cannot be read.</exception>
    public static DeclarationInput Load(string path) => Parse(File.ReadAllBytes(path), path);

    /// <summary>Parses declaration input JSON.</summary>
    /// <param name="json">UTF-8 JSON.</param>
    /// <param name="source">Name used in error messages (the file path).</param>
    /// <returns>The input.</returns>
    /// <exception cref="DeclarationInputException">When the JSON is invalid or a field is missing or malformed.</exception>
    public static DeclarationInput Parse(ReadOnlySpan<byte> json, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new DeclarationInputException(source, $"line {(e.LineNumber ?? 0) + 1}", "not valid JSON: " + e.Message);
        }

        using (doc)
        {
            var r = new Node(source, "$", doc.RootElement);
            var order = r.Obj("order");
            var facts = new OrderDeclarationFacts(
                order.Enterprise("platform"),
                order.Enterprise("ecommerce"),
                order.OptionalEnterprise("payment"),
                order.OptionalString("payTransactionId"),
                order.Enterprise("logistics"),
                order.String("logisticsNo", 60),
                order.Enterprise("agent"),
                order.Person("buyer"),
                order.Consignee("consignee"),
                order.Amount("freight"),
                order.Amount("discount"),
                order.Amount("taxTotal"),
                order.Amount("insuredFee"),
                order.Currency("currency"));

            PaymentRecord? payment = null;
            if (r.Has("payment"))
            {
                var p = r.Obj("payment");
                PaymentBreakdown? breakdown = null;
                if (p.Has("breakdown"))
                {
                    var b = p.Obj("breakdown");
                    breakdown = new PaymentBreakdown(b.Amount("goodsValue"), b.Amount("freight"), b.Amount("taxTotal"));
                }

                var paidAt = InstantPattern.ExtendedIso.Parse(p.String("paidAt", 40));
                payment = new PaymentRecord(
                    p.Enterprise("enterprise"),
                    p.String("transactionId", 60),
                    p.String("orderNo", 60),
                    p.OptionalEnterprise("platform"),
                    p.Amount("amount"),
                    p.Currency("currency"),
                    p.Person("payer"),
                    paidAt.Success ? paidAt.Value : throw p.Error("paidAt", "an ISO 8601 UTC instant, e.g. 2011-03-04T04:50:00Z"),
                    breakdown);
            }

            var w = r.Obj("waybill");
            var grossWeight = w.Amount("grossWeightKg");
            if (grossWeight <= 0)
            {
                throw w.Error("grossWeightKg", "a weight in kg greater than 0");
            }

            var packages = w.Int("packages");
            if (packages < 1)
            {
                throw w.Error("packages", "a package count of at least 1");
            }

            var waybill = new WaybillRecord(
                w.Enterprise("logistics"),
                w.String("logisticsNo", 60),
                w.String("orderNo", 60),
                w.OptionalEnterprise("ecommerce"),
                w.OptionalString("ecommerceTelephone"),
                w.Amount("freight"),
                w.Amount("insuredFee"),
                w.Currency("currency"),
                new Mass(grossWeight),
                packages,
                w.Consignee("consignee"),
                w.OptionalString("billNo"),
                w.String("goodsInfo", 500));

            var o = r.Obj("office");
            var office = new DeclarationOffice(
                o.Code("customsCode", CebCodeFormats.IsCustomsDistrict, "a four-digit customs district code (关区代码)"),
                o.Code("portCode", CebCodeFormats.IsCustomsDistrict, "a four-digit customs district code (关区代码)"),
                o.Code("country", CebCodeFormats.IsThreeDigitTableCode, "a three-digit customs country code (JGS-20)"),
                o.Code("transportMode", CebCodeFormats.IsTransportMode, "a one-character customs transport mode code"),
                o.OptionalString("accountBookNo"),
                o.OptionalEnterprise("area"),
                o.OptionalEnterprise("assurer"),
                o.Country("destination"));

            var goods = new List<GoodsClassification>();
            foreach (var g in r.Array("goods"))
            {
                var perUnit = g.Amount("legalQuantityPerUnit");
                if (perUnit <= 0)
                {
                    throw g.Error("legalQuantityPerUnit", "a quantity greater than 0");
                }

                goods.Add(new GoodsClassification(
                    g.String("sku", 30),
                    g.Code("gcode", CebCodeFormats.IsChinaTariffCode, "a ten-digit China tariff code"),
                    g.String("nameZh", 250),
                    g.String("model", 255),
                    g.Code("unit", CebCodeFormats.IsThreeDigitTableCode, "a three-digit JGS-20 unit code, e.g. 007"),
                    g.Code("legalUnit", CebCodeFormats.IsThreeDigitTableCode, "a three-digit JGS-20 unit code, e.g. 035"),
                    perUnit,
                    g.Code("originCountry", CebCodeFormats.IsThreeDigitTableCode, "a three-digit customs country code"),
                    g.OptionalString("itemRecordNo"),
                    g.OptionalString("barCode")));
            }

            OverseasWarehouseFiling? warehouse = null;
            if (r.Has("overseasWarehouse"))
            {
                var h = r.Obj("overseasWarehouse");
                var filedOn = LocalDatePattern.Iso.Parse(h.String("filedOn", 10));
                warehouse = new OverseasWarehouseFiling(
                    h.EnterpriseCodeOf("filer"),
                    h.String("filingNo", 60),
                    h.String("warehouseName", 100),
                    h.Country("country"),
                    h.String("address", 200),
                    filedOn.Success ? filedOn.Value : throw h.Error("filedOn", "a date yyyy-MM-dd"));
            }

            var storeIn = new List<(string, decimal)>();
            if (r.Has("bondedStoreIn"))
            {
                foreach (var s in r.Array("bondedStoreIn"))
                {
                    var quantity = s.Amount("quantity");
                    storeIn.Add((s.String("itemRecordNo", 60), quantity > 0 ? quantity : throw s.Error("quantity", "a quantity greater than 0")));
                }
            }

            var t = r.Obj("transfer");
            return new DeclarationInput(
                r.String("orderNo", 60),
                r.String("copNo", 20),
                facts,
                payment,
                waybill,
                office,
                goods,
                new BaseTransfer(t.EnterpriseCodeOf("copCode"), t.String("copName", 100), t.String("dxpId", 30)),
                warehouse,
                storeIn,
                source);
        }
    }

    private readonly struct Node(string file, string path, JsonElement element)
    {
        public DeclarationInputException Error(string field, string expected) =>
            new(file, $"{path}.{field}", $"expected {expected}" + (element.TryGetProperty(field, out var v) ? $", found {v.GetRawText()}" : ", but it is missing"));

        public bool Has(string field) => element.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null;

        public Node Obj(string field) =>
            element.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Object ? new Node(file, $"{path}.{field}", v) : throw Error(field, "an object");

        public List<Node> Array(string field)
        {
            if (!element.TryGetProperty(field, out var v) || v.ValueKind != JsonValueKind.Array)
            {
                throw Error(field, "an array");
            }

            var list = new List<Node>();
            var i = 0;
            foreach (var item in v.EnumerateArray())
            {
                list.Add(item.ValueKind == JsonValueKind.Object ? new Node(file, $"{path}.{field}[{i}]", item) : throw new DeclarationInputException(file, $"{path}.{field}[{i}]", "expected an object"));
                i++;
            }

            return list;
        }

        public string String(string field, int maxLength)
        {
            var s = OptionalString(field);
            return s is { Length: > 0 } && s.Length <= maxLength ? s : throw Error(field, $"a non-empty string of at most {maxLength} characters");
        }

        public string? OptionalString(string field) =>
            !element.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null ? null
            : v.ValueKind == JsonValueKind.String ? v.GetString()!.Trim()
            : throw Error(field, "a string");

        public string Code(string field, Func<string?, bool> valid, string expected)
        {
            var s = OptionalString(field);
            return valid(s) ? s! : throw Error(field, expected);
        }

        public decimal Amount(string field)
        {
            if (element.TryGetProperty(field, out var v))
            {
                if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d) && d >= 0)
                {
                    return d;
                }

                if (v.ValueKind == JsonValueKind.String && decimal.TryParse(v.GetString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out d))
                {
                    return d;
                }
            }

            throw Error(field, "a non-negative decimal number (a JSON number or a string like \"12.50\")");
        }

        public int Int(string field) =>
            element.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : throw Error(field, "an integer");

        public Money.CurrencyCode Currency(string field)
        {
            var s = OptionalString(field);
            return s is { Length: 3 } && s.All(char.IsAsciiLetter) ? new Money.CurrencyCode(s) : throw Error(field, "an ISO 4217 currency code, e.g. CNY");
        }

        public CountryCode Country(string field)
        {
            var s = OptionalString(field);
            try
            {
                return new CountryCode(s ?? "");
            }
            catch (FormatException)
            {
                throw Error(field, "an ISO 3166-1 alpha-2 country code, e.g. JP");
            }
        }

        public EnterpriseCode EnterpriseCodeOf(string field) =>
            EnterpriseCode.TryParse(OptionalString(field), out var code, out var error) ? code : throw new DeclarationInputException(file, $"{path}.{field}", error);

        public EnterpriseRef Enterprise(string field)
        {
            var e = Obj(field);
            return new EnterpriseRef(e.EnterpriseCodeOf("code"), e.String("name", 100));
        }

        public EnterpriseRef? OptionalEnterprise(string field) => Has(field) ? Enterprise(field) : null;

        public PersonIdentity Person(string field)
        {
            var p = Obj(field);
            return new PersonIdentity(p.String("name", 60), p.String("idType", 1), p.String("idNumber", 60), p.OptionalString("telephone"), p.OptionalString("regNo"));
        }

        public ConsigneeDetails Consignee(string field)
        {
            var c = Obj(field);
            var district = c.OptionalString("district");
            if (district is not null && !CebCodeFormats.IsDivision(district))
            {
                throw c.Error("district", "a six-digit GB/T 2260 division code");
            }

            return new ConsigneeDetails(c.String("name", 60), c.String("telephone", 50), c.String("address", 200), district);
        }
    }
}
