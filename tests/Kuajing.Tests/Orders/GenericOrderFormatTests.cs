using Kuajing.Geography;
using Kuajing.Goods;
using Kuajing.Money;
using Kuajing.Orders;
using Kuajing.Tests.ReferenceData;
using NodaTime;

namespace Kuajing.Tests.Orders;

public class GenericOrderFormatTests
{
    private const string Header = "order_id,placed_at,buyer_country,buyer_postcode,sku,description,hs_code,quantity,unit_value,currency,unit_weight_kg,length_cm,width_cm,height_cm,hazards\n";
    private static readonly OrdersReader Reader = OrdersReader.Create(Bundled.Data);
    private static readonly OrdersReader WithMaster = OrdersReader.Create(Bundled.Data, Bundled.PathOf("orders/examples/product-master-example.csv"));

    [Fact]
    public void Read_ExampleCsv_AllOrdersAccepted()
    {
        var path = Bundled.PathOf("orders/examples/orders-example.csv");
        var result = Reader.Read(path);
        Assert.Empty(result.Rejections);
        Assert.Equal(["KJ-1001", "KJ-1002", "KJ-1003", "KJ-1004"], result.Orders.Select(o => o.OrderId));
        var first = result.Orders[0];
        // Two lines: 2 × 8.50 + 1 × 15.90 = 32.90 EUR.
        Assert.Equal(new Money.Money(32.90m, CurrencyCode.Eur), first.GoodsValue);
        Assert.Equal(("DE", "10115"), (first.BuyerCountry.Value, first.BuyerPostcode));
        Assert.Equal(new LocalDateTime(2025, 3, 14, 10, 22), first.PlacedAt);
        Assert.Equal(GoodsHazards.LithiumIonBatteriesAlone, first.Lines[1].Hazards);
        Assert.Equal(new HsCode("850760"), first.Lines[1].Hs);
        Assert.False(first.Lines[0].WeightEstimated); // weight and size were given on the line
        Assert.Equal(new Dimensions(30, 25, 2), first.Lines[0].UnitSize);
        Assert.Equal(new LocalDateTime(2025, 3, 16, 0, 0), result.Orders[2].PlacedAt); // date-only placed_at
        Assert.True(result.Orders[2].Lines[0].WeightEstimated); // no weight given and no product master
    }

    [Fact]
    public void Read_WithProductMaster_FillsWeightBySku()
    {
        // product-master-example.csv: MUG-CER-01,0.36,12,9,10,691200 (seller data, not an estimate).
        var mug = WithMaster.Read(Bundled.PathOf("orders/examples/orders-example.csv")).Orders.Single(o => o.OrderId == "KJ-1003").Lines[0];
        Assert.False(mug.WeightEstimated);
        Assert.Equal(0.36m, mug.UnitWeight?.Kilograms);
        Assert.Equal(new Dimensions(12, 9, 10), mug.UnitSize);
    }

    [Fact]
    public void Read_ExampleJson_AllOrdersAccepted()
    {
        var result = WithMaster.Read(Bundled.PathOf("orders/examples/orders-example.json"));
        Assert.Empty(result.Rejections);
        Assert.Equal(2, result.Orders.Count);
        var nl = result.Orders[0];
        // 3 × 8.50 + 1 × 12.00 = 37.50 EUR.
        Assert.Equal(new Money.Money(37.50m, CurrencyCode.Eur), nl.GoodsValue);
        Assert.Equal(new HsCode("610910"), nl.Lines[0].Hs);
        Assert.Equal(0.15m, nl.Lines[1].UnitWeight?.Kilograms); // LED-STRIP-5M from the product master
        Assert.Equal(new CountryCode("AU"), result.Orders[1].BuyerCountry); // "Australia" by name
        Assert.Equal(new Money.Money(48m, CurrencyCode.Cny), result.Orders[1].GoodsValue);
        Assert.Equal(9, nl.Lines[0].Location.Line); // the first line object opens on line 9 of the file
    }

