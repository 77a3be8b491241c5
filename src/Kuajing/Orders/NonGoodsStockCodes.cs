using Kuajing.ReferenceData;

namespace Kuajing.Orders;

/// <summary>
/// Stock codes of the UCI Online Retail data that are charges or adjustments, not goods (postage, discounts,
/// fees, vouchers): excluded from customs lines and counted. Source: <c>data/orders/online-retail/non-goods-stock-codes.csv</c>
/// (columns <c>stock_code,match,meaning,source</c>; <c>match</c> is <c>exact</c> or <c>prefix</c>; matching ignores case),
/// after the UCI Online Retail SOURCE.md. Immutable and thread-safe.
/// </summary>
public sealed class NonGoodsStockCodes
{
    private readonly HashSet<string> _exact;
    private readonly string[] _prefixes;

    private NonGoodsStockCodes(HashSet<string> exact, string[] prefixes)
    {
        _exact = exact;
        _prefixes = prefixes;
    }

    /// <summary>Loads the list.</summary>
    /// <param name="path">Path of <c>non-goods-stock-codes.csv</c>.</param>
    /// <returns>The list.</returns>
    /// <exception cref="ReferenceDataException">When the file or a column is missing, or <c>match</c> is not <c>exact</c> or <c>prefix</c>.</exception>
    public static NonGoodsStockCodes Load(string path)
    {
        var exact = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var prefixes = new List<string>();
        using var csv = CsvInput.Open(path, "stock_code", "match");
        while (csv.Read())
        {
            var code = csv.Required("stock_code");
            switch (csv.Text("match").Trim())
            {
                case "exact":
                    exact.Add(code);
                    break;
                case "prefix":
                    prefixes.Add(code);
                    break;
                case var other:
                    throw csv.Error("match", $"'{other}' is not exact or prefix");
            }
        }

        return new NonGoodsStockCodes(exact, prefixes.ToArray());
    }

    /// <summary>True when the stock code is a charge or adjustment, not goods.</summary>
    /// <param name="stockCode">UCI StockCode.</param>
    /// <returns>Whether the line must be excluded from customs lines.</returns>
    public bool IsNonGoods(string stockCode)
    {
        ArgumentNullException.ThrowIfNull(stockCode);
        if (_exact.Contains(stockCode))
        {
            return true;
        }

        foreach (var prefix in _prefixes)
        {
            if (stockCode.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
