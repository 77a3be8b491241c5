using NodaTime;

namespace Kuajing.Webhooks;

/// <summary>What a webhook notification reports; also the filter flags of a <see cref="WebhookSubscription"/>.</summary>
[Flags]
public enum WebhookNotificationKinds
{
    /// <summary>No kind; a subscription filter of <see cref="None"/> is refused.</summary>
    None = 0,

    /// <summary>A shipment reached a canonical milestone (picked up, export cleared, departed, arrived, import customs held/released, out for delivery, delivered, delivery failed, returned; issue #3 point 1).</summary>
    Milestone = 1,

    /// <summary>An exception was raised on a shipment (missed connection, dwell past the usual time, customs hold, late delivery; issue #3 point 6).</summary>
    Exception = 2,

    /// <summary>Both milestones and exceptions.</summary>
    All = Milestone | Exception,
}

/// <summary>Where a milestone or exception happened, as far as the source event says.</summary>
/// <param name="Name">Human-readable place name, e.g. "Liège Airport"; <see langword="null"/> when unknown.</param>
/// <param name="UnLocode">UN/LOCODE (UNECE Recommendation 16), five characters, e.g. <c>BELGG</c>; <see langword="null"/> when unknown.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country code, e.g. <c>BE</c>; <see langword="null"/> when unknown.</param>
public sealed record WebhookLocation(string? Name, string? UnLocode, string? Country);

/// <summary>
/// One thing to tell subscribers about: a milestone reached or an exception raised on one shipment. The same
/// notification fans out to every matching subscription as separate deliveries (see <see cref="WebhookDelivery"/>).
/// </summary>
/// <remarks>Immutable; construct through <see cref="Create"/>, which validates.</remarks>
public sealed record WebhookNotification
{
    private WebhookNotification(string eventId, WebhookNotificationKinds kind, string code, string trackingNumber, string accountId, Instant occurredAt, WebhookLocation? location, WebhookExceptionInfo? exception)
    {
        Exception = exception;
        EventId = eventId;
        Kind = kind;
        Code = code;
        TrackingNumber = trackingNumber;
        AccountId = accountId;
        OccurredAt = occurredAt;
        Location = location;
    }

    /// <summary>Stable id of the event this notification reports (e.g. the EPCIS <c>eventID</c> or a Kuajing exception id); the receiver's de-duplication key per event.</summary>
    public string EventId { get; }

    /// <summary>Exactly one of <see cref="WebhookNotificationKinds.Milestone"/> or <see cref="WebhookNotificationKinds.Exception"/>.</summary>
    public WebhookNotificationKinds Kind { get; }

    /// <summary>The milestone or exception code in lower snake case, e.g. <c>out_for_delivery</c>, <c>customs_hold</c>.</summary>
    public string Code { get; }

    /// <summary>
    /// The payload's <c>type</c>: <c>milestone.&lt;code&gt;</c> for a milestone; <c>exception.raised</c> or
    /// <c>exception.cleared</c> for an exception (by <see cref="Exception"/>'s transition; raised when none is given),
    /// whose kind is then in <see cref="Code"/>.
    /// </summary>
    public string Type => Kind == WebhookNotificationKinds.Milestone
        ? "milestone." + Code
        : Exception?.Transition == WebhookExceptionTransition.Cleared ? "exception.cleared" : "exception.raised";

    /// <summary>For an exception: the stored exception raised or cleared (payload field <c>exception</c>); <see langword="null"/> for a milestone.</summary>
    public WebhookExceptionInfo? Exception { get; }

    /// <summary>The shipment's Kuajing tracking number (the one number linking all its legs).</summary>
    public string TrackingNumber { get; }

    /// <summary>The account (shipper) that owns the shipment.</summary>
    public string AccountId { get; }

    /// <summary>When the milestone happened or the exception was raised (event time, not capture time).</summary>
    public Instant OccurredAt { get; }

    /// <summary>Where it happened; <see langword="null"/> when the source event carries no location.</summary>
    public WebhookLocation? Location { get; }

    /// <summary>Creates a validated notification.</summary>
    /// <param name="eventId">Stable event id, 1 to 200 characters, no control characters.</param>
    /// <param name="kind"><see cref="WebhookNotificationKinds.Milestone"/> or <see cref="WebhookNotificationKinds.Exception"/> (not a combination).</param>
    /// <param name="code">Milestone or exception code: 1 to 64 characters of lower-case ASCII letters, digits and <c>_</c>.</param>
    /// <param name="trackingNumber">The shipment's tracking number, 1 to 64 characters, no white space.</param>
    /// <param name="accountId">The owning account's id, 1 to 200 characters, no control characters.</param>
    /// <param name="occurredAt">Event time.</param>
    /// <param name="location">Where, or <see langword="null"/> when unknown.</param>
    /// <param name="exception">For an exception: what was raised or cleared; must be <see langword="null"/> for a milestone.</param>
    /// <returns>The notification.</returns>
    /// <exception cref="ArgumentException">When any argument breaks the rule stated for it (including exception details on a milestone); the message names the field and the expected form.</exception>
    public static WebhookNotification Create(string eventId, WebhookNotificationKinds kind, string code, string trackingNumber, string accountId, Instant occurredAt, WebhookLocation? location = null, WebhookExceptionInfo? exception = null)
    {
        if (exception is not null)
        {
            if (kind != WebhookNotificationKinds.Exception)
            {
                throw new ArgumentException($"exception details given for a {kind} notification; expected them only for Exception", nameof(exception));
            }

            WebhookScope.RequireText(exception.ExceptionId, 180, "exception.ExceptionId");
            if (exception.Transition is not (WebhookExceptionTransition.Raised or WebhookExceptionTransition.Cleared))
            {
                throw new ArgumentException($"exception.Transition is {exception.Transition}; expected Raised or Cleared", nameof(exception));
            }
        }

        WebhookScope.RequireText(eventId, 200, nameof(eventId));
        WebhookScope.RequireText(accountId, 200, nameof(accountId));
        WebhookScope.RequireTrackingNumber(trackingNumber, nameof(trackingNumber));
        if (kind is not (WebhookNotificationKinds.Milestone or WebhookNotificationKinds.Exception))
        {
            throw new ArgumentException($"kind is {kind}; expected exactly Milestone or Exception", nameof(kind));
        }

        if (string.IsNullOrEmpty(code) || code.Length > 64 || !code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new ArgumentException($"code '{code}' is not 1 to 64 lower-case ASCII letters, digits or '_'", nameof(code));
        }

        return new WebhookNotification(eventId, kind, code, trackingNumber, accountId, occurredAt, location, exception);
    }
}