    [Fact]
    public void Read_CsvBadLines_RejectedWithFileLineFieldAndGoodOrdersGoThrough()
    {
        var path = Bundled.TempFile("orders.csv", Header
            + "G1,2025-03-14T10:00:00,DE,10115,A,Cotton T-shirt,610910,1,8.50,EUR,,,,,\n"             // 2 good
            + "B1,2025-03-14T10:00:00,Narnia,,A,Cotton T-shirt,610910,1,8.50,EUR,,,,,\n"              // 3 unknown country
            + "B2,2025-03-14T10:00:00,FR,,A,Cotton T-shirt,610910,0,8.50,EUR,,,,,\n"                  // 4 zero quantity
            + "B3,2025-03-14T10:00:00,FR,,A,Cotton T-shirt,610910,-2,8.50,EUR,,,,,\n"                 // 5 negative quantity
            + "B4,2025-03-14T10:00:00,FR,,A,Cotton T-shirt,610910,1,8.50,XYZ,,,,,\n"                  // 6 unknown currency
            + "B5,2025-03-14T10:00:00,FR,,A,Cotton T-shirt,610910,1,8.50,eur,,,,,\n"                  // 7 not ISO 4217 form
            + "B6,2025-03-14T10:00:00,FR,,A,Cotton T-shirt,610910,1,8.50,EUR,,,,,\n"                  // 8 first line of a mixed order
            + "B6,2025-03-14T10:00:00,FR,,B,Cotton socks,611595,1,3.00,USD,,,,,\n"                    // 9 mixed currency
            + "B7,2025-03-14T10:00:00,FR,,A,Cotton T-shirt,999999,1,8.50,EUR,,,,,\n"                  // 10 HS code not in HS 2022
            + "B8,2025-03-14T10:00:00,FR,,A,\"Cotton \"T\"-shirt,610910,1,8.50,EUR,,,,,\n"            // 11 malformed CSV
            + "B9,2025-03-14T10:00:00,FR,,A,Cotton T-shirt,610910,1,8.50,EUR,0.2,30,,,\n"             // 12 partial dimensions
            + "G2,2025-03-15,GB,SW1A 1AA,B,Cotton socks,611595,3,2.00,GBP,,,,,Liquids|Magnetic\n");  // 13 good
        var result = Reader.Read(path);

        Assert.Equal(["G1", "G2"], result.Orders.Select(o => o.OrderId));
        Assert.Equal(GoodsHazards.Liquids | GoodsHazards.Magnetic, result.Orders[1].Lines[0].Hazards);
        Assert.Equal(9, result.RejectedOrders); // B1..B9
        string Of(int line) => result.Rejections.Single(r => r.Location.Line == line).ToString();
        Assert.StartsWith($"{path}:3: field 'buyer_country': country 'Narnia'", Of(3), StringComparison.Ordinal);
        Assert.StartsWith($"{path}:4: field 'quantity': 0 is not a quantity ≥ 1", Of(4), StringComparison.Ordinal);
        Assert.StartsWith($"{path}:5: field 'quantity': -2 is not a quantity ≥ 1", Of(5), StringComparison.Ordinal);
        Assert.StartsWith($"{path}:6: field 'currency': currency 'XYZ' has no exchange rate", Of(6), StringComparison.Ordinal);
        Assert.StartsWith($"{path}:7: field 'currency': 'eur' is not an ISO 4217 currency code", Of(7), StringComparison.Ordinal);
        Assert.StartsWith($"{path}:9: field 'currency': USD differs from EUR on line 8", Of(9), StringComparison.Ordinal);
        Assert.StartsWith($"{path}:10: field 'hs_code': HS code '999999' is not in the HS 2022 nomenclature", Of(10), StringComparison.Ordinal);
        Assert.StartsWith($"{path}:11: field '(row)': malformed CSV", Of(11), StringComparison.Ordinal);
        Assert.StartsWith($"{path}:12: field 'length_cm/width_cm/height_cm'", Of(12), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CsvUnknownColumn_RejectsFile()
    {
        var path = Bundled.TempFile("typo.csv", "order_id,placed_at,buyer_country,description,quantity,unit_value,currency,weight\nX,2025-01-01,DE,Mug,1,3,EUR,0.3\n");
        var rejection = Assert.Single(Reader.Read(path).Rejections);
        Assert.Equal((1, "weight"), (rejection.Location.Line, rejection.Field));
    }

    [Fact]
    public void Read_JsonBadFields_NameLineAndJsonPath()
    {
        var path = Bundled.TempFile("orders.json", """
            {
              "orders": [
                { "orderId": "J1", "placedAt": "2025-04-02T14:30:00", "buyerCountry": "DE",
                  "lines": [ { "description": "Mug", "quantity": 1, "unitValue": 3.2, "currency": "EUR" } ] },
                { "orderId": "J2", "placedAt": "2025-04-02T14:30:00", "buyerCountry": "European Community",
                  "lines": [
                    { "description": "Mug", "quantity": 1, "unitValue": 3.2, "currency": "EUR" },
                    { "description": "Mug", "quantity": -1, "unitValue": 3.2, "currency": "GBP", "weight": 1 }
                  ] }
              ]
            }
            """);
        var result = Reader.Read(path);
        Assert.Equal("J1", Assert.Single(result.Orders).OrderId);
        var fields = result.Rejections.Select(r => (r.Location.Line, r.Field)).ToArray();
        Assert.Contains((5, "orders[1].buyerCountry"), fields);
        Assert.Contains((8, "orders[1].lines[1].quantity"), fields);
        Assert.Contains((8, "orders[1].lines[1].currency"), fields);
        Assert.Contains((8, "orders[1].lines[1].weight"), fields);
        Assert.Contains("cannot be used: not a country", result.Rejections.First(r => r.Field == "orders[1].buyerCountry").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MalformedJson_RejectsFileWithLine()
    {
        var path = Bundled.TempFile("broken.json", "{\n  \"orders\": [\n    { \"orderId\": \"J1\", }\n  ]\n}\n");
        var rejection = Assert.Single(Reader.Read(path).Rejections);
        Assert.Equal(3, rejection.Location.Line);
        Assert.StartsWith("malformed JSON", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Directory_DispatchesEachFormat()
    {
        var result = Reader.Read(Bundled.PathOf("orders/examples"));
        // orders-example.csv (4 orders) + orders-example.json (2 orders); product-master-example.csv is not an
        // order file and is rejected at its header.
        Assert.Equal(6, result.Orders.Count);
        var rejection = Assert.Single(result.Rejections);
        Assert.EndsWith("product-master-example.csv", rejection.Location.File, StringComparison.Ordinal);
    }
}

public class WeightEstimateRulesTests
{
    private static readonly WeightEstimateRules Rules = WeightEstimateRules.Load(Bundled.PathOf("orders/weight-estimates.csv"));

    // Rows of data/orders/weight-estimates.csv; first match in file order wins, whole words, plural S/ES allowed.
    [Theory]
    [InlineData("WHITE HANGING HEART T-LIGHT HOLDER", "T-LIGHT HOLDER")]
    [InlineData("ALARM CLOCK BAKELIKE PINK", "CLOCK")]
    [InlineData("SET OF 3 CAKE TINS PANTRY DESIGN", "TIN")] // plural
    [InlineData("JUMBO BAG RED RETROSPOT", "BAG")]
    [InlineData("SCOTTIE DOG HOT WATER BOTTLE", "BOTTLE")]
    [InlineData("CUPCAKE LACE PAPER SET 6", "*")] // "CUP" inside "CUPCAKE" is not the word CUP
    public void Match_Description_FirstWholeWordRule(string description, string keyword)
    {
        var rule = Rules.Match(description);
        Assert.Equal(keyword, rule.Keyword);
        Assert.Equal(Provenance.SourceStatus.Estimated, rule.Source.Status);
    }
}
