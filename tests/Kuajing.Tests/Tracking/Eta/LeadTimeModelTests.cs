using Kuajing.Tracking.Eta;
using NodaTime;

namespace Kuajing.Tests.Tracking.Eta;

public sealed class LeadTimeModelTests
{
    private static ScmsDeliveryLine Line(int id, string asn, string country, ScmsShipmentMode mode, LocalDate scheduled, int delay) =>
        new(id + 1, id, asn, "SCMS-" + id, country, "Direct Drop", "EXW", mode, null, null, scheduled, scheduled.PlusDays(delay), null, null, null, null);

    [Fact]
    public void Fit_SmallSample_ShrinksGroupMediansTowardParents()
    {
        var d = new LocalDate(2010, 1, 1);
        ScmsDeliveryLine[] training =
        [
            Line(1, "A1", "A", ScmsShipmentMode.Air, d, 0),
            Line(2, "A2", "A", ScmsShipmentMode.Air, d, 10),
            Line(3, "A3", "A", ScmsShipmentMode.Air, d, 20),
            Line(4, "B1", "B", ScmsShipmentMode.Air, d, 4),
        ];
        var model = LeadTimeModel.Fit(training, shrinkageRows: 1);

        // By hand: global median of {0,4,10,20} = 7; mode Air = (4·7 + 1·7)/5 = 7; (Air, Direct Drop) = 7;
        // country A = (3·10 + 1·7)/4 = 9.25; country B = (1·4 + 1·7)/2 = 5.5; unseen keys fall back to 7.
        Assert.Equal(9.25, model.PredictDelayDays(training[0]), 9);
        Assert.Equal(5.5, model.PredictDelayDays(training[3]), 9);
        Assert.Equal(7, model.PredictDelayDays(Line(5, "C1", "C", ScmsShipmentMode.Air, d, 0)), 9);
        Assert.Equal(7, model.PredictDelayDays(Line(6, "T1", "A", ScmsShipmentMode.Truck, d, 0)), 9);
        Assert.Equal(d.PlusDays(9), model.PredictDelivery(training[0])); // 9.25 rounds to 9
        Assert.Null(model.Residuals(ScmsShipmentMode.Truck));
    }

    [Fact]
    public void Of_TenValues_GivesNearestRankQuantiles()
    {
        // Nearest rank: P10 = 1st of 10 sorted values, P90 = 9th; median = mean of 5th and 6th.
        var d = DelayDistribution.Of([9, 1, 8, 2, 7, 3, 6, 4, 5, 10]);
        Assert.Equal((10, 1.0, 5.5, 9.0), (d.Count, d.P10Days, d.P50Days, d.P90Days));
    }

    [Fact]
    public void SplitByTime_TenLines_HoldsOutNewestAndDropsSharedShipments()
    {
        var d = new LocalDate(2012, 1, 1);
        var lines = Enumerable.Range(1, 10).Select(i => Line(i, "ASN-" + i, "A", ScmsShipmentMode.Air, d.PlusDays(i), 0)).ToList();
        lines[2] = lines[2] with { AsnDn = "ASN-10" }; // day 3 belongs to the same shipment as day 10

        var split = LeadTimeEvaluation.SplitByTime(lines, 0.2);

        // Cut-off = date of the line at rank ⌊10·0.8⌋ = 8 (0-based) = day 9.
        Assert.Equal(d.PlusDays(9), split.Cutoff);
        Assert.Equal([9, 10], split.Test.Select(l => l.Id).Order());
        Assert.Equal([1, 2, 4, 5, 6, 7, 8], split.Training.Select(l => l.Id).Order());
        Assert.Equal(1, split.DroppedForGroupOverlap);
    }

    [Fact]
    public void SplitByTime_BundledScms_TrainsOnlyOnOlderDatesAndNoSharedShipment()
    {
        var split = LeadTimeEvaluation.SplitByTime(EtaTestData.Scms.Lines.ToArray());
        Assert.All(split.Training, l => Assert.True(l.Scheduled < split.Cutoff));
        Assert.All(split.Test, l => Assert.True(l.Scheduled >= split.Cutoff));
        Assert.Empty(split.Training.Select(l => l.AsnDn).Intersect(split.Test.Select(l => l.AsnDn)));
        var share = split.Test.Count / (double)EtaTestData.Scms.Lines.Count;
        Assert.InRange(share, 0.2, 0.25);
    }

    [Fact]
    public void SplitByTime_ShareOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LeadTimeEvaluation.SplitByTime(EtaTestData.Scms.Lines.ToArray(), 1.0));
    }
}
