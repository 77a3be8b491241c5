using Kuajing.Money;
using Kuajing.ReferenceData;

namespace Kuajing.Orders;

/// <summary>
/// Reads order files and turns them into <see cref="Order"/>s, <see cref="Cancellation"/>s and
/// <see cref="Rejection"/>s. Formats are recognised by extension and header: <c>.json</c> is the generic JSON
/// format; <c>.csv</c>/<c>.csv.gz</c> starting with <c>InvoiceNo,StockCode,…</c> is UCI Online Retail
/// (doi:10.24432/C5BW33), starting with <c>order_id</c> the generic CSV format (docs/order-format.md).
/// A bad line rejects its whole order (a partial shipment would be wrong) and every bad line is reported;
/// other orders still go through. Files are read in parallel; results keep the order of <c>paths</c>.
/// Thread-safe: one reader may serve concurrent calls.
/// </summary>
public sealed class OrdersReader
{
    /// <summary>Path of the weight estimate rules under the data folder.</summary>
    public const string WeightEstimatesPath = "orders/weight-estimates.csv";

    /// <summary>Path of the UCI non-goods stock codes under the data folder.</summary>
    public const string NonGoodsStockCodesPath = "orders/online-retail/non-goods-stock-codes.csv";

    private readonly OnlineRetailFormat _onlineRetail;
    private readonly GenericOrderCsvFormat _csv;
    private readonly GenericOrderJsonFormat _json;

    /// <summary>Creates a reader.</summary>
    /// <param name="countries">Country resolution (buyer country names and codes).</param>
    /// <param name="fx">FX table: a generic order's currency must have a rate here.</param>
    /// <param name="hs">HS 2022 nomenclature: a given HS code must exist here.</param>
    /// <param name="products">Product master and weight estimates.</param>
    /// <param name="nonGoods">UCI stock codes that are not goods.</param>
    public OrdersReader(CountryTable countries, FxRates fx, HsNomenclature hs, ProductCatalog products, NonGoodsStockCodes nonGoods)
    {
        ArgumentNullException.ThrowIfNull(countries);
        ArgumentNullException.ThrowIfNull(fx);
        ArgumentNullException.ThrowIfNull(hs);
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(nonGoods);
        var rules = new OrderFieldRules(countries, fx, hs);
        _onlineRetail = new OnlineRetailFormat(countries, products, nonGoods);
        _csv = new GenericOrderCsvFormat(rules, products);
        _json = new GenericOrderJsonFormat(rules, products);
    }

    /// <summary>Creates a reader from the bundled reference data, with the bundled weight estimates and an optional product master.</summary>
    /// <param name="reference">Loaded reference data; its data folder holds <see cref="WeightEstimatesPath"/> and <see cref="NonGoodsStockCodesPath"/>.</param>
    /// <param name="productMasterCsv">Seller's product master CSV, or <see langword="null"/> to use estimates only.</param>
    /// <returns>The reader.</returns>
    /// <exception cref="ReferenceDataException">When a rules file or the product master is missing or malformed.</exception>
    public static OrdersReader Create(ReferenceDataSet reference, string? productMasterCsv = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var estimates = WeightEstimateRules.Load(Path.Combine(reference.DataDirectory, WeightEstimatesPath));
        var master = productMasterCsv is null ? null : ProductMaster.Load(productMasterCsv);
        var nonGoods = NonGoodsStockCodes.Load(Path.Combine(reference.DataDirectory, NonGoodsStockCodesPath));
        return new OrdersReader(reference.Countries, reference.Fx, reference.Hs, new ProductCatalog(estimates, master), nonGoods);
    }

    /// <summary>Reads a file, or every <c>*.csv</c>, <c>*.csv.gz</c> and <c>*.json</c> file of a directory (not recursive, sorted by name).</summary>
    /// <param name="pathOrDirectory">A file or a directory.</param>
    /// <returns>Orders, cancellations, rejections and counts.</returns>
    public OrderReadResult Read(string pathOrDirectory)
    {
        ArgumentNullException.ThrowIfNull(pathOrDirectory);
        return Directory.Exists(pathOrDirectory) ? Read(FilesIn(pathOrDirectory)) : Read([pathOrDirectory]);
    }

