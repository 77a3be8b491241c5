using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Kuajing.Customs.RetailImport;

/// <summary>State of a ledger entry.</summary>
public enum QuotaEntryStatus
{
    /// <summary>Counted in the year total; the order is not yet confirmed as declared.</summary>
    Reserved,

    /// <summary>Counted in the year total; the order went out.</summary>
    Committed,

    /// <summary>Cancelled or returned: no longer counted.</summary>
    Refunded,
}

/// <summary>What a reservation did.</summary>
public enum QuotaReservationOutcome
{
    /// <summary>The transaction was recorded and counts in the year total (a CBEC treatment).</summary>
    Reserved,

    /// <summary>The transaction cannot use the CBEC allowance (<see cref="RetailImportTreatment.GeneralTrade"/>): nothing was recorded. The caller rejects the order or taxes it as general trade.</summary>
    OverLimit,

    /// <summary>The transaction id was already in the ledger: nothing changed (idempotent retry).</summary>
    Duplicate,
}

/// <summary>The result of <see cref="RetailImportQuotaLedger.ReserveAsync"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Assessment">The treatment and taxes; for a duplicate, <see langword="null"/>.</param>
/// <param name="Existing">For a duplicate, the entry already stored.</param>
public sealed record QuotaReservation(QuotaReservationOutcome Outcome, RetailImportAssessment? Assessment, QuotaEntry? Existing);

/// <summary>A ledger entry as read back.</summary>
/// <param name="TransactionId">Order number.</param>
/// <param name="Buyer">The buyer's keyed hash.</param>
/// <param name="Year">Calendar year.</param>
/// <param name="Amount">Dutiable value, CNY.</param>
/// <param name="Status">State.</param>
/// <param name="Treatment">Treatment at reservation.</param>
public sealed record QuotaEntry(string TransactionId, BuyerKey Buyer, int Year, Money.Money Amount, QuotaEntryStatus Status, RetailImportTreatment Treatment);

/// <summary>A buyer's year balance.</summary>
/// <param name="Buyer">The buyer's keyed hash.</param>
/// <param name="Year">Calendar year.</param>
/// <param name="Used">Reserved + committed total, CNY.</param>
/// <param name="Annual">The annual limit in force on the date asked, CNY.</param>
/// <param name="Remaining">Annual − used, CNY (≥ 0).</param>
public sealed record QuotaBalance(BuyerKey Buyer, int Year, Money.Money Used, Money.Money Annual, Money.Money Remaining);

/// <summary>
/// The per-buyer, per-calendar-year quota ledger of China's CBEC retail import limits (财关税〔2018〕49号,
/// regulatory-facts.md §4). <see cref="ReserveAsync"/> assesses and records a transaction atomically: the annual test is
/// one conditional <c>UPDATE … SET used = used + P WHERE used + P &lt;= limit</c> inside a transaction, so two concurrent
/// reservations for the same buyer cannot both pass the limit (PostgreSQL row lock with re-check under READ COMMITTED;
/// SQLite single writer). <see cref="RefundAsync"/> gives the amount back on cancellation or return. One instance per
/// store (a <see cref="DbContext"/> is not thread-safe); open one store per concurrent caller.
/// </summary>
public sealed class RetailImportQuotaLedger
{
    private readonly RetailImportStore _store;
    private readonly RetailImportTaxCalculator _calculator;
    private readonly IClock _clock;

