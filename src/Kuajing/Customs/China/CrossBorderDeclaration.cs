using Kuajing.Money;
using Kuajing.Orders;
using Kuajing.Provenance;
using NodaTime;

namespace Kuajing.Customs.China;

/// <summary>One goods line of a declaration: an order line, its classification, and its values in RMB.</summary>
/// <param name="Gnum">Line number from 1 (<c>gnum</c>).</param>
/// <param name="Line">The order line.</param>
/// <param name="Goods">Its China customs classification.</param>
/// <param name="Quantity">Declared quantity in <see cref="GoodsClassification.Unit"/> (<c>qty</c>).</param>
/// <param name="LegalQuantity">Quantity in the first legal unit (<c>qty1</c>) = quantity × legal quantity per unit.</param>
/// <param name="Price">Unit price in CNY, rounded to 2 decimals (N16,2; <c>price</c>).</param>
/// <param name="TotalPrice">Price × quantity in CNY (<c>totalPrice</c>; "等于单价乘以数量", export/OrderList.java).</param>
public sealed record DeclarationLine(int Gnum, OrderLine Line, GoodsClassification Goods, decimal Quantity, decimal LegalQuantity, decimal Price, decimal TotalPrice);

/// <summary>Why a declaration cannot be built: the field at fault and what was expected.</summary>
/// <param name="Field">The input or order field, e.g. <c>order.currency</c> or <c>goods[SKU 22654]</c>.</param>
/// <param name="Reason">What is wrong, with the rule's source where one applies.</param>
public sealed record DeclarationProblem(string Field, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Field}: {Reason}";
}

/// <summary>
/// One China cross-border e-commerce declaration (issue #5 point 2): a Kuajing order, the platform's order facts, the payment
/// record and the waybill, switched by supervision mode (9610, 9710, 9810, 1210, 1239) and direction. Amounts are in RMB
/// (customs currency code 142; "限定为人民币，填写142", Weasley-J/chinaport-data-signature export/OrderList.java;
/// regulatory-facts.md §3.3): order lines in another currency are converted at the FRED monthly rate of the order date
/// (<see cref="FxRates"/>) and each unit price rounded to 2 decimals before multiplying by the quantity.
/// Immutable; thread-safe. Build with <see cref="Build"/>.
/// </summary>
public sealed class CrossBorderDeclaration
{
    private CrossBorderDeclaration(SupervisionMode mode, Order order, DeclarationInput input, IReadOnlyList<DeclarationLine> lines, decimal fxRate, DataSource fxSource, Instant declaredAt)
    {
        Mode = mode;
        Order = order;
        Input = input;
        Lines = lines;
        FxRate = fxRate;
        FxSource = fxSource;
        DeclaredAt = declaredAt;
        GoodsValue = lines.Sum(l => l.TotalPrice);
    }

    /// <summary>The currency every amount is declared in: CNY, written as customs code 142.</summary>
    public static CurrencyCode Currency => CurrencyCode.Cny;

    /// <summary>The supervision mode and direction, with what it requires.</summary>
    public SupervisionMode Mode { get; }

    /// <summary>The Kuajing order.</summary>
    public Order Order { get; }

    /// <summary>The platform's order facts, payment record, waybill and codes.</summary>
    public DeclarationInput Input { get; }

    /// <summary>The goods lines, in order-line order.</summary>
    public IReadOnlyList<DeclarationLine> Lines { get; }

    /// <summary>Goods value in CNY (<c>goodsValue</c>): the sum of line totals.</summary>
    public decimal GoodsValue { get; }

    /// <summary>
    /// Amount actually paid in CNY (<c>acturalPaid</c>) = goodsValue + freight + taxTotal − discount (regulatory-facts.md §3.2,
    /// from Weasley-J/chinaport-data-signature OrderHead.java; C).
    /// </summary>
    public decimal ActualPaid => GoodsValue + Input.Order.Freight + Input.Order.TaxTotal - Input.Order.Discount;

    /// <summary>CNY per one unit of the order's currency used for the lines (1 when the order is in CNY).</summary>
    public decimal FxRate { get; }

    /// <summary>Where <see cref="FxRate"/> came from (FRED monthly rate of the order date; D).</summary>
    public DataSource FxSource { get; }

