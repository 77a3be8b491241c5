using NodaTime;

namespace Kuajing.Customs.China;

/// <summary>Which way a bonded stock movement goes.</summary>
public enum BondedMovementKind
{
    /// <summary>Goods stored into the bonded warehouse (入区/入库).</summary>
    StoreIn,

    /// <summary>Goods released out of the bonded warehouse against a list declaration (出区/出库).</summary>
    Release,
}

/// <summary>One movement on a bonded account book.</summary>
/// <param name="AccountBookNo">Bonded account book number (<c>emsNo</c>).</param>
/// <param name="ItemRecordNo">Bonded item record number (<c>itemRecordNo</c>).</param>
/// <param name="Kind">Store-in or release.</param>
/// <param name="Quantity">Quantity moved, &gt; 0, in the declared unit.</param>
/// <param name="BalanceAfter">The item's balance after the movement, ≥ 0.</param>
/// <param name="At">When it was recorded.</param>
/// <param name="Reference">What it was for: a store-in document, or the order number of the list declaration.</param>
public sealed record BondedStockMovement(string AccountBookNo, string ItemRecordNo, BondedMovementKind Kind, decimal Quantity, decimal BalanceAfter, Instant At, string Reference);

/// <summary>A release that the balance does not cover.</summary>
/// <param name="ItemRecordNo">The item.</param>
/// <param name="Requested">Quantity the declaration releases.</param>
/// <param name="Balance">Quantity in stock.</param>
public sealed record BondedStockShortfall(string ItemRecordNo, decimal Requested, decimal Balance);

/// <summary>
/// A release was refused because the bonded balance of at least one item would go negative. Nothing was moved.
/// Stable code <c>bonded-stock-insufficient</c>.
/// </summary>
public sealed class InsufficientBondedStockException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="accountBookNo">The account book.</param>
    /// <param name="shortfalls">The items short.</param>
    public InsufficientBondedStockException(string accountBookNo, IReadOnlyList<BondedStockShortfall> shortfalls)
        : base($"bonded-stock-insufficient: account book {accountBookNo}: " + string.Join("; ", (shortfalls ?? []).Select(s => $"{s.ItemRecordNo} release {s.Requested} > balance {s.Balance}")))
    {
        Shortfalls = shortfalls ?? [];
    }

    /// <summary>The stable error code.</summary>
    public static string Code => "bonded-stock-insufficient";

    /// <summary>The items short.</summary>
    public IReadOnlyList<BondedStockShortfall> Shortfalls { get; }
}

/// <summary>
/// The stock of one bonded account book (保税账册) for the bonded modes 1210 and 1239 (GACC 2014 No. 57: firms send
/// warehousing data to customs in real time): goods are stored in, and released against list declarations; a balance never
/// goes negative. Quantities are decimal in the declared unit and use checked arithmetic. In memory; not thread-safe.
/// </summary>
public sealed class BondedStockLedger
{
    private readonly Dictionary<string, decimal> _balances = new(StringComparer.Ordinal);
    private readonly List<BondedStockMovement> _movements = [];

    /// <summary>Creates an empty ledger.</summary>
    /// <param name="accountBookNo">Bonded account book number (<c>emsNo</c>), non-empty.</param>
    /// <exception cref="ArgumentException">When <paramref name="accountBookNo"/> is empty.</exception>
    public BondedStockLedger(string accountBookNo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountBookNo);
        AccountBookNo = accountBookNo;
    }

    /// <summary>The account book number.</summary>
    public string AccountBookNo { get; }

    /// <summary>Every movement, in the order recorded.</summary>
    public IReadOnlyList<BondedStockMovement> Movements => _movements;

    /// <summary>The balance of an item (0 when never stored).</summary>
    /// <param name="itemRecordNo">The item record number.</param>
    /// <returns>The quantity in stock, ≥ 0.</returns>
    public decimal Balance(string itemRecordNo) => _balances.GetValueOrDefault(itemRecordNo);

    /// <summary>Stores goods in.</summary>
    /// <param name="itemRecordNo">The item record number, non-empty.</param>
    /// <param name="quantity">Quantity, &gt; 0.</param>
    /// <param name="at">When.</param>
    /// <param name="reference">The store-in document.</param>
    /// <returns>The movement.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="quantity"/> ≤ 0.</exception>
    /// <exception cref="ArgumentException">When <paramref name="itemRecordNo"/> is empty.</exception>
    public BondedStockMovement StoreIn(string itemRecordNo, decimal quantity, Instant at, string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(itemRecordNo);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        var balance = checked(Balance(itemRecordNo) + quantity);
        _balances[itemRecordNo] = balance;
        var movement = new BondedStockMovement(AccountBookNo, itemRecordNo, BondedMovementKind.StoreIn, quantity, balance, at, reference ?? "");
        _movements.Add(movement);
        return movement;
    }

    /// <summary>The items a declaration's lines would overdraw (lines of the same item are added up).</summary>
    /// <param name="lines">Declaration lines; lines without an item record number are ignored.</param>
    /// <returns>The shortfalls; empty when the release is covered.</returns>
    public IReadOnlyList<BondedStockShortfall> Shortfalls(IEnumerable<DeclarationLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return lines.Where(l => !string.IsNullOrEmpty(l.Goods.ItemRecordNo))
            .GroupBy(l => l.Goods.ItemRecordNo!, StringComparer.Ordinal)
            .Select(g => new BondedStockShortfall(g.Key, g.Sum(l => l.Quantity), Balance(g.Key)))
            .Where(s => s.Requested > s.Balance)
            .ToArray();
    }

    /// <summary>Releases a declaration's goods, all lines or none.</summary>
    /// <param name="declaration">A bonded-mode declaration (1210 or 1239).</param>
    /// <param name="at">When.</param>
    /// <returns>One movement per item.</returns>
    /// <exception cref="InsufficientBondedStockException">When any item's balance would go negative; nothing is moved.</exception>
    /// <exception cref="InvalidOperationException">When the declaration's mode has no bonded stock, or its account book is another.</exception>
    public IReadOnlyList<BondedStockMovement> Release(CrossBorderDeclaration declaration, Instant at)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        if (!declaration.Mode.Filings.HasFlag(ModeFilings.BondedStock))
        {
            throw new InvalidOperationException($"mode {declaration.Mode.Code} does not move bonded stock");
        }

        if (!string.Equals(declaration.Input.Office.AccountBookNo, AccountBookNo, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the declaration uses account book {declaration.Input.Office.AccountBookNo}, this ledger is {AccountBookNo}");
        }

        var shortfalls = Shortfalls(declaration.Lines);
        if (shortfalls.Count > 0)
        {
            throw new InsufficientBondedStockException(AccountBookNo, shortfalls);
        }

        var moved = new List<BondedStockMovement>();
        foreach (var g in declaration.Lines.GroupBy(l => l.Goods.ItemRecordNo!, StringComparer.Ordinal))
        {
            var quantity = g.Sum(l => l.Quantity);
            var balance = checked(Balance(g.Key) - quantity);
            _balances[g.Key] = balance;
            var movement = new BondedStockMovement(AccountBookNo, g.Key, BondedMovementKind.Release, quantity, balance, at, declaration.OrderNo);
            _movements.Add(movement);
            moved.Add(movement);
        }

        return moved;
    }
}
