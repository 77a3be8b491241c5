using System.Net;

namespace Kuajing.Webhooks;

/// <summary>
/// A receiver's standing request to be told, by HTTPS POST to <see cref="TargetUrl"/>, about milestones and/or
/// exceptions of one shipment or of every shipment of an account.
/// </summary>
/// <remarks>
/// Target URL rule: an absolute <c>https</c> URL; plain <c>http</c> is accepted only for a loopback host
/// (<c>localhost</c>, <c>127.0.0.0/8</c>, <c>[::1]</c>) so that local tests and development receivers work without
/// certificates. User information (<c>user:password@</c>) and fragments are refused: credentials must not travel
/// in URLs (RFC 9110 §4.2.4 deprecates userinfo in http(s) URIs), and a fragment is never sent.
/// Immutable and thread-safe.
/// </remarks>
public sealed record WebhookSubscription
{
    private WebhookSubscription(Guid id, WebhookScope scope, WebhookNotificationKinds kinds, IReadOnlySet<string> codes, Uri targetUrl, WebhookSecret secret)
    {
        Id = id;
        Scope = scope;
        Kinds = kinds;
        Codes = codes;
        TargetUrl = targetUrl;
        Secret = secret;
    }

    /// <summary>The subscription's id.</summary>
    public Guid Id { get; }

    /// <summary>The shipment or account followed.</summary>
    public WebhookScope Scope { get; }

    /// <summary>Kinds delivered: milestones, exceptions or both; never <see cref="WebhookNotificationKinds.None"/>.</summary>
    public WebhookNotificationKinds Kinds { get; }

    /// <summary>When not empty, only notifications whose <see cref="WebhookNotification.Code"/> is in this set are delivered; empty means every code of the chosen kinds.</summary>
    public IReadOnlySet<string> Codes { get; }

    /// <summary>Where deliveries are POSTed (see the target URL rule in the remarks).</summary>
    public Uri TargetUrl { get; }

    /// <summary>The HMAC-SHA256 key deliveries are signed with.</summary>
    public WebhookSecret Secret { get; }

    /// <summary>Creates a new subscription with a fresh id and a freshly generated 32-byte secret.</summary>
    /// <param name="scope">The shipment or account to follow.</param>
    /// <param name="kinds">Milestones, exceptions or both; not <see cref="WebhookNotificationKinds.None"/>.</param>
    /// <param name="targetUrl">The receiver's URL; see the target URL rule in the remarks.</param>
    /// <param name="codes">Optional code filter (e.g. <c>delivered</c>, <c>customs_hold</c>); <see langword="null"/> or empty for all codes.</param>
    /// <returns>The subscription; show <c>Secret.Reveal()</c> to the subscriber once.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="scope"/> or <paramref name="targetUrl"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">When <paramref name="kinds"/> is <see cref="WebhookNotificationKinds.None"/> or has unknown flags, or <paramref name="targetUrl"/> breaks the target URL rule, or a code is not 1 to 64 lower-case ASCII letters, digits or <c>_</c>.</exception>
    public static WebhookSubscription Create(WebhookScope scope, WebhookNotificationKinds kinds, Uri targetUrl, IEnumerable<string>? codes = null) =>
        Restore(Guid.NewGuid(), scope, kinds, targetUrl, WebhookSecret.Generate(), codes);

    /// <summary>Rebuilds a stored subscription with its existing id and secret.</summary>
    /// <param name="id">The stored id.</param>
    /// <param name="scope">The shipment or account followed.</param>
    /// <param name="kinds">Milestones, exceptions or both; not <see cref="WebhookNotificationKinds.None"/>.</param>
    /// <param name="targetUrl">The receiver's URL; see the target URL rule in the remarks.</param>
    /// <param name="secret">The stored secret.</param>
    /// <param name="codes">Optional code filter; <see langword="null"/> or empty for all codes.</param>
    /// <returns>The subscription.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="scope"/>, <paramref name="targetUrl"/> or <paramref name="secret"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">When <paramref name="id"/> is <see cref="Guid.Empty"/>, or as for <see cref="Create"/>.</exception>
    public static WebhookSubscription Restore(Guid id, WebhookScope scope, WebhookNotificationKinds kinds, Uri targetUrl, WebhookSecret secret, IEnumerable<string>? codes = null)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(targetUrl);
        ArgumentNullException.ThrowIfNull(secret);
        if (id == Guid.Empty)
        {
            throw new ArgumentException("subscription id is empty", nameof(id));
        }

        if (kinds == WebhookNotificationKinds.None || (kinds & ~WebhookNotificationKinds.All) != 0)
        {
            throw new ArgumentException($"kinds is {kinds}; expected Milestone, Exception or both", nameof(kinds));
        }

        RequireTargetUrl(targetUrl);
        var codeSet = new HashSet<string>(StringComparer.Ordinal);
        foreach (string code in codes ?? [])
        {
            if (string.IsNullOrEmpty(code) || code.Length > 64 || !code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                throw new ArgumentException($"code '{code}' is not 1 to 64 lower-case ASCII letters, digits or '_'", nameof(codes));
            }

            codeSet.Add(code);
        }

        return new WebhookSubscription(id, scope, kinds, codeSet, targetUrl, secret);
    }

    /// <summary>Whether this subscription wants a notification: in scope, of a chosen kind, and (when a code filter is set) of a listed code.</summary>
    /// <param name="notification">The notification.</param>
    /// <returns><see langword="true"/> when it should be delivered to this subscription.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="notification"/> is <see langword="null"/>.</exception>
    public bool Wants(WebhookNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return Scope.Covers(notification)
            && (Kinds & notification.Kind) != 0
            && (Codes.Count == 0 || Codes.Contains(notification.Code));
    }

    private static void RequireTargetUrl(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException($"target URL '{url}' is not absolute; expected https://host/path", nameof(url));
        }

        bool https = url.Scheme == Uri.UriSchemeHttps;
        bool loopbackHttp = url.Scheme == Uri.UriSchemeHttp
            && (string.Equals(url.Host, "localhost", StringComparison.OrdinalIgnoreCase)
                || (IPAddress.TryParse(url.Host, out IPAddress? ip) && IPAddress.IsLoopback(ip)));
        if (!https && !loopbackHttp)
        {
            throw new ArgumentException($"target URL '{url}' has scheme '{url.Scheme}'; expected https (http only for localhost, 127.0.0.0/8 or [::1])", nameof(url));
        }

        if (url.UserInfo.Length != 0 || url.Fragment.Length != 0)
        {
            throw new ArgumentException($"target URL '{url}' carries user information or a fragment; expected neither", nameof(url));
        }
    }
}
