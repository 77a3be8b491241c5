using System.Globalization;
using System.IO.Compression;
using System.Text;
using NodaTime;

namespace Kuajing.Tests.EndToEnd;

/// <summary>
/// Real UCI Online Retail invoices (CC BY 4.0, doi:10.24432/C5BW33; bundled in <c>data/orders/online-retail</c>),
/// copied verbatim with the file and physical line numbers they come from (line 1 is the header). The expected
/// figures beside them are worked out by hand from the rows, not read from the program:
/// goods value = Σ quantity × unit price (GBP); placed date + 782 weeks (= 5,474 days, so the weekday is kept).
/// <see cref="GoldenInvoicesTests"/> checks that each row is still the cited line of the bundled file.
/// </summary>
internal static class GoldenInvoices
{
    public const string UciHeader = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

    /// <summary>The replay shift used by run.sh: 782 weeks = 5,474 days (2010-12..2011-10 → 2025-11..2026-10).</summary>
    public const int ShiftWeeks = 782;

    /// <summary>
    /// 536365, United Kingdom, orders-2010-12.csv.gz lines 2–8 (the first invoice of the dataset).
    /// 6×2.55 + 6×3.39 + 8×2.75 + 6×3.39 + 6×3.39 + 2×7.65 + 6×4.25 = 15.30 + 20.34 + 22.00 + 20.34 + 20.34 + 15.30 + 25.50
    /// = GBP 139.12, above the UK GBP 135 limit. 2010-12-01 (Wed) + 5,474 days = 2025-11-26 (Wed).
    /// </summary>
    public static readonly GoldenInvoice Uk536365 = new(
        "536365", "orders-2010-12.csv.gz", 2, "GB", 139.12m,
        new LocalDateTime(2010, 12, 1, 8, 26, 0), new LocalDateTime(2025, 11, 26, 8, 26, 0),
        [
            "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom",
            "536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom",
            "536365,84406B,CREAM CUPID HEARTS COAT HANGER,8,2010-12-01 08:26:00,2.75,17850,United Kingdom",
            "536365,84029G,KNITTED UNION FLAG HOT WATER BOTTLE,6,2010-12-01 08:26:00,3.39,17850,United Kingdom",
            "536365,84029E,RED WOOLLY HOTTIE WHITE HEART.,6,2010-12-01 08:26:00,3.39,17850,United Kingdom",
            "536365,22752,SET 7 BABUSHKA NESTING BOXES,2,2010-12-01 08:26:00,7.65,17850,United Kingdom",
            "536365,21730,GLASS STAR FROSTED T-LIGHT HOLDER,6,2010-12-01 08:26:00,4.25,17850,United Kingdom",
        ]);

    /// <summary>
    /// 538644, Germany, orders-2010-12.csv.gz lines 28566–28567. 1×8.50 + 1×3.95 = GBP 12.45 (far below EUR 150).
    /// 2010-12-13 (Mon) + 5,474 days = 2025-12-08 (Mon): before 2026-07-01, so the EUR 150 duty relief still applies.
    /// </summary>
    public static readonly GoldenInvoice Germany538644 = new(
        "538644", "orders-2010-12.csv.gz", 28566, "DE", 12.45m,
        new LocalDateTime(2010, 12, 13, 14, 39, 0), new LocalDateTime(2025, 12, 8, 14, 39, 0),
        [
            "538644,22636,CHILDS BREAKFAST SET CIRCUS PARADE,1,2010-12-13 14:39:00,8.5,12476,Germany",
            "538644,21658,GLASS  BEURRE DISH,1,2010-12-13 14:39:00,3.95,12476,Germany",
        ]);

    /// <summary>
    /// 560544, Germany, orders-2011-07.csv.gz lines 24208–24211. 3×5.95 + 6×2.10 + 10×1.25 + 6×2.95
    /// = 17.85 + 12.60 + 12.50 + 17.70 = GBP 60.65 (below EUR 150). 2011-07-19 (Tue) + 5,474 days = 2026-07-14 (Tue):
    /// after 2026-07-01, so the EUR 3 per tariff sub-heading interim duty applies. Four lines, none with an HS code.
    /// </summary>
    public static readonly GoldenInvoice Germany560544 = new(
        "560544", "orders-2011-07.csv.gz", 24208, "DE", 60.65m,
        new LocalDateTime(2011, 7, 19, 12, 37, 0), new LocalDateTime(2026, 7, 14, 12, 37, 0),
        [
            "560544,21042,RED RETROSPOT APRON ,3,2011-07-19 12:37:00,5.95,12569,Germany",
            "560544,20754,RETROSPOT RED WASHING UP GLOVES,6,2011-07-19 12:37:00,2.1,12569,Germany",
            "560544,21154,RED RETROSPOT OVEN GLOVE ,10,2011-07-19 12:37:00,1.25,12569,Germany",
            "560544,71279,PINK GLASS CANDLEHOLDER,6,2011-07-19 12:37:00,2.95,12569,Germany",
        ]);