    /// <summary>Reads files (a directory in the list is expanded as in <see cref="Read(string)"/>).</summary>
    /// <param name="paths">Files or directories. A missing or unreadable file or an unknown format becomes a rejection at line 0, field <c>(file)</c>.</param>
    /// <returns>Orders, cancellations, rejections and counts. An order id seen in an earlier file is rejected in the later one.</returns>
    public OrderReadResult Read(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = paths.SelectMany(p => Directory.Exists(p) ? FilesIn(p) : [p]).ToArray();
        var results = new OrderFile[files.Length];
        Parallel.For(0, files.Length, i => results[i] = ReadFile(files[i]));
        return Merge(results);
    }

    private static IEnumerable<string> FilesIn(string directory) =>
        Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);

    private OrderFile ReadFile(string path)
    {
        try
        {
            if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                return _json.Read(File.ReadAllBytes(path), path);
            }

            using var text = CsvInput.OpenText(path);
            var first = PeekHeader(text, out var rewound);
            if (first.StartsWith("InvoiceNo,", StringComparison.Ordinal))
            {
                return _onlineRetail.Read(rewound, path);
            }

            if (first.StartsWith(GenericOrderCsvFormat.FirstColumn, StringComparison.Ordinal))
            {
                return _csv.Read(rewound, path);
            }

            var file = new OrderFile(path);
            file.Reject(1, "(header)", $"unknown order format: expected a header starting 'InvoiceNo,StockCode' (UCI Online Retail) or 'order_id' (docs/order-format.md), or a .json file", null);
            return file;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ReferenceDataException or InvalidDataException)
        {
            var file = new OrderFile(path);
            file.Reject(0, "(file)", $"cannot read: {e.Message}", null);
            return file;
        }
    }

    // Reads the header line and hands back a reader positioned at the start again.
    private static string PeekHeader(TextReader text, out TextReader rewound)
    {
        var header = text.ReadLine() ?? "";
        rewound = new PrefixedReader(header + "\n", text);
        return header.TrimStart('\uFEFF');
    }

    private static OrderReadResult Merge(OrderFile[] files)
    {
        var orders = new List<Order>();
        var cancellations = new List<Cancellation>();
        var rejections = new List<Rejection>();
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        int lines = 0, goods = 0, nonGoods = 0, cancelLines = 0, rejected = 0, nonGoodsOnly = 0, estimated = 0;
        foreach (var file in files)
        {
            lines += file.LinesRead;
            nonGoods += file.NonGoodsLines;
            rejections.AddRange(file.Rejections);
            foreach (var draft in file.Drafts)
            {
                if (draft.IsCancellation)
                {
                    cancelLines += draft.CancellationLines;
                    if (!draft.Rejected)
                    {
                        cancellations.Add(new Cancellation(draft.OrderId, draft.PlacedAt, draft.CancellationLines, draft.Location));
                    }
                    else
                    {
                        rejected++;
                    }

                    continue;
                }

                if (!draft.Rejected && !seen.TryAdd(draft.OrderId, draft.Location))
                {
                    rejections.Add(new Rejection(draft.Location, "order id", $"order id '{draft.OrderId}' was already read at {seen[draft.OrderId]}; order ids must be unique", draft.OrderId));
                    draft.Rejected = true;
                }

                if (draft.Rejected)
                {
                    rejected++;
                }
                else if (draft.Lines.Count == 0)
                {
                    nonGoodsOnly++;
                }
                else
                {
                    goods += draft.Lines.Count;
                    estimated += draft.Lines.Count(l => l.WeightEstimated);
                    orders.Add(new Order(draft.OrderId, draft.PlacedAt, draft.Country, draft.Postcode, draft.Lines, draft.Location));
                }
            }
        }

        return new OrderReadResult(orders, cancellations, rejections, files.Length, lines, goods, nonGoods, cancelLines, rejected, nonGoodsOnly, estimated);
    }

    /// <summary>A reader that yields a prefix (the peeked header line) before the rest of another reader.</summary>
    private sealed class PrefixedReader(string prefix, TextReader rest) : TextReader
    {
        private int _position;

        public override int Peek() => _position < prefix.Length ? prefix[_position] : rest.Peek();

        public override int Read() => _position < prefix.Length ? prefix[_position++] : rest.Read();

        public override int Read(char[] buffer, int index, int count)
        {
            if (_position < prefix.Length)
            {
                var n = Math.Min(count, prefix.Length - _position);
                prefix.CopyTo(_position, buffer, index, n);
                _position += n;
                return n;
            }

            return rest.Read(buffer, index, count);
        }

        public override int Read(Span<char> buffer)
        {
            if (_position < prefix.Length)
            {
                var n = Math.Min(buffer.Length, prefix.Length - _position);
                prefix.AsSpan(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }

            return rest.Read(buffer);
        }
    }
}
