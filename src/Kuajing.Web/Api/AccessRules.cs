using Kuajing.Storage;
using Kuajing.Web.Accounts;
using Kuajing.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace Kuajing.Web.Api;

/// <summary>
/// The access rules of issue #4 point 3, in one place for the API and the web UI: a seller sees the orders it owns
/// (<see cref="OrderOwnerRecord"/>) and their shipments, a provider the shipments it carries (whole or one leg), a
/// broker those it is appointed to (<see cref="ShipmentAssignmentRecord"/>), an admin everything. Money is shown only
/// to the owning seller and admins. <see cref="OrderQueries"/>, <see cref="ShipmentQueries"/> and the UI's dashboard
/// all ask this class; nothing else decides who sees what.
/// </summary>
internal sealed class AccessRules(AccountService accounts)
{
    /// <summary>True when <paramref name="caller"/> may see the order <paramref name="orderKey"/> (admin, or the seller owning it).</summary>
    public async Task<bool> SeesOrderAsync(KuajingCaller caller, string orderKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.IsAdmin)
        {
            return true;
        }

        if (caller.Role != AccountRole.Seller)
        {
            return false;
        }

        await using var web = accounts.OpenStore();
        return await web.OrderOwners.AnyAsync(o => o.SourceKey == orderKey && o.OrganisationId == caller.OrganisationId, ct);
    }

    /// <summary>What <paramref name="caller"/> is to one shipment, or null when it may not see it.</summary>
    /// <param name="caller">Who asks.</param>
    /// <param name="trackingNumber">The shipment's Kuajing number.</param>
    /// <param name="orderKey">The key of the order the shipment was planned for.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<ShipmentAccess?> ShipmentAsync(KuajingCaller caller, string trackingNumber, string orderKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.IsAdmin)
        {
            return ShipmentAccess.Admin;
        }

        if (caller.Role == AccountRole.Seller)
        {
            return await SeesOrderAsync(caller, orderKey, ct) ? ShipmentAccess.Owner : null;
        }

        var kind = KindOf(caller.Role);
        await using var web = accounts.OpenStore();
        var legs = await web.ShipmentAssignments.AsNoTracking()
            .Where(a => a.TrackingNumber == trackingNumber && a.OrganisationId == caller.OrganisationId && a.Kind == kind)
            .Select(a => a.LegSequence).ToListAsync(ct);
        return legs.Count == 0 ? null : new ShipmentAccess(kind!, false, kind == AssignmentKinds.Carrier ? [.. legs] : null);
    }

    /// <summary>
    /// The shipments among <paramref name="trackingNumbers"/> that <paramref name="caller"/> may post tracking events for:
    /// all for an admin, those a provider carries (whole or one leg), none for sellers and brokers (issue #3 point 2 /
    /// docs/api.md: events come from the parties that move the goods).
    /// </summary>
    public async Task<HashSet<string>> CarriedAsync(KuajingCaller caller, IReadOnlyCollection<string> trackingNumbers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(trackingNumbers);
        if (caller.IsAdmin)
        {
            return new HashSet<string>(trackingNumbers, StringComparer.Ordinal);
        }

        if (caller.Role != AccountRole.Provider || trackingNumbers.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        var numbers = trackingNumbers.Distinct(StringComparer.Ordinal).ToList();
        await using var web = accounts.OpenStore();
        var carried = await web.ShipmentAssignments.AsNoTracking()
            .Where(a => a.OrganisationId == caller.OrganisationId && a.Kind == AssignmentKinds.Carrier && EF.Parameter(numbers).Contains(a.TrackingNumber))
            .Select(a => a.TrackingNumber).Distinct().ToListAsync(ct);
        return new HashSet<string>(carried, StringComparer.Ordinal);
    }

    /// <summary>
    /// What <paramref name="caller"/> is to a shipment for its customs side (declarations, low-value data sets, invoice and
    /// packing list): the owning seller, the broker appointed to it, or an admin; null for everyone else, providers included.
    /// </summary>
    public async Task<ShipmentAccess?> CustomsAsync(KuajingCaller caller, string trackingNumber, string orderKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Role == AccountRole.Provider ? null : await ShipmentAsync(caller, trackingNumber, orderKey, ct);
    }

    /// <summary>
    /// Everything <paramref name="caller"/> may see, as filters over the plan store (for lists and the dashboard). A
    /// seller's owned order keys or a provider's or broker's assigned numbers are read once from the web store.
    /// </summary>
    public async Task<AccessScope> ScopeAsync(KuajingCaller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.IsAdmin)
        {
            return new AccessScope(ShipmentAccess.Admin, null, null);
        }

        await using var web = accounts.OpenStore();
        if (caller.Role == AccountRole.Seller)
        {
            var keys = await web.OrderOwners.AsNoTracking().Where(o => o.OrganisationId == caller.OrganisationId).Select(o => o.SourceKey).ToListAsync(ct);
            return new AccessScope(ShipmentAccess.Owner, keys, null);
        }

        var kind = KindOf(caller.Role);
        var numbers = kind is null
            ? []
            : await web.ShipmentAssignments.AsNoTracking().Where(a => a.OrganisationId == caller.OrganisationId && a.Kind == kind)
                .Select(a => a.TrackingNumber).Distinct().ToListAsync(ct);
        return new AccessScope(new ShipmentAccess(kind ?? "none", false, null), null, numbers);
    }

    private static string? KindOf(AccountRole role) => role switch
    {
        AccountRole.Provider => AssignmentKinds.Carrier,
        AccountRole.Broker => AssignmentKinds.Broker,
        _ => null,
    };
}

