namespace Kuajing.Webhooks;

/// <summary>Whether a subscription follows one shipment or every shipment of an account.</summary>
public enum WebhookScopeKind
{
    /// <summary>One shipment, identified by its Kuajing tracking number.</summary>
    Shipment = 1,

    /// <summary>Every shipment owned by one account.</summary>
    Account = 2,
}

/// <summary>What a <see cref="WebhookSubscription"/> follows: one shipment or one account.</summary>
/// <remarks>Immutable. Matching is ordinal (case-sensitive) on the tracking number or account id.</remarks>
public sealed record WebhookScope
{
    private WebhookScope(WebhookScopeKind kind, string value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>Shipment or account.</summary>
    public WebhookScopeKind Kind { get; }

    /// <summary>The tracking number (for <see cref="WebhookScopeKind.Shipment"/>) or account id (for <see cref="WebhookScopeKind.Account"/>).</summary>
    public string Value { get; }

    /// <summary>A scope following one shipment.</summary>
    /// <param name="trackingNumber">The shipment's Kuajing tracking number, 1 to 64 characters, no white space.</param>
    /// <returns>The scope.</returns>
    /// <exception cref="ArgumentException">When <paramref name="trackingNumber"/> is null, empty, longer than 64 characters or contains white space or control characters.</exception>
    public static WebhookScope ForShipment(string trackingNumber)
    {
        RequireTrackingNumber(trackingNumber, nameof(trackingNumber));
        return new WebhookScope(WebhookScopeKind.Shipment, trackingNumber);
    }

    /// <summary>A scope following every shipment of one account.</summary>
    /// <param name="accountId">The account id, 1 to 200 characters, no control characters.</param>
    /// <returns>The scope.</returns>
    /// <exception cref="ArgumentException">When <paramref name="accountId"/> is null, empty, longer than 200 characters or contains control characters.</exception>
    public static WebhookScope ForAccount(string accountId)
    {
        RequireText(accountId, 200, nameof(accountId));
        return new WebhookScope(WebhookScopeKind.Account, accountId);
    }

    /// <summary>Whether a notification falls inside this scope.</summary>
    /// <param name="notification">The notification.</param>
    /// <returns><see langword="true"/> when its tracking number (shipment scope) or account id (account scope) equals <see cref="Value"/>.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="notification"/> is <see langword="null"/>.</exception>
    public bool Covers(WebhookNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        string key = Kind == WebhookScopeKind.Shipment ? notification.TrackingNumber : notification.AccountId;
        return string.Equals(key, Value, StringComparison.Ordinal);
    }

    internal static void RequireText(string? value, int maxLength, string field)
    {
        if (string.IsNullOrEmpty(value) || value.Length > maxLength || value.Any(char.IsControl))
        {
            throw new ArgumentException($"{field} '{value}' is not 1 to {maxLength} characters without control characters", field);
        }
    }

    internal static void RequireTrackingNumber(string? value, string field)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 64 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException($"{field} '{value}' is not 1 to 64 characters without white space", field);
        }
    }
}
