using System.Diagnostics;
using System.Globalization;
using Kuajing.Customs.China;
using Kuajing.Orders;
using Kuajing.ReferenceData;
using NodaTime;

namespace Kuajing.Bench;

/// <summary>
/// Console mode <c>customs-messages [--seconds S]</c>: China CEB declaration messages generated and validated per second, on
/// one thread. Workload: every accepted order of the bundled UCI month 2011-03 (replayed 782 weeks), each with the
/// declaration input of samples/customs/545645-export.json adapted to the order (order number, one classification per
/// SKU, payment = the order's amount so the three-order check passes). One operation = build the declaration, run the
/// three-order check, write every message of the mode and validate each against the embedded XSD. 5 timed repetitions of
/// at least S seconds (default 2) after a 1 s warm-up; median, min, max and bytes allocated per message.
/// </summary>
internal static class CustomsMessagesThroughput
{
    private const int Repetitions = 5;

    public static int Run(string[] args)
    {
        var seconds = 2.0;
        if (args.Length == 2 && args[0] == "--seconds" && double.TryParse(args[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0)
        {
            seconds = s;
        }
        else if (args.Length > 0)
        {
            Console.Error.WriteLine("customs-messages: usage: customs-messages [--seconds S] (S > 0)");
            return 2;
        }

        BenchMachine.Print($"customs-messages (CEB messages built, checked, written and XSD-validated per second, single thread, {Repetitions} × ≥ {seconds:0.#} s per mode)");
        var dataDir = DataDirectory.Find();
        var reference = ReferenceDataSet.Load(dataDir);
        var modes = SupervisionModeTable.LoadBundled(dataDir);
        var sample = DeclarationInputFile.Load(Path.Combine(Path.GetDirectoryName(dataDir)!, "samples", "customs", "545645-export.json"));
        var orders = OrdersReader.Create(reference).Read(Path.Combine(dataDir, "orders", "online-retail", "orders-2011-03.csv.gz")).Orders
            .Select(o => o with { PlacedAt = o.PlacedAt.PlusWeeks(782) }).ToArray();
        var at = Instant.FromUtc(2026, 4, 1, 6, 0);

        Console.WriteLine("| mode | orders | lines/order | messages/declaration | declarations/s (median) | messages/s (median) | min | max | µs/message | bytes/message |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (mode, direction) in new[] { (CrossBorderMode.Ecommerce9610, CustomsDirection.Export), (CrossBorderMode.Ecommerce9610, CustomsDirection.Import), (CrossBorderMode.OverseasWarehouse9810, CustomsDirection.Export) })
        {
            var inputs = orders.Select(o => Adapt(sample, o, modes, mode, direction, reference, at)).Where(x => x.Input is not null).ToArray();
            var work = inputs.Select(x => (x.Order, x.Input!)).ToArray();
            Measure(work, modes, mode, direction, reference, at, 1.0); // warm-up
            var runs = Enumerable.Range(0, Repetitions).Select(_ => Measure(work, modes, mode, direction, reference, at, seconds)).ToArray();
            var median = PlanAllThroughput.Median(runs.Select(r => r.MessagesPerSecond));
            var perDeclaration = runs[0].MessagesPerDeclaration;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {modes.Rows.First(r => r.Mode == mode && r.Direction == direction).Code} {direction.ToString().ToLowerInvariant()} | {work.Length:N0} | {work.Average(w => w.Order.Lines.Count):0.0} | {perDeclaration:0.0} | {median / perDeclaration:N0} | {median:N0} | {runs.Min(r => r.MessagesPerSecond):N0} | {runs.Max(r => r.MessagesPerSecond):N0} | {1e6 / median:0.0} | {PlanAllThroughput.Median(runs.Select(r => r.BytesPerMessage)):N0} |"));
        }

        Console.WriteLine();
        Console.WriteLine($"  load average after: {BenchMachine.LoadAverage()}");
        return 0;
    }

    private static (Order Order, DeclarationInput? Input) Adapt(DeclarationInput sample, Order order, SupervisionModeTable modes, CrossBorderMode mode, CustomsDirection direction, ReferenceDataSet reference, Instant at)
    {
        var goods = order.Lines.Select(l => l.Sku).Distinct(StringComparer.Ordinal)
            .Select(sku => sample.Goods[0] with { Sku = sku, ItemRecordNo = "KJ-" + sku }).ToArray();
        var input = sample with
        {
            OrderNo = order.OrderId,
            CopNo = "KJ" + order.OrderId,
            Goods = goods,
            Payment = sample.Payment! with { OrderNo = order.OrderId },
            Waybill = sample.Waybill with { OrderNo = order.OrderId },
        };
        var first = CrossBorderDeclaration.Build(modes, mode, direction, order, input, reference.Fx, at);
        if (first.Declaration is not { } d)
        {
            return (order, null);
        }

        return (order, input with { Payment = input.Payment! with { Amount = d.ActualPaid, Breakdown = new PaymentBreakdown(d.GoodsValue, input.Order.Freight, input.Order.TaxTotal) } });
    }

    private static (double MessagesPerSecond, double BytesPerMessage, double MessagesPerDeclaration) Measure((Order Order, DeclarationInput Input)[] work, SupervisionModeTable modes, CrossBorderMode mode, CustomsDirection direction, ReferenceDataSet reference, Instant at, double seconds)
    {
        long messages = 0;
        long declarations = 0;
        var invalid = 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        do
        {
            foreach (var (order, input) in work)
            {
                var d = CrossBorderDeclaration.Build(modes, mode, direction, order, input, reference.Fx, at).Declaration!;
                foreach (var m in CebMessageWriter.WriteAll(d))
                {
                    invalid += CebSchema.Validate(m.Xml).Count;
                    messages++;
                }

                declarations++;
            }
        }
        while (clock.Elapsed.TotalSeconds < seconds);

        clock.Stop();
        if (invalid > 0)
        {
            throw new InvalidOperationException($"{invalid} schema errors in generated messages");
        }

        return (messages / clock.Elapsed.TotalSeconds, (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)messages, messages / (double)declarations);
    }
}
