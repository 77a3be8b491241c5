using Kuajing.Webhooks;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Kuajing.Timeline;

/// <summary>
/// Webhook subscriptions and shipment owners kept in the <see cref="TimelineStore"/> (tables
/// <c>webhook_subscriptions</c> and <c>shipment_accounts</c>). One instance per store; not thread-safe.
/// </summary>
/// <remarks>Secrets are stored as given (<c>whsec_</c> + hex), not encrypted at rest: that is future work (docs/webhooks.md).</remarks>
/// <param name="store">The timeline store.</param>
/// <param name="clock">Supplies creation times.</param>
public sealed class WebhookSubscriptionStore(TimelineStore store, IClock clock)
{
    private readonly TimelineStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly IClock _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    /// <summary>Stores a new subscription.</summary>
    /// <param name="subscription">The subscription (e.g. from <see cref="WebhookSubscription.Create"/>).</param>
    /// <param name="ct">Cancels the operation.</param>
    /// <returns>A task that completes when it is stored.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="subscription"/> is <see langword="null"/>.</exception>
    /// <exception cref="DbUpdateException">When a subscription with the same id exists.</exception>
    public async Task AddAsync(WebhookSubscription subscription, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        _store.WebhookSubscriptions.Add(new WebhookSubscriptionRecord
        {
            Id = subscription.Id,
            ScopeKind = subscription.Scope.Kind.ToString(),
            ScopeValue = subscription.Scope.Value,
            Kinds = (int)subscription.Kinds,
            Codes = string.Join(',', subscription.Codes.Order(StringComparer.Ordinal)),
            TargetUrl = subscription.TargetUrl.OriginalString,
            Secret = subscription.Secret.Reveal(),
            CreatedAtUtc = _clock.GetCurrentInstant().ToDateTimeUtc(),
        });
        await _store.SaveChangesAsync(ct);
    }

    /// <summary>Every stored subscription, oldest first.</summary>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>The subscriptions.</returns>
    /// <exception cref="InvalidOperationException">When a stored row no longer satisfies the subscription rules (names the row).</exception>
    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken ct)
    {
        var rows = await _store.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.CreatedAtUtc).ThenBy(s => s.Id).ToListAsync(ct);
        return [.. rows.Select(ToSubscription)];
    }

    /// <summary>The subscriptions that follow any of the given shipments or accounts.</summary>
    /// <param name="shipments">Tracking numbers.</param>
    /// <param name="accounts">Account ids.</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>The candidate subscriptions (the caller still checks <see cref="WebhookSubscription.Wants"/>).</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="shipments"/> or <paramref name="accounts"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">When a stored row no longer satisfies the subscription rules (names the row).</exception>
    public async Task<IReadOnlyList<WebhookSubscription>> ForAsync(IReadOnlyCollection<string> shipments, IReadOnlyCollection<string> accounts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(shipments);
        ArgumentNullException.ThrowIfNull(accounts);
        var shipment = nameof(WebhookScopeKind.Shipment);
        var account = nameof(WebhookScopeKind.Account);
        var rows = await _store.WebhookSubscriptions.AsNoTracking()
            .Where(s => (s.ScopeKind == shipment && shipments.Contains(s.ScopeValue)) || (s.ScopeKind == account && accounts.Contains(s.ScopeValue)))
            .OrderBy(s => s.CreatedAtUtc).ThenBy(s => s.Id)
            .ToListAsync(ct);
        return [.. rows.Select(ToSubscription)];
    }

    /// <summary>Records which account owns a shipment (for account-scoped subscriptions); replaces an earlier owner.</summary>
    /// <param name="shipmentNumber">The shipment's Kuajing S10 number, 13 characters.</param>
    /// <param name="accountId">The account id, 1 to 200 characters without control characters.</param>
    /// <param name="ct">Cancels the operation.</param>
    /// <returns>A task that completes when it is stored.</returns>
    /// <exception cref="ArgumentException">When <paramref name="shipmentNumber"/> is not 13 characters or <paramref name="accountId"/> breaks its rule.</exception>
    public async Task AssignAccountAsync(string shipmentNumber, string accountId, CancellationToken ct)
    {
        if (shipmentNumber is not { Length: 13 })
        {
            throw new ArgumentException($"shipment number '{shipmentNumber}' is not a 13-character Kuajing S10 number", nameof(shipmentNumber));
        }

        _ = WebhookScope.ForAccount(accountId); // validates
        var row = await _store.ShipmentAccounts.FirstOrDefaultAsync(a => a.ShipmentNumber == shipmentNumber, ct);
        if (row is null)
        {
            _store.ShipmentAccounts.Add(new WebhookShipmentAccountRecord { ShipmentNumber = shipmentNumber, AccountId = accountId });
        }
        else
        {
            row.AccountId = accountId;
        }

        await _store.SaveChangesAsync(ct);
    }

    private static WebhookSubscription ToSubscription(WebhookSubscriptionRecord r)
    {
        try
        {
            var scope = r.ScopeKind == nameof(WebhookScopeKind.Account) ? WebhookScope.ForAccount(r.ScopeValue) : WebhookScope.ForShipment(r.ScopeValue);
            var codes = r.Codes.Length == 0 ? [] : r.Codes.Split(',');
            return WebhookSubscription.Restore(r.Id, scope, (WebhookNotificationKinds)r.Kinds, new Uri(r.TargetUrl), WebhookSecret.Parse(r.Secret), codes);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or UriFormatException)
        {
            throw new InvalidOperationException($"webhook_subscriptions row {r.Id}: {ex.Message}", ex);
        }
    }
}
