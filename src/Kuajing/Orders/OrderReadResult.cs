namespace Kuajing.Orders;

/// <summary>What <see cref="OrdersReader"/> read from a set of files.</summary>
/// <param name="Orders">Accepted orders, in file order then first-line order.</param>
/// <param name="Cancellations">Cancelling invoices (nothing ships; not errors).</param>
/// <param name="Rejections">Every bad line or file, with file, line, field and reason. A bad line rejects its whole order.</param>
/// <param name="FilesRead">Number of files opened.</param>
/// <param name="LinesRead">Data lines (CSV records or JSON order lines) read, header excluded.</param>
/// <param name="GoodsLines">Lines in accepted orders.</param>
/// <param name="NonGoodsLines">Lines of charges and adjustments (postage, fees, discounts, vouchers) excluded from customs lines; cancellation lines are not counted here.</param>
/// <param name="CancellationLines">Lines belonging to cancelling invoices.</param>
/// <param name="RejectedOrders">Distinct orders dropped because at least one of their lines was rejected.</param>
/// <param name="NonGoodsOnlyOrders">Invoices made only of non-goods lines (e.g. a lone POSTAGE or bad-debt line): nothing to ship.</param>
/// <param name="EstimatedWeightLines">Accepted lines whose unit weight or size is a Kuajing estimate.</param>
public sealed record OrderReadResult(
    IReadOnlyList<Order> Orders,
    IReadOnlyList<Cancellation> Cancellations,
    IReadOnlyList<Rejection> Rejections,
    int FilesRead,
    int LinesRead,
    int GoodsLines,
    int NonGoodsLines,
    int CancellationLines,
    int RejectedOrders,
    int NonGoodsOnlyOrders,
    int EstimatedWeightLines);