/// <summary>What a caller is to a shipment.</summary>
/// <param name="Relation"><c>owner</c>, <c>carrier</c>, <c>broker</c> or <c>admin</c>.</param>
/// <param name="Money">True when the caller sees landed cost, duty and freight (owner and admin only).</param>
/// <param name="Legs">For a carrier, the legs it carries (0 = the whole shipment); else null.</param>
internal sealed record ShipmentAccess(string Relation, bool Money, HashSet<int>? Legs)
{
    public static readonly ShipmentAccess Admin = new("admin", true, null);

    public static readonly ShipmentAccess Owner = new("owner", true, null);
}

/// <summary>
/// The orders and shipments one caller may see, as composable queries on a plan store. The key and number lists are
/// sent as one array parameter (<see cref="EF.Parameter{T}"/>: JSON on SQLite, an array on PostgreSQL), so a seller
/// with many thousands of orders stays within the databases' parameter limits.
/// </summary>
internal sealed class AccessScope
{
    private readonly List<string>? _orderKeys;
    private readonly List<string>? _shipmentNumbers;

    public AccessScope(ShipmentAccess access, List<string>? orderKeys, List<string>? shipmentNumbers)
    {
        Access = access;
        _orderKeys = orderKeys;
        _shipmentNumbers = shipmentNumbers;
    }

    /// <summary>The caller's relation to every shipment of the scope and whether it sees money.</summary>
    public ShipmentAccess Access { get; }

    /// <summary>True for admins: no filter.</summary>
    public bool SeesEverything => _orderKeys is null && _shipmentNumbers is null;

    /// <summary>True when the caller sees orders at all (sellers and admins; providers and brokers see shipments only).</summary>
    public bool SeesOrders => _shipmentNumbers is null;

    /// <summary>The visible orders.</summary>
    public IQueryable<OrderRecord> Orders(PlanStore plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        if (_shipmentNumbers is not null)
        {
            return plans.Orders.Where(o => false);
        }

        var keys = _orderKeys;
        return keys is null ? plans.Orders : plans.Orders.Where(o => EF.Parameter(keys).Contains(o.SourceKey));
    }

    /// <summary>The visible shipments.</summary>
    public IQueryable<ShipmentRecord> Shipments(PlanStore plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var keys = _orderKeys;
        var numbers = _shipmentNumbers;
        return keys is not null ? plans.Shipments.Where(s => EF.Parameter(keys).Contains(s.Order!.SourceKey))
            : numbers is not null ? plans.Shipments.Where(s => EF.Parameter(numbers).Contains(s.TrackingNumber))
            : plans.Shipments;
    }
}
