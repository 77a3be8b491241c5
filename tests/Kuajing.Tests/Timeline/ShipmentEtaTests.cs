using Kuajing.Storage;
using Kuajing.Timeline;
using Kuajing.Tracking.Eta;
using NodaTime;

namespace Kuajing.Tests.Timeline;

public sealed class ShipmentEtaTests
{
    private static readonly DateTime T0 = new(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);

    private static ShipmentRecord Shipment()
    {
        var s = new ShipmentRecord
        {
            TrackingNumber = "HJ327253899CN", OriginNode = "CNCGO", Objective = "balanced", Incoterm = "DAP", QuoteCurrency = "CNY",
            Flags = "", ParetoJson = "[]", ReadyAtUtc = T0.AddHours(-12), DeliveredAtUtc = T0.AddDays(20),
        };
        (string From, string To, string Mode, int StartDay, int EndDay)[] legs =
        [("CNCGO", "CNZGZ", "Road", 0, 1), ("CNZGZ", "DEHAM", "Rail", 4, 17), ("DEHAM", "DOOR-DE", "LastMile", 18, 20)];
        var seq = 0;
        foreach (var (from, to, mode, start, end) in legs)
        {
            s.Legs.Add(new LegRecord
            {
                Sequence = ++seq, LaneId = "l" + seq, Mode = mode, Service = "s", Carrier = "c", FromNode = from, ToNode = to,
                FreightCurrency = "CNY", DepartureUtc = T0.AddDays(start), ArrivalUtc = T0.AddDays(end),
            });
        }

        return s;
    }

    private static TimelineEventRecord Event(string milestone, DateTime at, string location) => new()
    {
        EventKey = "id:" + milestone + at.Ticks, ShipmentNumber = "HJ327253899CN", EventTimeUtc = at, Milestone = milestone,
        Location = location, SourceFormat = "test", SourceRef = "t", Payload = "{}", CanonicalHash = new byte[32],
    };

    [Fact]
    public void Estimate_RailDepartureTwoDaysLate_ShiftsEtaAndMapsEventToTheRailLeg()
    {
        var eta = new ShipmentEta(DelayProfile.LoadBundled(), EtaThresholds.LoadBundled());
        var now = Instant.FromDateTimeUtc(T0.AddDays(7));
        var onPlan = eta.Estimate(Shipment(), [], now);

        // Departed from CNZGZ (leg 2's departure node) 48 h after its planned departure.
        var late = eta.Estimate(Shipment(), [Event("Departed", T0.AddDays(6), "CNZGZ")], now);

        var observation = Assert.Single(late.Observations);
        Assert.Equal(2, observation.LegSequence);
        Assert.Equal(EtaStatus.InTransit, late.Prediction.Status);
        Assert.Equal(Duration.FromHours(48), late.Prediction.ObservedLateness);
        Assert.True(late.Prediction.Expected > onPlan.Prediction.Expected, "a late departure must move the ETA later");
    }

    [Fact]
    public void Estimate_InfoEventsOnly_DoNotMoveTheEta()
    {
        var eta = new ShipmentEta(DelayProfile.LoadBundled(), EtaThresholds.LoadBundled());
        var now = Instant.FromDateTimeUtc(T0.AddDays(1));
        var report = eta.Estimate(Shipment(), [Event("Info", T0.AddDays(1), "CNZGZ")], now);
        Assert.Empty(report.Observations);
        Assert.Equal(EtaStatus.Planned, report.Prediction.Status);
    }
}
