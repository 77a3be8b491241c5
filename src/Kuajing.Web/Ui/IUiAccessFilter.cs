using System.Security.Claims;
using Kuajing.Storage;

namespace Kuajing.Web.Ui;

/// <summary>
/// OWNERSHIP SEAM of the web UI: which orders (and so which shipments) a signed-in principal may see on the private
/// pages (dashboard, plan comparison, shipment page). The accounts capability replaces the default
/// <see cref="UnrestrictedUiAccessFilter"/> by registering its own implementation (any registration of this interface
/// wins over the UI's <c>TryAdd</c> default) once orders carry an owning organisation
/// (<see cref="Accounts.KuajingClaims.Organisation"/>): a seller its own orders, a provider the shipments it carries.
/// </summary>
public interface IUiAccessFilter
{
    /// <summary>True when <paramref name="user"/> sees every order (no filter needed; lets pages skip passing number lists to the timeline store).</summary>
    /// <param name="user">The signed-in principal.</param>
    /// <returns>Whether nothing is hidden from the user.</returns>
    bool SeesEverything(ClaimsPrincipal user);

    /// <summary>The orders <paramref name="user"/> may see, as a query on <paramref name="store"/> (composable, not yet executed).</summary>
    /// <param name="store">An open plan store.</param>
    /// <param name="user">The signed-in principal.</param>
    /// <returns>The visible orders.</returns>
    IQueryable<OrderRecord> Orders(PlanStore store, ClaimsPrincipal user);
}

/// <summary>
/// The default until ownership data exists (issue #4 round 1): every authenticated principal sees every order. The
/// plan store's tables (<c>orders</c>, <c>shipments</c>, <c>legs</c>) carry no organisation yet, so there is nothing to
/// filter on; the accounts capability must register a real <see cref="IUiAccessFilter"/>.
/// </summary>
internal sealed class UnrestrictedUiAccessFilter : IUiAccessFilter
{
    /// <inheritdoc/>
    public bool SeesEverything(ClaimsPrincipal user) => true;

    /// <inheritdoc/>
    public IQueryable<OrderRecord> Orders(PlanStore store, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Orders;
    }
}
