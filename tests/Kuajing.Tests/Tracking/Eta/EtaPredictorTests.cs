using Kuajing.Tracking.Events;
using Kuajing.Lanes;
using Kuajing.Tracking.Eta;
using static Kuajing.Tests.Tracking.Eta.EtaPlanFixture;

namespace Kuajing.Tests.Tracking.Eta;

// Hand computations use the rule documented on EtaPredictor: ETA = planned delivery + lateness + f · quantile,
// f = planned time still ahead / planned door-to-door time, quantiles of the remaining mode (longest leg ahead).
public sealed class EtaPredictorTests
{
    private readonly EtaPredictor _predictor = new(Profile, Thresholds);

    [Fact]
    public void Predict_NoEvents_AddsWholeAirDelayToPlan()
    {
        // f = 1; longest leg ahead is Air (48 h): 144 h + 1 d = 168 h, band 144 − 48 = 96 h … 144 + 96 = 240 h.
        var p = _predictor.Predict(Plan(), []);
        Assert.Equal(EtaStatus.Planned, p.Status);
        Assert.Equal((At(168), At(96), At(240)), (p.Expected, p.Early, p.Late));
        Assert.Equal(TransportMode.Air, p.RemainingMode);
    }

    [Fact]
    public void Predict_FirstLegArrivedSixHoursLate_ShiftsAndScalesRemainingAirDelay()
    {
        // Planned arrival t0+24h, observed t0+30h: L = 6 h; f = 120/144 = 5/6;
        // expected 144 + 6 + 5/6·24 = 170 h; early 150 − 5/6·48 = 110 h; late 150 + 5/6·96 = 230 h.
        var p = _predictor.Predict(Plan(), [Event(TrackingMilestone.Arrived, 30, 1, "HKG")]);
        Assert.Equal(EtaStatus.InTransit, p.Status);
        Assert.Equal(NodaTime.Duration.FromHours(6), p.ObservedLateness);
        Assert.Equal((At(170), At(110), At(230)), (p.Expected, p.Early, p.Late));
    }

    [Fact]
    public void Predict_SecondLegDepartedTwelveHoursLate_UpdatesFromLatestLeg()
    {
        // Anchor = leg 2 Departed (furthest leg): planned t0+48h, observed t0+60h: L = 12 h; f = 96/144 = 2/3;
        // expected 156 + 2/3·24 = 172 h; early 156 − 2/3·48 = 124 h; late 156 + 2/3·96 = 220 h.
        var p = _predictor.Predict(Plan(), [Event(TrackingMilestone.Departed, 60, 2, "HKG"), Event(TrackingMilestone.Arrived, 30, 1, "HKG")]);
        Assert.Equal((2, TrackingMilestone.Departed), (p.AnchorLeg, p.AnchorMilestone));
        Assert.Equal((At(172), At(124), At(220)), (p.Expected, p.Early, p.Late));
    }

    [Fact]
    public void Predict_EarlyArrival_DoesNotPullEtaForward()
    {
        // Arrived 4 h early: lateness counts as 0 (leg 2 still departs on schedule); 144 + 5/6·24 = 164 h.
        var p = _predictor.Predict(Plan(), [Event(TrackingMilestone.Arrived, 20, 1, "HKG")]);
        Assert.Equal(NodaTime.Duration.Zero, p.ObservedLateness);
        Assert.Equal(At(164), p.Expected);
    }

    [Fact]
    public void Predict_OutForDeliveryOnLastLeg_NoTravelLeftGivesPlannedDelivery()
    {
        var p = _predictor.Predict(Plan(), [Event(TrackingMilestone.OutForDelivery, 140, 3, "LHR")]);
        Assert.Equal((At(144), At(144), At(144)), (p.Expected, p.Early, p.Late));
        Assert.Null(p.RemainingMode);
    }

    [Fact]
    public void Predict_DeliveryFailed_ExpectsRedeliveryAfterThreshold()
    {
        // data/eta/exception-thresholds.csv redelivery = 24 h (Kuajing estimate, E): 150 + 24 = 174 h.
        var p = _predictor.Predict(Plan(), [Event(TrackingMilestone.DeliveryFailed, 150, 3, "DOOR-GB")]);
        Assert.Equal((At(174), At(174), At(174)), (p.Expected, p.Early, p.Late));
    }

    [Fact]
    public void Predict_Delivered_ReturnsDeliveryInstant()
    {
        var p = _predictor.Predict(Plan(), [Event(TrackingMilestone.Arrived, 30, 1), Event(TrackingMilestone.Delivered, 150, 3)]);
        Assert.Equal(EtaStatus.Delivered, p.Status);
        Assert.Equal((At(150), At(150), At(150)), (p.Expected, p.Early, p.Late));
    }

    [Fact]
    public void Predict_EventOnUnknownLeg_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => _predictor.Predict(Plan(), [Event(TrackingMilestone.Arrived, 30, 4)]));
        Assert.Contains("leg 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_ModeWithoutCalibration_ThrowsRatherThanAssumingZero()
    {
        var profile = new DelayProfile(new Dictionary<TransportMode, DelayDistribution>(), Profile.Source);
        Assert.Throws<KeyNotFoundException>(() => new EtaPredictor(profile, Thresholds).Predict(Plan(), []));
    }

    [Fact]
    public void LoadBundled_MapsKuajingModesToScmsDistributions()
    {
        // Nearest-rank quantiles of actual − scheduled days over all 7,894 moded SCMS lines, computed independently
        // (Python over the same CSV): Air −17/0/0, Truck −41/0/8, Ocean 0/0/32.
        // data/eta/mode-delay-mapping.csv (Kuajing analogy, E): Express→Air, Rail→Truck, Sea→Ocean.
        var profile = DelayProfile.LoadBundled();
        Assert.Equal((-17.0, 0.0, 0.0), (profile.For(TransportMode.Express).P10Days, profile.For(TransportMode.Express).P50Days, profile.For(TransportMode.Express).P90Days));
        Assert.Equal((-41.0, 0.0, 8.0), (profile.For(TransportMode.Rail).P10Days, profile.For(TransportMode.Rail).P50Days, profile.For(TransportMode.Rail).P90Days));
        Assert.Equal((0.0, 0.0, 32.0), (profile.For(TransportMode.Sea).P10Days, profile.For(TransportMode.Sea).P50Days, profile.For(TransportMode.Sea).P90Days));
    }
}
