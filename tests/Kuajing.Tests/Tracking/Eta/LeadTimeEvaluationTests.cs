using Kuajing.Tracking.Eta;
using NodaTime;
using Xunit.Abstractions;

namespace Kuajing.Tests.Tracking.Eta;

public sealed class LeadTimeEvaluationTests(ITestOutputHelper output)
{
    [Fact]
    public void Evaluate_BundledScms_ReportsModelAndScheduleMaeOnHeldOutRows()
    {
        var report = LeadTimeEvaluation.Evaluate(EtaTestData.Scms);
        output.WriteLine(report.ToMarkdown());

        Assert.True(report.Overall.Rows > 0);
        Assert.True(double.IsFinite(report.Overall.ModelMaeDays) && report.Overall.ModelMaeDays >= 0);
        Assert.True(double.IsFinite(report.Overall.ScheduleMaeDays) && report.Overall.ScheduleMaeDays >= 0);
        Assert.Equal(report.Overall.Rows, report.ByMode.Sum(m => m.Rows));
        Assert.Equal(report.Split.Test.Count, report.Overall.Rows);

        // The baseline is the schedule itself: its MAE is mean |delivered − scheduled| over the held-out lines, computed here independently.
        var expectedScheduleMae = report.Split.Test.Average(l => Math.Abs(Period.Between(l.Scheduled, l.Delivered, PeriodUnits.Days).Days));
        Assert.Equal(expectedScheduleMae, report.Overall.ScheduleMaeDays, 9);
        Assert.Contains("schedule MAE", report.ToMarkdown(), StringComparison.Ordinal);
    }
}
