using Kuajing.Webhooks;
using NodaTime;

namespace Kuajing.Tests.Webhooks;

public sealed class WebhookSubscriptionTests
{
    private static readonly Instant At = Instant.FromUtc(2025, 3, 1, 8, 30);

    [Fact]
    public void Generate_Twice_ThirtyTwoRandomBytesEachAndDifferent()
    {
        var a = WebhookSecret.Generate();
        var b = WebhookSecret.Generate();

        Assert.Equal(32, a.Length);
        Assert.NotEqual(a, b); // 2^-256 chance of a false failure
        Assert.Equal(6 + 64, a.Reveal().Length); // "whsec_" + 32 bytes as hex
    }

    [Fact]
    public void Parse_RevealedText_SameSecret()
    {
        var secret = WebhookSecret.Generate();

        Assert.Equal(secret, WebhookSecret.Parse(secret.Reveal()));
    }

    [Theory]
    [InlineData("whsec_00")] // 1 byte: shorter than 32
    [InlineData("abc_0000000000000000000000000000000000000000000000000000000000000000")] // wrong prefix
    [InlineData("whsec_xx00000000000000000000000000000000000000000000000000000000000000")] // not hex
    public void Parse_BadText_Throws(string text)
    {
        Assert.Throws<FormatException>(() => WebhookSecret.Parse(text));
    }

    [Fact]
    public void ToString_Secret_DoesNotRevealKey()
    {
        var secret = WebhookSecret.Generate();

        Assert.DoesNotContain(secret.Reveal()[6..], secret.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://hooks.example.com/kuajing")] // https anywhere
    [InlineData("http://127.0.0.1:5000/hook")] // http on IPv4 loopback (tests)
    [InlineData("http://localhost/hook")] // http on localhost
    [InlineData("http://[::1]:8080/hook")] // http on IPv6 loopback
    public void Create_AllowedTargetUrl_Accepted(string url)
    {
        var subscription = WebhookSubscription.Create(WebhookScope.ForAccount("acct-1"), WebhookNotificationKinds.All, new Uri(url));

        Assert.Equal(new Uri(url), subscription.TargetUrl);
        Assert.Equal(32, subscription.Secret.Length);
    }

    [Theory]
    [InlineData("http://hooks.example.com/kuajing")] // plain http off loopback
    [InlineData("http://10.0.0.5/hook")] // plain http to a private address is still not loopback
    [InlineData("ftp://127.0.0.1/hook")] // not http(s)
    [InlineData("https://user:pw@hooks.example.com/")] // credentials in URL
    public void Create_RefusedTargetUrl_Throws(string url)
    {
        var ex = Assert.Throws<ArgumentException>(() => WebhookSubscription.Create(WebhookScope.ForAccount("acct-1"), WebhookNotificationKinds.All, new Uri(url)));
        Assert.Contains("target URL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NoKinds_Throws()
    {
        Assert.Throws<ArgumentException>(() => WebhookSubscription.Create(WebhookScope.ForAccount("a"), WebhookNotificationKinds.None, new Uri("https://x.example/")));
    }

    [Theory]
    [InlineData("shipment", WebhookNotificationKinds.Milestone, "", "KJ000000001CN", "acct-1", WebhookNotificationKinds.Milestone, "delivered", true)] // same shipment, milestone wanted
    [InlineData("shipment", WebhookNotificationKinds.Milestone, "", "KJ000000002CN", "acct-1", WebhookNotificationKinds.Milestone, "delivered", false)] // other shipment
    [InlineData("shipment", WebhookNotificationKinds.Milestone, "", "KJ000000001CN", "acct-1", WebhookNotificationKinds.Exception, "customs_hold", false)] // exceptions not chosen
    [InlineData("account", WebhookNotificationKinds.All, "", "KJ000000009CN", "acct-1", WebhookNotificationKinds.Exception, "customs_hold", true)] // any shipment of the account
    [InlineData("account", WebhookNotificationKinds.All, "", "KJ000000009CN", "acct-2", WebhookNotificationKinds.Milestone, "delivered", false)] // other account
    [InlineData("account", WebhookNotificationKinds.Milestone, "delivered", "KJ000000009CN", "acct-1", WebhookNotificationKinds.Milestone, "departed", false)] // code filter excludes departed
    [InlineData("account", WebhookNotificationKinds.Milestone, "delivered", "KJ000000009CN", "acct-1", WebhookNotificationKinds.Milestone, "delivered", true)] // code filter includes delivered
    public void Wants_ScopeKindAndCode_Filtered(string scope, WebhookNotificationKinds kinds, string code, string trackingNumber, string accountId, WebhookNotificationKinds kind, string eventCode, bool expected)
    {
        WebhookScope s = scope == "shipment" ? WebhookScope.ForShipment("KJ000000001CN") : WebhookScope.ForAccount("acct-1");
        var subscription = WebhookSubscription.Create(s, kinds, new Uri("https://x.example/"), code.Length == 0 ? null : [code]);
        var notification = WebhookNotification.Create("evt-1", kind, eventCode, trackingNumber, accountId, At);

        Assert.Equal(expected, subscription.Wants(notification));
    }

    [Fact]
    public async Task PublishAsync_MatchingSubscriptions_OneDeliveryEachAndIdempotent()
    {
        var outbox = new InMemoryWebhookOutbox();
        var publisher = new WebhookPublisher(outbox, new NodaTime.Testing.FakeClock(At));
        WebhookSubscription[] subscriptions =
        [
            WebhookSubscription.Create(WebhookScope.ForShipment("KJ000000001CN"), WebhookNotificationKinds.Milestone, new Uri("https://a.example/")),
            WebhookSubscription.Create(WebhookScope.ForAccount("acct-1"), WebhookNotificationKinds.All, new Uri("https://b.example/")),
            WebhookSubscription.Create(WebhookScope.ForAccount("acct-1"), WebhookNotificationKinds.Exception, new Uri("https://c.example/")),
        ];
        var notification = WebhookNotification.Create("evt-7", WebhookNotificationKinds.Milestone, "out_for_delivery", "KJ000000001CN", "acct-1", At);

        IReadOnlyList<WebhookDelivery> first = await publisher.PublishAsync(notification, subscriptions, CancellationToken.None);
        IReadOnlyList<WebhookDelivery> again = await publisher.PublishAsync(notification, subscriptions, CancellationToken.None);

        Assert.Equal([subscriptions[0].Id, subscriptions[1].Id], first.Select(d => d.SubscriptionId));
        Assert.Empty(again);
        Assert.NotEqual(first[0].Id, first[1].Id);
    }
}
