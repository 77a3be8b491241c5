using System.Text.Json;
using Kuajing.Storage;
using Kuajing.Web.Accounts;
using Kuajing.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Kuajing.Web.Api;

/// <summary>
/// Orders as the caller may see them (the API and the web UI both read through this). A seller sees the orders it
/// owns (<see cref="Storage.OrderOwnerRecord"/>), an admin all; providers and brokers see no orders (they see the shipments
/// they carry or clear through <see cref="IShipmentQueries"/>). An order the caller may not see is reported as absent.
/// </summary>
public interface IOrderQueries
{
    /// <summary>Lists the caller's orders by key.</summary>
    /// <param name="caller">Who asks.</param>
    /// <param name="offset">Orders to skip, ≥ 0.</param>
    /// <param name="limit">Page size, 1–500.</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="offset"/> or <paramref name="limit"/> is out of range.</exception>
    Task<Page<OrderView>> ListAsync(KuajingCaller caller, int offset, int limit, CancellationToken ct);

    /// <summary>One order by key.</summary>
    /// <param name="caller">Who asks.</param>
    /// <param name="orderKey">The order key (<c>source|orderId</c>).</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>The order, or <see langword="null"/> when it does not exist or the caller may not see it.</returns>
    Task<OrderView?> GetAsync(KuajingCaller caller, string orderKey, CancellationToken ct);

    /// <summary>The stored plan (Pareto set) of an order.</summary>
    /// <param name="caller">Who asks.</param>
    /// <param name="orderKey">The order key.</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>The plan, or <see langword="null"/> when the order is absent, invisible to the caller, or has no shipment.</returns>
    Task<StoredPlanView?> GetPlanAsync(KuajingCaller caller, string orderKey, CancellationToken ct);
}

/// <summary>The <see cref="IOrderQueries"/> over the plan store and the web store's ownership table.</summary>
internal sealed class OrderQueries(KuajingDatabase database, AccessRules rules) : IOrderQueries
{
    public async Task<Page<OrderView>> ListAsync(KuajingCaller caller, int offset, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Paging.Check(offset, limit);
        var scope = await rules.ScopeAsync(caller, ct);
        await using var plans = database.OpenPlanStore();
        var visible = scope.Orders(plans);
        var total = await visible.CountAsync(ct);
        var rows = await visible.AsNoTracking().Include(o => o.Shipment).OrderBy(o => o.SourceKey).Skip(offset).Take(limit).ToListAsync(ct);
        return new Page<OrderView>([.. rows.Select(ToView)], offset, limit, total);
    }

    public async Task<OrderView?> GetAsync(KuajingCaller caller, string orderKey, CancellationToken ct)
    {
        var order = await FindVisibleAsync(caller, orderKey, ct);
        return order is null ? null : ToView(order);
    }

    public async Task<StoredPlanView?> GetPlanAsync(KuajingCaller caller, string orderKey, CancellationToken ct)
    {
        var order = await FindVisibleAsync(caller, orderKey, ct);
        if (order?.Shipment is not { } s)
        {
            return null;
        }

        using var set = JsonDocument.Parse(s.ParetoJson);
        return new StoredPlanView(order.SourceKey, s.TrackingNumber, s.Objective, ShipmentQueries.CostsOf(s), set.RootElement.Clone());
    }

    private async Task<OrderRecord?> FindVisibleAsync(KuajingCaller caller, string orderKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(orderKey);
        if (!await rules.SeesOrderAsync(caller, orderKey, ct))
        {
            return null;
        }

        await using var plans = database.OpenPlanStore();
        return await plans.Orders.AsNoTracking().Include(o => o.Shipment).FirstOrDefaultAsync(o => o.SourceKey == orderKey, ct);
    }

    internal static OrderView ToView(OrderRecord o) => new(
        o.SourceKey,
        o.OrderId,
        o.PlacedAt,
        o.BuyerCountry,
        o.BuyerPostcode,
        o.LineCount,
        o.GoodsValue,
        o.GoodsCurrency,
        o.WeightEstimated,
        o.Status switch { OrderStatus.Planned => "planned", OrderStatus.NoRoute => "no-route", _ => "cancelled" },
        o.Reason,
        o.Shipment?.TrackingNumber);
}

/// <summary>Paging limits shared by every list.</summary>
internal static class Paging
{
    public const int DefaultLimit = 50;

    public const int MaxLimit = 500;

    public static void Check(int offset, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
    }
}