    /// <summary>
    /// 543372, Australia, orders-2011-02.csv.gz lines 6644–6645. 18×2.95 + 3×4.95 = 53.10 + 14.85 = GBP 67.95 (far
    /// below AUD 1,000). 2011-02-07 (Mon) + 5,474 days = 2026-02-02 (Mon).
    /// </summary>
    public static readonly GoldenInvoice Australia543372 = new(
        "543372", "orders-2011-02.csv.gz", 6644, "AU", 67.95m,
        new LocalDateTime(2011, 2, 7, 15, 1, 0), new LocalDateTime(2026, 2, 2, 15, 1, 0),
        [
            "543372,22087,PAPER BUNTING WHITE LACE,18,2011-02-07 15:01:00,2.95,16321,Australia",
            "543372,22325,MOBILE VINTAGE HEARTS ,3,2011-02-07 15:01:00,4.95,16321,Australia",
        ]);

    /// <summary>
    /// 545645, Japan, orders-2011-03.csv.gz lines 4139–4141. 5.95 + 9.95 + 1.65 = GBP 17.55.
    /// 2011-03-04 (Fri) + 5,474 days = 2026-02-27 (Fri).
    /// </summary>
    public static readonly GoldenInvoice Japan545645 = new(
        "545645", "orders-2011-03.csv.gz", 4139, "JP", 17.55m,
        new LocalDateTime(2011, 3, 4, 12, 42, 0), new LocalDateTime(2026, 2, 27, 12, 42, 0),
        [
            "545645,22654,DELUXE SEWING KIT ,1,2011-03-04 12:42:00,5.95,12755,Japan",
            "545645,22968,ROSE COTTAGE KEEPSAKE BOX ,1,2011-03-04 12:42:00,9.95,12755,Japan",
            "545645,22652,TRAVEL SEWING KIT,1,2011-03-04 12:42:00,1.65,12755,Japan",
        ]);

    /// <summary>
    /// C536383, a cancellation invoice (United Kingdom), orders-2010-12.csv.gz line 156: it cancels one line with a
    /// negative quantity. UCI SOURCE.md: "If this code starts with letter 'c', it indicates a cancellation".
    /// </summary>
    public static readonly GoldenInvoice CancellationC536383 = new(
        "C536383", "orders-2010-12.csv.gz", 156, "GB", -4.65m,
        new LocalDateTime(2010, 12, 1, 9, 49, 0), new LocalDateTime(2025, 11, 26, 9, 49, 0),
        [
            "C536383,35004C,SET OF 3 COLOURED  FLYING DUCKS,-1,2010-12-01 09:49:00,4.65,15311,United Kingdom",
        ]);

    public static IReadOnlyList<GoldenInvoice> Planned { get; } = [Uk536365, Germany538644, Germany560544, Australia543372, Japan545645];

    public static IReadOnlyList<GoldenInvoice> All { get; } = [.. Planned, CancellationC536383];

    /// <summary>A UCI-format CSV (header and the invoices' rows, in order).</summary>
    public static string Csv(IEnumerable<GoldenInvoice> invoices)
    {
        var sb = new StringBuilder(UciHeader).Append('\n');
        foreach (var row in invoices.SelectMany(i => i.Rows))
        {
            sb.Append(row).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Physical lines <paramref name="first"/>..first+count−1 (1-based) of a bundled monthly file.</summary>
    public static IReadOnlyList<string> BundledLines(string file, int first, int count)
    {
        var path = Path.Combine(Kuajing.ReferenceData.DataDirectory.Find(), "orders", "online-retail", file);
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gz, Encoding.UTF8);
        var lines = new List<string>(count);
        var n = 0;
        while (reader.ReadLine() is { } line && lines.Count < count)
        {
            if (++n >= first)
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    /// <summary>Σ quantity × unit price over the rows, parsed here independently of the program's reader.</summary>
    public static decimal SumOfRows(GoldenInvoice invoice) =>
        invoice.Rows.Sum(r =>
        {
            var f = r.Split(',');
            return int.Parse(f[3], CultureInfo.InvariantCulture) * decimal.Parse(f[5], CultureInfo.InvariantCulture);
        });
}

/// <summary>One real invoice and the facts worked out by hand for it.</summary>
/// <param name="Id">Invoice number.</param>
/// <param name="File">Bundled monthly file it comes from.</param>
/// <param name="FirstLine">Physical line (1-based, header = 1) of its first row.</param>
/// <param name="Destination">ISO 3166-1 alpha-2 code of the country named in the rows.</param>
/// <param name="GoodsGbp">Goods value by hand (GBP).</param>
/// <param name="PlacedAt">InvoiceDate as in the file.</param>
/// <param name="ShiftedPlacedAt">InvoiceDate + 782 weeks, by hand.</param>
/// <param name="Rows">The rows, verbatim.</param>
internal sealed record GoldenInvoice(
    string Id,
    string File,
    int FirstLine,
    string Destination,
    decimal GoodsGbp,
    LocalDateTime PlacedAt,
    LocalDateTime ShiftedPlacedAt,
    IReadOnlyList<string> Rows);
