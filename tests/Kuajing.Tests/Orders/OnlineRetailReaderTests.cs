using Kuajing.Geography;
using Kuajing.Money;
using Kuajing.Orders;
using Kuajing.Tests.ReferenceData;
using NodaTime;

namespace Kuajing.Tests.Orders;

public class OnlineRetailReaderTests
{
    private const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
    private static readonly OrdersReader Reader = OrdersReader.Create(Bundled.Data);
    private static readonly string FirstMonth = Bundled.PathOf("orders/online-retail/orders-2010-12.csv.gz");
    private static readonly Lazy<OrderReadResult> December = new(() => Reader.Read(FirstMonth));

    // Invoice 536365, lines 2–8 of orders-2010-12.csv.gz (UCI Online Retail, doi:10.24432/C5BW33).
    // Value by hand: 6×2.55 + 6×3.39 + 8×2.75 + 6×3.39 + 6×3.39 + 2×7.65 + 6×4.25
    //              = 15.30 + 20.34 + 22.00 + 20.34 + 20.34 + 15.30 + 25.50 = 139.12 GBP.
    [Fact]
    public void Read_Invoice536365_SevenLinesWorth139Pounds12()
    {
        var order = December.Value.Orders.Single(o => o.OrderId == "536365");
        Assert.Equal(7, order.Lines.Count);
        Assert.Equal(new Money.Money(139.12m, CurrencyCode.Gbp), order.GoodsValue);
        Assert.Equal(new CountryCode("GB"), order.BuyerCountry);
        Assert.Equal(new LocalDateTime(2010, 12, 1, 8, 26, 0), order.PlacedAt);
        Assert.Equal(new SourceLocation(FirstMonth, 2), order.Location);
        var first = order.Lines[0];
        Assert.Equal(("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 6, 2.55m), (first.Sku, first.Description, first.Quantity, first.UnitValue.Amount));
        Assert.Equal(8, order.Lines[^1].Location.Line);
        Assert.Equal(("21730", 4.25m), (order.Lines[^1].Sku, order.Lines[^1].UnitValue.Amount));
    }

    // Invoice 536370 (France): 19 goods lines and one POST (postage, 3 × 18.00 GBP) line, which is not goods.
    // Goods by hand: 90 + 90 + 45 + 10.20 + 15.60 + 40.80 + 30 + 53.10 + 70.80 + 3 × 46.80 + 17 + 39.60
    //              + 70.80 + 45 + 10.08 + 10.08 + 23.40 = 801.86 GBP (postage 54.00 excluded).
    [Fact]
    public void Read_Invoice536370_PostageLineExcludedFromGoods()
    {
        var order = December.Value.Orders.Single(o => o.OrderId == "536370");
        Assert.Equal(19, order.Lines.Count);
        Assert.DoesNotContain(order.Lines, l => l.Sku == "POST");
        Assert.Equal(801.86m, order.GoodsValue.Amount);
        Assert.Equal(new CountryCode("FR"), order.BuyerCountry);
    }

    // C536379 (line 143) is a 1-line cancellation of a discount; C536383 (line 156) cancels one line.
    [Fact]
    public void Read_CInvoices_AreCancellationsNotErrors()
    {
        var result = December.Value;
        var c = result.Cancellations.Single(x => x.OrderId == "C536383");
        Assert.Equal((1, 156), (c.Lines, c.Location.Line));
        Assert.Contains(result.Cancellations, x => x.OrderId == "C536379");
        Assert.DoesNotContain(result.Orders, o => o.OrderId.StartsWith('C'));
        Assert.DoesNotContain(result.Rejections, r => r.OrderId?.StartsWith('C') == true);
    }

    [Fact]
    public void Read_LineWithoutSellerWeight_UsesKeywordEstimate()
    {
        // weight-estimates.csv row "T-LIGHT HOLDER,0.25,10,10,10,E,..." (an estimate, not a measurement).
        var line = December.Value.Orders.Single(o => o.OrderId == "536365").Lines[0];
        Assert.True(line.WeightEstimated);
        Assert.Equal(0.25m, line.UnitWeight?.Kilograms);
    }

    [Fact]
    public void Read_AllElevenMonths_CountsMatchSource()
    {
        var files = Directory.GetFiles(Bundled.PathOf("orders/online-retail"), "orders-*.csv.gz").Order(StringComparer.Ordinal).ToArray();
        var result = Reader.Read(files);

        // online-retail/SOURCE.md: 431,673 lines in the 11 files, 7,852 of them in C (cancellation) invoices.
        Assert.Equal(11, result.FilesRead);
        Assert.Equal(431_673, result.LinesRead);
        Assert.Equal(7_852, result.CancellationLines);
        // Every line not in an accepted order, a cancellation or a non-goods charge belongs to a rejected
        // invoice, and every rejected invoice has at least one reported line.
        var rejectedLines = result.LinesRead - result.GoodsLines - result.NonGoodsLines - result.CancellationLines;
        Assert.InRange(result.Rejections.Count, result.RejectedOrders, rejectedLines);
        Assert.Equal(result.Orders.Sum(o => o.Lines.Count), result.GoodsLines);
        Assert.True(result.NonGoodsLines > 2_000, $"non-goods lines {result.NonGoodsLines}"); // POST alone is 1,017 lines
        Assert.All(result.Rejections, r => Assert.NotEqual("", r.Field));
    }

    [Fact]
    public void Read_BadLines_RejectedWithFileLineFieldAndOtherOrdersGoThrough()
    {
        var path = Bundled.TempFile("bad.csv", Header
            + "900001,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n" // line 2: good
            + "900002,71053,WHITE METAL LANTERN,-6,2010-12-01 08:30:00,3.39,17850,United Kingdom\n"               // line 3: negative quantity
            + "900002,22752,SET 7 BABUSHKA NESTING BOXES,2,2010-12-01 08:30:00,7.65,17850,United Kingdom\n"       // line 4: good line of a bad order
            + "900003,22633,HAND WARMER UNION JACK,6,2010-12-01 08:35:00,1.85,12345,Channel Islands\n"             // line 5: ambiguous country
            + "900004,22632,HAND WARMER RED POLKA DOT,six,2010-12-01 08:40:00,1.85,12345,France\n"                 // line 6: bad number
            + "900005,22632,HAND WARMER RED POLKA DOT,6,2010-13-01 08:40:00,1.85,12345,France\n"                   // line 7: bad date
            + "900006,22632,\"HAND \"WARMER\",6,2010-12-01 08:40:00,1.85,12345,France\n"                           // line 8: malformed quote
            + "900007,22632,HAND WARMER RED POLKA DOT,6,2010-12-01 08:40:00,1.85,12345,Narnia\n"                   // line 9: unknown country
            + "900008,22632,HAND WARMER RED POLKA DOT,6,2010-12-01 08:45:00,1.85,12345,France\n");                 // line 10: good
        var result = Reader.Read(path);

        Assert.Equal(["900001", "900008"], result.Orders.Select(o => o.OrderId));
        Assert.Equal(6, result.RejectedOrders);
        Assert.Equal(9, result.LinesRead);
        string Of(int line) => result.Rejections.Single(r => r.Location.Line == line).ToString();
        Assert.StartsWith($"{path}:3: field 'Quantity': -6 in invoice 900002, which is not a cancellation", Of(3), StringComparison.Ordinal);
        Assert.StartsWith($"{path}:5: field 'Country': country 'Channel Islands' cannot be used: ambiguous", Of(5), StringComparison.Ordinal);
        Assert.StartsWith($"{path}:6: field 'Quantity': 'six' is not a whole number", Of(6), StringComparison.Ordinal);
        Assert.StartsWith($"{path}:7: field 'InvoiceDate': '2010-13-01 08:40:00' is not a date-time", Of(7), StringComparison.Ordinal);
        Assert.StartsWith($"{path}:8: field '(row)': malformed CSV", Of(8), StringComparison.Ordinal);
        Assert.StartsWith($"{path}:9: field 'Country': country 'Narnia' is not an ISO 3166-1", Of(9), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NonGoodsOnlyInvoice_CountedNotOrdered()
    {
        var path = Bundled.TempFile("fees.csv", Header
            + "A900010,B,Adjust bad debt,1,2011-08-12 14:50:00,-11062.06,,United Kingdom\n"
            + "900011,POST,POSTAGE,1,2011-08-12 14:51:00,18,12345,Germany\n"
            + "900011,gift_0001_20,Dotcomgiftshop Gift Voucher £20.00,1,2011-08-12 14:51:00,17.02,12345,Germany\n");
        var result = Reader.Read(path);
        Assert.Empty(result.Orders);
        Assert.Empty(result.Rejections);
        Assert.Equal((3, 2), (result.NonGoodsLines, result.NonGoodsOnlyOrders));
    }

    [Fact]
    public void Read_WrongHeader_RejectsFileAtLineOne()
    {
        var path = Bundled.TempFile("odd.csv", "Invoice,Stock\n1,2\n");
        var rejection = Assert.Single(Reader.Read(path).Rejections);
        Assert.Equal((1, "(header)"), (rejection.Location.Line, rejection.Field));
    }
}
