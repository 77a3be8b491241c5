using Kuajing.Orders;
using Kuajing.Planning;
using Kuajing.Storage;
using Kuajing.Tracking;
using Kuajing.Web.Accounts;
using Kuajing.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Kuajing.Web.Api;

/// <summary>
/// Creates a seller's orders (the API and the web UI's upload page both write through this): reads them in the
/// generic CSV or JSON format (docs/order-format.md), refuses order ids the seller already has, plans each accepted
/// order exactly as <c>kuajing plan</c> does, stores it with its shipment and UPU S10 tracking number in the plan
/// store (source <c>api-{organisation id}</c>), and records the seller as its owner. Good orders are stored even
/// when other rows are bad; every bad row is reported with line, field and what was expected.
/// </summary>
public interface IOrderIntake
{
    /// <summary>Creates orders from generic CSV (one row per order line).</summary>
    /// <param name="caller">A seller.</param>
    /// <param name="csv">The CSV file's bytes (UTF-8, header required).</param>
    /// <param name="options">Planning options.</param>
    /// <param name="ct">Cancels the upload (nothing is stored unless the whole batch is).</param>
    /// <returns>Orders stored and rows rejected.</returns>
    /// <exception cref="AccountException">When the caller is not a seller.</exception>
    Task<IntakeReport> UploadCsvAsync(KuajingCaller caller, ReadOnlyMemory<byte> csv, OrderPlanOptions options, CancellationToken ct);

    /// <summary>Creates orders from the generic JSON file format (<c>{"orders":[…]}</c>).</summary>
    /// <param name="caller">A seller.</param>
    /// <param name="json">The file's bytes (UTF-8).</param>
    /// <param name="options">Planning options.</param>
    /// <param name="ct">Cancels the upload.</param>
    /// <returns>Orders stored and rows rejected (line and JSON path).</returns>
    /// <exception cref="AccountException">When the caller is not a seller.</exception>
    Task<IntakeReport> UploadJsonAsync(KuajingCaller caller, ReadOnlyMemory<byte> json, OrderPlanOptions options, CancellationToken ct);
}

/// <summary>The <see cref="IOrderIntake"/> over the plan store and the web store.</summary>
internal sealed class OrderIntake(KuajingDatabase database, AccountService accounts, PlanningEngine engine) : IOrderIntake
{
    private static readonly TrackingNumberAllocator Allocator = new();

    /// <summary>The plan-store source name of a seller's API orders.</summary>
    public static string SourceOf(string organisationId) => "api-" + organisationId;

    public Task<IntakeReport> UploadCsvAsync(KuajingCaller caller, ReadOnlyMemory<byte> csv, OrderPlanOptions options, CancellationToken ct) =>
        IntakeAsync(caller, csv, json: false, options, ct);

    public Task<IntakeReport> UploadJsonAsync(KuajingCaller caller, ReadOnlyMemory<byte> json, OrderPlanOptions options, CancellationToken ct) =>
        IntakeAsync(caller, json, json: true, options, ct);

    private async Task<IntakeReport> IntakeAsync(KuajingCaller caller, ReadOnlyMemory<byte> content, bool json, OrderPlanOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(options);
        if (caller.Role != AccountRole.Seller)
        {
            throw new AccountException("only a seller organisation creates orders");
        }

        var read = engine.ReadGeneric(content, json);
        var problems = read.Rejections.Select(r => new RowProblem(r.Location.Line, r.Field, r.OrderId, r.Reason)).ToList();
        var rejectedOrders = read.RejectedOrders;
        var source = SourceOf(caller.OrganisationId);
        await using var plans = database.OpenPlanStore();

        var candidates = read.Orders.Select(o => (Order: o, Key: PlanRecordMapping.SourceKey(source, o.OrderId))).ToArray();
        var keys = candidates.Select(c => c.Key).ToArray();
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(500))
        {
            existing.UnionWith(await plans.Orders.AsNoTracking().Where(o => chunk.Contains(o.SourceKey)).Select(o => o.SourceKey).ToListAsync(ct));
        }

        var accepted = new List<(Order Order, string Key)>();
        foreach (var c in candidates)
        {
            if (existing.Contains(c.Key))
            {
                problems.Add(new RowProblem(c.Order.Location.Line, json ? "orderId" : "order_id", c.Order.OrderId, $"order id '{c.Order.OrderId}' already exists; expected a new order id (GET /api/orders to list yours)", RowProblem.Duplicate));
                rejectedOrders++;
            }
            else
            {
                accepted.Add(c);
            }
        }

        var planned = new OrderPlan[accepted.Count];
        Parallel.For(0, accepted.Count, new ParallelOptions { CancellationToken = ct }, i => planned[i] = engine.Plan(accepted[i].Order, options));

        var records = new List<OrderRecord>(accepted.Count);
        if (accepted.Count > 0)
        {
            var taken = new HashSet<string>(await plans.Shipments.AsNoTracking().Select(s => s.TrackingNumber).ToListAsync(ct), StringComparer.Ordinal);
            var originCountry = engine.Catalogue.Nodes[options.OriginNode].Country;
            for (var i = 0; i < accepted.Count; i++)
            {
                var number = "";
                if (planned[i].Chosen is not null)
                {
                    number = Allocator.FromStableKey(accepted[i].Key, originCountry, n => taken.Contains(n.ToString())).ToString();
                    taken.Add(number);
                }

                records.Add(PlanRecordMapping.ToRecord(accepted[i].Key, planned[i], number, options, engine.Catalogue.IsPriceKnown));
            }

            // Owner first: if the plan-store write then fails, an owner row pointing at nothing is harmless, whereas an
            // order without an owner would be visible to admins only.
            await accounts.AssignOrdersAsync(keys.Where(k => !existing.Contains(k)).ToArray(), caller.OrganisationId, ct);
            await plans.ReplaceOrdersAsync(records, [], ct);
        }

        problems.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : string.CompareOrdinal(a.Field, b.Field));
        return new IntakeReport([.. records.Select(OrderQueries.ToView)], problems, rejectedOrders);
    }
}
