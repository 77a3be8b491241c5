using BenchmarkDotNet.Running;
using Kuajing.Bench;

// Console modes (Stopwatch loops with warm-up; fast, print one table with the machine facts):
//   latency [N]            planner query latency p50/p99 on synthetic ~1e3 / ~1e4 lane-departure catalogues
//   plan-all [--repeat K]  orders planned per second over the whole bundled data (planning phase only)
//   quotes [--seconds S]   landed-cost quotes per second on one core, three request mixes
//   tariff-quotes [--seconds S] [--requests N]   single-line landed-cost quotes per second with tariff lookup (1 thread and 1 per core)
//   capture [--seconds S] [--only sqlite|postgres] [--phases]   events captured per second with the ledger, beside the COPY/INSERT ceiling
//   timeline [--events N] [--lookups K] [--only sqlite|postgres]   timeline lookup p50/p99 beside a raw indexed SELECT
//     (PostgreSQL: run both through bench/run-postgres-bench.sh, which starts a throw-away server)
//   event-hash [--seconds S]   GS1 EPCIS Event Hash IDs per second over the GS1 examples in ../shared/data
//   customs-messages [--seconds S]   China CEB declaration messages built, three-order checked, written and XSD-validated per second
// Anything else goes to BenchmarkDotNet, e.g. `--filter *LandedCostBenchmarks* --job short`.
return args.FirstOrDefault() switch
{
    "latency" => PlannerLatency.Run(args[1..]),
    "plan-all" => PlanAllThroughput.Run(args[1..]),
    "quotes" => LandedCostThroughput.Run(args[1..]),
    "tariff-quotes" => TariffQuoteThroughput.Run(args[1..]),
    "capture" => await CaptureThroughput.Run(args[1..]),
    "timeline" => await TimelineLookup.Run(args[1..]),
    "event-hash" => EventHashThroughput.Run(args[1..]),
    "customs-messages" => CustomsMessagesThroughput.Run(args[1..]),
    _ => RunBenchmarkDotNet(args),
};

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(PlannerBenchmarks).Assembly).Run(args);
    return 0;
}
