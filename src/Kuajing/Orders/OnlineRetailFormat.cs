using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Kuajing.Money;
using Kuajing.ReferenceData;
using NodaTime;

namespace Kuajing.Orders;

/// <summary>
/// Reads the UCI Online Retail order lines (D. Chen, UCI ML Repository, 2015, doi:10.24432/C5BW33; CC BY 4.0):
/// <c>InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country</c>, one invoice = one order,
/// prices in GBP, <c>InvoiceDate</c> as <c>yyyy-MM-dd HH:mm:ss</c> UK local time. Invoices numbered <c>C…</c>
/// are cancellations; non-goods stock codes are counted and left out; any bad line rejects its whole invoice.
/// </summary>
internal sealed class OnlineRetailFormat(CountryTable countries, ProductCatalog catalog, NonGoodsStockCodes nonGoods)
{
    public const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";
    private static readonly string[] Columns = Header.Split(',');
    private static readonly CurrencyCode Gbp = CurrencyCode.Gbp;

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
        if (!parser.Read() || !HeaderMatches(parser))
        {
            file.Reject(1, "(header)", $"expected the UCI Online Retail header '{Header}'", null);
            return file;
        }

        // One entry per distinct (stock code, description) text: shares the strings and the product facts
        // among the ~100 lines that repeat each product, so 400k lines keep ~4k strings alive, not 800k.
        var products = new Dictionary<(string StockCode, string Description), (string Sku, string Description, ProductFacts Facts)>();
        var fields = new string[Columns.Length];
        string lastDateText = "";
        LocalDateTime lastDate = default;
        var lastLine = parser.RawRow;
        while (parser.Read())
        {
            var line = lastLine + 1;
            lastLine = parser.RawRow;
            file.LinesRead++;
            // CsvHelper builds (and checks) a field only when it is read: read every field before testing badData.
            var count = parser.Count;
            for (var i = 0; i < count && i < fields.Length; i++)
            {
                fields[i] = parser[i];
            }

            var invoice = count > 0 ? fields[0].Trim() : "";
            OrderDraft? draft = invoice.Length > 0 ? file.Draft(invoice, line, out _) : null;
            if (badData is not null)
            {
                file.Reject(line, "(row)", $"malformed CSV (RFC 4180): a quote inside an unquoted field or an unterminated quoted field in: {badData}", draft);
                badData = null;
                continue;
            }

            if (parser.Count != Columns.Length)
            {
                file.Reject(line, "(row)", $"{parser.Count} fields; expected {Columns.Length} ({Header})", draft);
                continue;
            }

            if (draft is null)
            {
                file.Reject(line, "InvoiceNo", "empty; expected a 6-digit invoice number, 'C' + 6 digits for a cancellation", null);
                continue;
            }

            if (!draft.HasHeader)
            {
                draft.HasHeader = true;
                draft.IsCancellation = invoice[0] is 'C' or 'c';
            }

            var dateText = fields[4];
            if (!ReferenceEquals(dateText, lastDateText) && dateText != lastDateText)
            {
                if (!TryParseInvoiceDate(dateText, out lastDate))
                {
                    lastDateText = "";
                    file.Reject(line, "InvoiceDate", $"'{dateText}' is not a date-time yyyy-MM-dd HH:mm:ss", draft);
                    continue;
                }

                lastDateText = dateText;
            }

            if (!draft.DateSet)
            {
                draft.PlacedAt = lastDate;
                draft.DateSet = true;
            }

            if (draft.IsCancellation)
            {
                // A cancelling invoice reverses earlier lines: nothing ships, so its lines are counted, not validated.
                draft.CancellationLines++;
                continue;
            }

            var stockCode = fields[1];
            if (nonGoods.IsNonGoods(stockCode.Trim()))
            {
                file.NonGoodsLines++;
                continue;
            }

            var countryText = fields[7];
            if (draft.CountryText is null)
            {
                draft.CountryText = countryText;
                if (!countries.TryResolve(countryText, out var code, out var reason))
                {
                    file.Reject(line, "Country", reason, draft);
                    continue;
                }

                draft.Country = code;
            }
            else if (!string.Equals(draft.CountryText, countryText, StringComparison.Ordinal))
            {
                file.Reject(line, "Country", $"'{countryText}' differs from '{draft.CountryText}' on the invoice's earlier lines; one invoice ships to one country", draft);
                continue;
            }
            else if (draft.Rejected && draft.Country == default)
            {
                // The invoice's country was already rejected on its first line; report each further line too.
                countries.TryResolve(countryText, out _, out var reason);
                file.Reject(line, "Country", reason, draft);
                continue;
            }

            var quantityText = fields[3];
            if (!int.TryParse(quantityText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var quantity))
            {
                file.Reject(line, "Quantity", $"'{quantityText}' is not a whole number of units", draft);
                continue;
            }

            if (quantity <= 0)
            {
                file.Reject(line, "Quantity", $"{quantity} in invoice {invoice}, which is not a cancellation (C…): a return or stock adjustment cannot ship; expected ≥ 1", draft);
                continue;
            }

            var priceText = fields[5];
            if (!decimal.TryParse(priceText, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var price))
            {
                file.Reject(line, "UnitPrice", $"'{priceText}' is not a decimal GBP amount", draft);
                continue;
            }

            if (price < 0m)
            {
                file.Reject(line, "UnitPrice", $"{priceText} GBP is negative; expected a unit price ≥ 0", draft);
                continue;
            }

            var rawDescription = fields[2];
            if (string.IsNullOrWhiteSpace(rawDescription))
            {
                file.Reject(line, "Description", "empty; a goods description is needed for the customs declaration", draft);
                continue;
            }

            if (draft.Rejected)
            {
                continue; // keep reporting every bad line, but build nothing for a rejected invoice
            }

            if (!products.TryGetValue((stockCode, rawDescription), out var product))
            {
                var sku = stockCode.Trim();
                var description = rawDescription.Trim();
                product = (sku, description, catalog.Complete(sku, description, null, null, null, Goods.GoodsHazards.None));
                products.Add((stockCode, rawDescription), product);
            }

            var facts = product.Facts;
            draft.Lines.Add(new OrderLine(
                product.Sku,
                product.Description,
                facts.Hs,
                quantity,
                new Money.Money(price, Gbp),
                facts.UnitWeight,
                facts.UnitSize,
                facts.Estimated,
                facts.Hazards,
                new SourceLocation(path, line)));
        }

        return file;
    }

    /// <summary>Parses <c>yyyy-MM-dd HH:mm:ss</c> without allocating (the hot path: one call per distinct timestamp).</summary>
    internal static bool TryParseInvoiceDate(string text, out LocalDateTime value)
    {
        value = default;
        var s = text.AsSpan().Trim();
        if (s.Length != 19 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!int.TryParse(s[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(s[5..7], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(s[8..10], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || !int.TryParse(s[11..13], NumberStyles.None, CultureInfo.InvariantCulture, out var hour)
            || !int.TryParse(s[14..16], NumberStyles.None, CultureInfo.InvariantCulture, out var minute)
            || !int.TryParse(s[17..19], NumberStyles.None, CultureInfo.InvariantCulture, out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new LocalDateTime(year, month, day, hour, minute, second);
        return true;
    }

    private static bool HeaderMatches(CsvParser parser)
    {
        if (parser.Count != Columns.Length)
        {
            return false;
        }

        for (var i = 0; i < Columns.Length; i++)
        {
            if (!string.Equals(parser[i].Trim('\uFEFF', ' '), Columns[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