    /// <summary>When the declaration is made (<c>appTime</c>, written in China Standard Time).</summary>
    public Instant DeclaredAt { get; }

    /// <summary>The order number (<c>orderNo</c>).</summary>
    public string OrderNo => Input.OrderNo;

    /// <summary>Gross weight in kg from the waybill (<c>grossWeight</c>).</summary>
    public decimal GrossWeightKg => Input.Waybill.GrossWeight.Kilograms;

    /// <summary>
    /// Builds a declaration, or says field by field why it cannot be built: the mode must exist for the direction and be in
    /// force on the order date; the order charges must be in CNY; every order line's SKU must be classified; modes whose
    /// messages include a payment (CEB403, CEB411) need a payment record; 9810 needs the overseas-warehouse filing, filed by
    /// the e-commerce enterprise on or before the declaration date; the bonded modes need the account book number, an item
    /// record number per SKU and, when <paramref name="bondedStock"/> is given, enough stock to release.
    /// </summary>
    /// <param name="modes">The supervision mode table.</param>
    /// <param name="mode">The mode.</param>
    /// <param name="direction">Export or import.</param>
    /// <param name="order">The Kuajing order (lines, values, HS codes).</param>
    /// <param name="input">Order facts, payment, waybill, codes.</param>
    /// <param name="fx">FX table for converting the order lines to CNY.</param>
    /// <param name="declaredAt">Declaration time.</param>
    /// <param name="bondedStock">The bonded account book's stock, to check the release (1210, 1239), or <see langword="null"/> to skip that check.</param>
    /// <returns>The declaration, or the problems.</returns>
    public static DeclarationBuildResult Build(
        SupervisionModeTable modes,
        CrossBorderMode mode,
        CustomsDirection direction,
        Order order,
        DeclarationInput input,
        FxRates fx,
        Instant declaredAt,
        BondedStockLedger? bondedStock = null)
    {
        ArgumentNullException.ThrowIfNull(modes);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(fx);
        var problems = new List<DeclarationProblem>();
        if (!modes.TryGet(mode, direction, out var row))
        {
            return new DeclarationBuildResult(null, [new DeclarationProblem("mode", $"{mode} has no {direction.ToString().ToLowerInvariant()} declaration (data/customs/china/supervision-modes.csv: 9710 and 9810 are export only, 1239 import only)")]);
        }

        if (!row.Validity.Contains(order.OrderDate))
        {
            problems.Add(new DeclarationProblem("order.placedAt", $"mode {row.Code} applies from {row.Validity.From:yyyy-MM-dd}; the order is dated {order.OrderDate:yyyy-MM-dd} ({row.Source.Citation})"));
        }

        if (!string.Equals(input.OrderNo, order.OrderId, StringComparison.Ordinal))
        {
            problems.Add(new DeclarationProblem("orderNo", $"the input is for order '{input.OrderNo}' but the order is '{order.OrderId}'"));
        }

        if (input.Order.Currency != Currency)
        {
            problems.Add(new DeclarationProblem("order.currency", $"'{input.Order.Currency}': the CEB order and list amounts are declared in RMB (customs code 142; regulatory-facts.md §3.3); give the charges in CNY"));
        }

        var needsPayment = row.Messages.Contains(CebMessageType.Ceb403) || row.Messages.Contains(CebMessageType.Ceb411);
        if (needsPayment && input.Payment is null)
        {
            problems.Add(new DeclarationProblem("payment", $"mode {row.Code} {direction.ToString().ToLowerInvariant()} sends a payment message ({string.Join(", ", row.Messages.Where(m => m is CebMessageType.Ceb403 or CebMessageType.Ceb411))}); the payment record is missing"));
        }

        var bonded = row.Filings.HasFlag(ModeFilings.BondedStock);
        if (bonded && string.IsNullOrEmpty(input.Office.AccountBookNo))
        {
            problems.Add(new DeclarationProblem("office.accountBookNo", $"mode {row.Code} moves goods through a bonded warehouse: the bonded account book number (emsNo) is required"));
        }

        if (row.Filings.HasFlag(ModeFilings.OverseasWarehouseFiling))
        {
            var filing = input.OverseasWarehouse;
            if (filing is null)
            {
                problems.Add(new DeclarationProblem("overseasWarehouse", "mode 9810 requires the overseas-warehouse business filing (海外仓业务模式备案, GACC Announcement 2020 No. 75)"));
            }
            else
            {
                if (filing.Filer != input.Order.Ecommerce.Code)
                {
                    problems.Add(new DeclarationProblem("overseasWarehouse.filer", $"the filing is held by {filing.Filer}, not by the exporting e-commerce enterprise {input.Order.Ecommerce.Code}"));
                }

                if (filing.FiledOn > declaredAt.InZone(ChinaTime.Zone).Date)
                {
                    problems.Add(new DeclarationProblem("overseasWarehouse.filedOn", $"filed on {filing.FiledOn:yyyy-MM-dd}, after the declaration date"));
                }
            }
        }

        decimal rate = 1m;
        var orderCurrency = order.Lines[0].UnitValue.Currency;
        if (orderCurrency != Currency)
        {
            if (fx.TryConvert(new Money.Money(1m, orderCurrency), Currency, order.OrderDate, out var one, out var stale) && !stale)
            {
                rate = one.Amount;
            }
            else
            {
                problems.Add(new DeclarationProblem("order.lines.currency", $"no current FRED rate {orderCurrency}→CNY for {order.OrderDate:yyyy-MM-dd} (data/reference/fx-rates)"));
            }
        }

        var bySku = new Dictionary<string, GoodsClassification>(StringComparer.Ordinal);
        foreach (var g in input.Goods)
        {
            if (!bySku.TryAdd(g.Sku, g))
            {
                problems.Add(new DeclarationProblem($"goods[SKU {g.Sku}]", "classified twice"));
            }
        }

        var lines = new List<DeclarationLine>(order.Lines.Count);
        foreach (var line in order.Lines)
        {
            if (!bySku.TryGetValue(line.Sku, out var goods))
            {
                problems.Add(new DeclarationProblem($"goods[SKU {line.Sku}]", $"order line {line.Location} ('{line.Description}') has no China customs classification (gcode, unit, origin) in {input.Source}"));
                continue;
            }

            if (bonded && string.IsNullOrEmpty(goods.ItemRecordNo))
            {
                problems.Add(new DeclarationProblem($"goods[SKU {line.Sku}].itemRecordNo", $"mode {row.Code} needs the bonded item record number of every SKU"));
            }

            var price = Math.Round(line.UnitValue.Amount * rate, 2, MidpointRounding.AwayFromZero);
            lines.Add(new DeclarationLine(lines.Count + 1, line, goods, line.Quantity, line.Quantity * goods.LegalQuantityPerUnit, price, price * line.Quantity));
        }

        if (bonded && bondedStock is not null && problems.Count == 0)
        {
            foreach (var shortfall in bondedStock.Shortfalls(lines))
            {
                problems.Add(new DeclarationProblem($"bondedStock[{shortfall.ItemRecordNo}]", $"release of {shortfall.Requested} exceeds the balance {shortfall.Balance} in account book {bondedStock.AccountBookNo}"));
            }
        }

        if (problems.Count > 0)
        {
            return new DeclarationBuildResult(null, problems);
        }

        var fxSource = new DataSource(
            orderCurrency == Currency ? "order in CNY: no conversion" : $"FRED monthly exchange rates (data/reference/fx-rates), {orderCurrency}→CNY cross rate through USD for {order.OrderDate:yyyy-MM}",
            order.OrderDate,
            orderCurrency == Currency ? SourceStatus.Confirmed : SourceStatus.Derived);
        return new DeclarationBuildResult(new CrossBorderDeclaration(row, order, input, lines, rate, fxSource, declaredAt), []);
    }
}

/// <summary>The outcome of <see cref="CrossBorderDeclaration.Build"/>: a declaration, or the problems that stop it.</summary>
/// <param name="Declaration">The declaration when <see cref="Problems"/> is empty.</param>
/// <param name="Problems">Field-level reasons it cannot be built.</param>
public sealed record DeclarationBuildResult(CrossBorderDeclaration? Declaration, IReadOnlyList<DeclarationProblem> Problems)
{
    /// <summary>True when the declaration was built.</summary>
    public bool Succeeded => Declaration is not null;
}

/// <summary>China Standard Time, in which the CEB messages write times (<c>appTime</c> YYYYMMDDhhmmss).</summary>
internal static class ChinaTime
{
    /// <summary>Asia/Shanghai (tzdb).</summary>
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
}
