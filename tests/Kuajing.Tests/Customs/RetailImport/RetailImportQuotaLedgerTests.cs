using Kuajing.Customs.RetailImport;
using Kuajing.Money;
using Kuajing.Tests.Storage;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace Kuajing.Tests.Customs.RetailImport;

// Rule: 财关税〔2018〕49号 (from 2019-01-01; regulatory-facts.md §4): RMB 26,000 per person per year (calendar year
// here), RMB 5,000 per transaction; a transaction that would exceed the annual total goes to general trade (not
// recorded); a cancelled or returned order gives its amount back.
public sealed class RetailImportQuotaLedgerTests
{
    private static readonly RetailImportTaxCalculator Calculator = new(RetailImportRules.LoadBundled());
    private static readonly BuyerKey Buyer = new BuyerIdentityHasher(Enumerable.Repeat((byte)7, 32).ToArray()).KeyOf(BuyerIdentity.ResidentIdCard("11010519491231002X"));

    private static Money.Money Cny(decimal amount) => new(amount, new CurrencyCode("CNY"));

    private static RetailImportTransaction Txn(string id, decimal value, LocalDate date) => new(id, Buyer, date, Cny(value), 1, "general");

    [Fact]
    public async Task Ledger_ThresholdsYearAndRefund_OnSqlite()
    {
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "quota.db");
        await using var store = await RetailImportStore.OpenAsync(path, null, CancellationToken.None);
        await Scenario(store);
    }

    [Fact]
    public async Task Ledger_ThresholdsYearAndRefund_OnPostgres()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        await using var store = await RetailImportStore.OpenAsync(null, db.ConnectionString, CancellationToken.None);
        await Scenario(store);
    }

    [Fact]
    public async Task ReserveAsync_ConcurrentForOneBuyer_NeverPassesTheAnnualLimit_OnSqlite()
    {
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "quota.db");
        await (await RetailImportStore.OpenAsync(path, null, CancellationToken.None)).DisposeAsync();
        await Concurrent(() => RetailImportStore.Create(path, null));
    }

    [Fact]
    public async Task ReserveAsync_ConcurrentForOneBuyer_NeverPassesTheAnnualLimit_OnPostgres()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        await (await RetailImportStore.OpenAsync(null, db.ConnectionString, CancellationToken.None)).DisposeAsync();
        await Concurrent(() => RetailImportStore.Create(null, db.ConnectionString));
    }

    private static async Task Scenario(RetailImportStore store)
    {
        var ct = CancellationToken.None;
        var ledger = new RetailImportQuotaLedger(store, Calculator, new FakeClock(Instant.FromUtc(2026, 3, 1, 0, 0)));
        var day = new LocalDate(2026, 3, 10);

        // Five transactions of exactly 5,000.00 (inside the single limit): 25,000.00 used. Each VAT 455.00 (5,000 x 13 % x 0.7).
        for (var i = 1; i <= 5; i++)
        {
            var r = await ledger.ReserveAsync(Txn($"T{i}", 5000.00m, day), ct);
            Assert.Equal(QuotaReservationOutcome.Reserved, r.Outcome);
            Assert.Equal(Cny(455.00m), r.Assessment!.TotalTax);
        }

        // 1,000.00 more brings the year to exactly 26,000.00: still inside.
        var exact = await ledger.ReserveAsync(Txn("T6", 1000.00m, day), ct);
        Assert.Equal(QuotaReservationOutcome.Reserved, exact.Outcome);
        Assert.Equal(Cny(25000.00m), exact.Assessment!.YearTotalBefore);
        Assert.Equal(Cny(26000.00m), (await ledger.BalanceAsync(Buyer, 2026, day, ct)).Used);

        // 0.01 more would cross 26,000: general trade, nothing recorded.
        var over = await ledger.ReserveAsync(Txn("T7", 0.01m, day), ct);
        Assert.Equal(QuotaReservationOutcome.OverLimit, over.Outcome);
        Assert.Equal(RetailImportTreatment.GeneralTrade, over.Assessment!.Treatment);
        Assert.Null(await ledger.FindAsync("T7", ct));
        Assert.Equal(Cny(0m), (await ledger.BalanceAsync(Buyer, 2026, day, ct)).Remaining);

        // A new calendar year starts from zero.
        var newYear = await ledger.ReserveAsync(Txn("T8", 5000.00m, new LocalDate(2027, 1, 1)), ct);
        Assert.Equal(QuotaReservationOutcome.Reserved, newYear.Outcome);
        Assert.Equal(Cny(0m), newYear.Assessment!.YearTotalBefore);

        // Refund T3 (return): 2026 drops to 21,000.00; a second refund changes nothing.
        Assert.Equal(QuotaEntryStatus.Refunded, (await ledger.RefundAsync("T3", ct)).Status);
        await ledger.RefundAsync("T3", ct);
        Assert.Equal(Cny(21000.00m), (await ledger.BalanceAsync(Buyer, 2026, day, ct)).Used);
        Assert.Equal(Cny(5000.00m), (await ledger.BalanceAsync(Buyer, 2027, day, ct)).Used);

        // Now 5,000.00 fits again (21,000 + 5,000 = 26,000).
        Assert.Equal(QuotaReservationOutcome.Reserved, (await ledger.ReserveAsync(Txn("T9", 5000.00m, new LocalDate(2026, 12, 31)), ct)).Outcome);

        // Commit, duplicate and refunded-commit behaviour.
        Assert.Equal(QuotaEntryStatus.Committed, (await ledger.CommitAsync("T1", ct)).Status);
        var duplicate = await ledger.ReserveAsync(Txn("T1", 10m, day), ct);
        Assert.Equal(QuotaReservationOutcome.Duplicate, duplicate.Outcome);
        Assert.Equal(Cny(5000.00m), duplicate.Existing!.Amount);
        await Assert.ThrowsAsync<InvalidOperationException>(() => ledger.CommitAsync("T3", ct));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => ledger.RefundAsync("nope", ct));

        // A refunded committed entry gives its amount back too: 26,000 - 5,000 = 21,000.
        await ledger.RefundAsync("T1", ct);
        Assert.Equal(Cny(21000.00m), (await ledger.BalanceAsync(Buyer, 2026, day, ct)).Used);
    }

    private static async Task Concurrent(Func<RetailImportStore> open)
    {
        // 12 concurrent reservations of 3,000.00 for one buyer: 8 x 3,000 = 24,000 fit, a 9th would make 27,000 > 26,000.
        const int n = 12;
        var stores = Enumerable.Range(0, n).Select(_ => open()).ToArray();
        try
        {
            var day = new LocalDate(2026, 5, 1);
            using var gate = new Barrier(n);
            var tasks = stores.Select((s, i) => Task.Run(async () =>
            {
                var ledger = new RetailImportQuotaLedger(s, Calculator, SystemClock.Instance);
                gate.SignalAndWait();
                return await ledger.ReserveAsync(Txn($"C{i}", 3000.00m, day), CancellationToken.None);
            })).ToArray();
            var results = await Task.WhenAll(tasks);
            Assert.Equal(8, results.Count(r => r.Outcome == QuotaReservationOutcome.Reserved));
            Assert.Equal(4, results.Count(r => r.Outcome == QuotaReservationOutcome.OverLimit));
            var balance = await new RetailImportQuotaLedger(stores[0], Calculator, SystemClock.Instance).BalanceAsync(Buyer, 2026, day, CancellationToken.None);
            Assert.Equal(Cny(24000.00m), balance.Used);
        }
        finally
        {
            foreach (var s in stores)
            {
                await s.DisposeAsync();
            }
        }
    }

    private sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kuajing-quota-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public void Dispose()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Path, recursive: true);
        }
    }
}
