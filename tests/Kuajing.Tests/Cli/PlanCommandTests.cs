using Kuajing.Cli;
using Kuajing.Planning;
using Kuajing.Tests.EndToEnd;

namespace Kuajing.Tests.Cli;

/// <summary>
/// Usage errors and options of <c>kuajing plan</c>. Exit codes (Program.Main, PlanCommand.RunAsync): 0 every record
/// accepted, 1 some input rejected, 2 usage or data error.
/// </summary>
public sealed class PlanCommandTests : IDisposable
{
    private readonly PlanWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task RunAsync_UnknownOrigin_ExitTwoWithMessageNamingTheOptionAndNothingWritten()
    {
        var input = _workspace.Write("golden.csv", GoldenInvoices.Csv([GoldenInvoices.Uk536365]));
        var run = await PlanWorkspace.RunAsync(_workspace.Arguments(input, origin: "XXNOPE"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--origin", run.Text, StringComparison.Ordinal);
        Assert.Contains("XXNOPE", run.Text, StringComparison.Ordinal);
        // The message lists the valid origin hubs, among them the default Zhengzhou hub.
        Assert.Contains("CNCGO", run.Text, StringComparison.Ordinal);

        // A usage error stops before anything is stored or written.
        Assert.False(File.Exists(_workspace.Db));
        Assert.False(File.Exists(_workspace.Json));
        Assert.False(File.Exists(_workspace.Rejections));
    }

    [Theory]
    [InlineData("XTS")] // well-formed ISO 4217 code (the testing code) with no rate in data/reference/fx-rates
    [InlineData("EURO")] // not an ISO 4217 code: three letters are required
    public async Task RunAsync_UnusableCurrency_ExitTwoWithMessageNamingTheOption(string currency)
    {
        var input = _workspace.Write("golden.csv", GoldenInvoices.Csv([GoldenInvoices.Uk536365]));
        var run = await PlanWorkspace.RunAsync(_workspace.Arguments(input, currency: currency));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--currency", run.Text, StringComparison.Ordinal);
        Assert.False(File.Exists(_workspace.Db));
    }

    [Fact]
    public async Task Main_UnknownObjective_ExitTwo()
    {
        var input = _workspace.Write("golden.csv", GoldenInvoices.Csv([GoldenInvoices.Uk536365]));
        var code = await Program.Main(["plan", input, "--objective", "quickest", "--db", _workspace.Db]);

        Assert.Equal(2, code);
        Assert.False(File.Exists(_workspace.Db));
    }

    [Theory]
    [InlineData(PlanObjective.Cheapest)]
    [InlineData(PlanObjective.Fastest)]
    [InlineData(PlanObjective.Greenest)]
    public async Task RunAsync_Objective_ChosenPlanMinimisesThatCriterionOverTheParetoSet(PlanObjective objective)
    {
        // 538644 (Germany) has several Pareto options (postal, rail, air, a dedicated line), so the pick matters.
        var input = _workspace.Write("golden.csv", GoldenInvoices.Csv([GoldenInvoices.Germany538644, GoldenInvoices.Australia543372]));
        var run = await PlanWorkspace.RunAsync(_workspace.Arguments(input, shiftWeeks: GoldenInvoices.ShiftWeeks, objective: objective));
        Assert.Equal(0, run.ExitCode);

        var orders = _workspace.ReadJson().Orders;
        Assert.Contains(orders, o => o.ParetoSet.Count > 1);
        foreach (var order in orders)
        {
            var chosen = order.ChosenPlan;
            switch (objective)
            {
                case PlanObjective.Cheapest:
                    Assert.Equal(order.ParetoSet.Min(p => p.LandedCost), chosen.LandedCost);
                    break;
                case PlanObjective.Fastest:
                    Assert.Equal(order.ParetoSet.Min(p => p.Transit), chosen.Transit);
                    break;
                default:
                    Assert.Equal(order.ParetoSet.Min(p => p.Co2eKg), chosen.Co2eKg);
                    break;
            }
        }

        await using var store = await _workspace.OpenStoreAsync();
        Assert.All(store.Shipments, s => Assert.Equal(objective.ToString().ToLowerInvariant(), s.Objective));
    }
}