    /// <summary>Creates a ledger over an open, migrated store.</summary>
    /// <param name="store">The store (see <see cref="RetailImportStore.OpenAsync"/>).</param>
    /// <param name="calculator">Limits and taxes.</param>
    /// <param name="clock">Time source for the entry timestamps.</param>
    public RetailImportQuotaLedger(RetailImportStore store, RetailImportTaxCalculator calculator, IClock clock)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _calculator = calculator ?? throw new ArgumentNullException(nameof(calculator));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <summary>
    /// Assesses <paramref name="transaction"/> against the limits and the buyer's year total and, when it may use the
    /// CBEC allowance, records it as reserved in the same database transaction.
    /// </summary>
    /// <param name="transaction">The transaction.</param>
    /// <param name="cancellationToken">Cancels the operation (the database transaction is rolled back).</param>
    /// <returns>The outcome, with the assessment.</returns>
    /// <exception cref="ArgumentException">When the transaction is invalid (see <see cref="RetailImportTaxCalculator.Assess"/>).</exception>
    /// <exception cref="InvalidOperationException">When no limits are in force on its date.</exception>
    public async Task<QuotaReservation> ReserveAsync(RetailImportTransaction transaction, CancellationToken cancellationToken)
    {
        var limits = _calculator.Validate(transaction);
        if (await FindAsync(transaction.TransactionId, cancellationToken) is { } existing)
        {
            return new QuotaReservation(QuotaReservationOutcome.Duplicate, null, existing);
        }

        var key = transaction.Buyer.Value;
        var year = transaction.Date.Year;
        var amount = ToFen(transaction.DutiableValue.Amount);
        var annual = ToFen(limits.Annual.Amount);

        // Over the single-transaction limit with several items: general trade whatever the year total; no write.
        if (transaction.DutiableValue > limits.PerTransaction && transaction.ItemCount > 1)
        {
            var total = await UsedAsync(key, year, cancellationToken);
            return new QuotaReservation(QuotaReservationOutcome.OverLimit, _calculator.Assess(transaction, FromFen(total)), null);
        }

        await using var tx = await _store.Database.BeginTransactionAsync(cancellationToken);
        // The first statement writes, so SQLite takes the write lock at once (no read-then-upgrade BUSY_SNAPSHOT).
        await _store.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO retail_import_quota (buyer_key, year, used_fen) VALUES ({key}, {year}, {0L}) ON CONFLICT (buyer_key, year) DO NOTHING",
            cancellationToken);
        var updated = await _store.Quotas
            .Where(q => q.BuyerKey == key && q.Year == year && q.UsedFen + amount <= annual)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.UsedFen, q => q.UsedFen + amount), cancellationToken);
        var after = await UsedAsync(key, year, cancellationToken);
        if (updated == 0)
        {
            await tx.RollbackAsync(cancellationToken);
            return new QuotaReservation(QuotaReservationOutcome.OverLimit, _calculator.Assess(transaction, FromFen(after)), null);
        }

        var assessment = _calculator.Assess(transaction, FromFen(after - amount));
        _store.Entries.Add(new RetailImportEntryRecord
        {
            TransactionId = transaction.TransactionId,
            BuyerKey = key,
            Year = year,
            AmountFen = amount,
            Status = Name(QuotaEntryStatus.Reserved),
            Treatment = assessment.Treatment.ToString(),
            ReservedAtUtc = _clock.GetCurrentInstant().ToDateTimeUtc(),
        });
        try
        {
            await _store.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent reservation of the same transaction id won the unique index: undo ours.
            await tx.RollbackAsync(cancellationToken);
            _store.ChangeTracker.Clear();
            var winner = await FindAsync(transaction.TransactionId, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return new QuotaReservation(QuotaReservationOutcome.Duplicate, null, winner);
        }
        finally
        {
            _store.ChangeTracker.Clear();
        }

        return new QuotaReservation(QuotaReservationOutcome.Reserved, assessment, null);
    }

    /// <summary>Marks a reserved transaction as committed (the declaration went out). Idempotent for a committed one.</summary>
    /// <param name="transactionId">Order number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The entry after the change.</returns>
    /// <exception cref="KeyNotFoundException">When the transaction id is not in the ledger.</exception>
    /// <exception cref="InvalidOperationException">When the entry was refunded.</exception>
    public async Task<QuotaEntry> CommitAsync(string transactionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transactionId);
        var reserved = Name(QuotaEntryStatus.Reserved);
        var committed = Name(QuotaEntryStatus.Committed);
        var at = _clock.GetCurrentInstant().ToDateTimeUtc();
        await _store.Entries.Where(e => e.TransactionId == transactionId && e.Status == reserved)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, committed).SetProperty(e => e.CommittedAtUtc, at), cancellationToken);
        var entry = await FindAsync(transactionId, cancellationToken) ?? throw new KeyNotFoundException($"transaction '{transactionId}' is not in the retail-import ledger");
        return entry.Status == QuotaEntryStatus.Refunded
            ? throw new InvalidOperationException($"transaction '{transactionId}' was refunded and cannot be committed")
            : entry;
    }

    /// <summary>
    /// Refunds a reserved or committed transaction (order cancelled or goods returned): its amount leaves the buyer's
    /// total for the year it was counted in. Idempotent for a refunded one.
    /// </summary>
    /// <param name="transactionId">Order number.</param>
    /// <param name="cancellationToken">Cancels the operation (rolled back).</param>
    /// <returns>The entry after the change.</returns>
    /// <exception cref="KeyNotFoundException">When the transaction id is not in the ledger.</exception>
    public async Task<QuotaEntry> RefundAsync(string transactionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transactionId);
        var reserved = Name(QuotaEntryStatus.Reserved);
        var committed = Name(QuotaEntryStatus.Committed);
        var refunded = Name(QuotaEntryStatus.Refunded);
        var at = _clock.GetCurrentInstant().ToDateTimeUtc();
        await using var tx = await _store.Database.BeginTransactionAsync(cancellationToken);
        var changed = await _store.Entries.Where(e => e.TransactionId == transactionId && (e.Status == reserved || e.Status == committed))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, refunded).SetProperty(e => e.RefundedAtUtc, at), cancellationToken);
        var entry = await FindAsync(transactionId, cancellationToken) ?? throw new KeyNotFoundException($"transaction '{transactionId}' is not in the retail-import ledger");
        if (changed == 1)
        {
            var key = entry.Buyer.Value;
            var amount = ToFen(entry.Amount.Amount);
            await _store.Quotas.Where(q => q.BuyerKey == key && q.Year == entry.Year)
                .ExecuteUpdateAsync(s => s.SetProperty(q => q.UsedFen, q => q.UsedFen - amount), cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return entry;
    }

    /// <summary>The buyer's balance for a calendar year, against the annual limit in force on <paramref name="on"/>.</summary>
    /// <param name="buyer">The buyer's keyed hash.</param>
    /// <param name="year">Calendar year.</param>
    /// <param name="on">Date whose annual limit applies (usually today or the transaction date).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The balance.</returns>
    /// <exception cref="InvalidOperationException">When no limits are in force on <paramref name="on"/>.</exception>
    public async Task<QuotaBalance> BalanceAsync(BuyerKey buyer, int year, LocalDate on, CancellationToken cancellationToken)
    {
        if (!_calculator.Rules.TryLimitsOn(on, out var limits))
        {
            throw new InvalidOperationException($"no China CBEC retail import limits in force on {on:uuuu-MM-dd}");
        }

        var used = FromFen(await UsedAsync(buyer.Value, year, cancellationToken));
        var remaining = limits.Annual - used;
        return new QuotaBalance(buyer, year, used, limits.Annual, remaining.Amount < 0m ? Money.Money.Zero(remaining.Currency) : remaining);
    }

    /// <summary>The entry of a transaction, or <see langword="null"/>.</summary>
    /// <param name="transactionId">Order number.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The entry.</returns>
    public async Task<QuotaEntry?> FindAsync(string transactionId, CancellationToken cancellationToken)
    {
        var row = await _store.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.TransactionId == transactionId, cancellationToken);
        return row is null
            ? null
            : new QuotaEntry(row.TransactionId, new BuyerKey(row.BuyerKey), row.Year, FromFen(row.AmountFen), Enum.Parse<QuotaEntryStatus>(row.Status, ignoreCase: true), Enum.Parse<RetailImportTreatment>(row.Treatment));
    }

    private async Task<long> UsedAsync(string key, int year, CancellationToken ct) =>
        await _store.Quotas.AsNoTracking().Where(q => q.BuyerKey == key && q.Year == year).Select(q => (long?)q.UsedFen).FirstOrDefaultAsync(ct) ?? 0L;

    private static string Name(QuotaEntryStatus status) => status switch
    {
        QuotaEntryStatus.Reserved => "reserved",
        QuotaEntryStatus.Committed => "committed",
        _ => "refunded",
    };

    private static long ToFen(decimal amount) => checked((long)(amount * 100m));

    private static Money.Money FromFen(long fen) => new(fen / 100m, new Money.CurrencyCode("CNY"));
}
