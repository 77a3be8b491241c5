using Kuajing.Customs.China;

namespace Kuajing.Tests.Customs.China;

public sealed class BondedStockLedgerTests
{
    // Bonded modes move goods in and out of a bonded account book (GACC 2014 No. 57); a balance cannot go negative.
    [Fact]
    public void Release_CoveredByStock_DecrementsEachItem()
    {
        var ledger = new BondedStockLedger("T4600W000001");
        foreach (var item in new[] { "KJ-22654", "KJ-22968", "KJ-22652" })
        {
            ledger.StoreIn(item, 2, ChinaCustomsFixture.DeclaredAt, "store-in 1");
        }

        var d = ChinaCustomsFixture.Declare(CrossBorderMode.Bonded1210, CustomsDirection.Export, ledger: ledger);
        var moved = ledger.Release(d, ChinaCustomsFixture.DeclaredAt);

        Assert.Equal(3, moved.Count); // invoice 545645 has one unit of each of three SKUs
        Assert.All(moved, m => Assert.Equal((1m, 1m), (m.Quantity, m.BalanceAfter)));
        Assert.Equal(6, ledger.Movements.Count);
    }

    [Fact]
    public void Release_OneItemShort_ThrowsAndMovesNothing()
    {
        var ledger = new BondedStockLedger("T4600W000001");
        ledger.StoreIn("KJ-22654", 1, ChinaCustomsFixture.DeclaredAt, "in");
        ledger.StoreIn("KJ-22968", 1, ChinaCustomsFixture.DeclaredAt, "in");
        ledger.StoreIn("KJ-22652", 1, ChinaCustomsFixture.DeclaredAt, "in");
        var d = ChinaCustomsFixture.Declare(CrossBorderMode.Bonded1210, CustomsDirection.Export, ledger: ledger);
        ledger.Release(d, ChinaCustomsFixture.DeclaredAt); // balances now 0

        var e = Assert.Throws<InsufficientBondedStockException>(() => ledger.Release(d, ChinaCustomsFixture.DeclaredAt));

        Assert.Equal(3, e.Shortfalls.Count);
        Assert.Equal(0m, ledger.Balance("KJ-22654"));
        Assert.Equal(6, ledger.Movements.Count);
    }

    [Fact]
    public void Build_BondedReleaseExceedsBalance_RefusedWithProblem()
    {
        var ledger = new BondedStockLedger("T4600W000001");
        ledger.StoreIn("KJ-22654", 1, ChinaCustomsFixture.DeclaredAt, "in");
        var result = CrossBorderDeclaration.Build(ChinaCustomsFixture.Modes, CrossBorderMode.Bonded1210, CustomsDirection.Export, ChinaCustomsFixture.Order,
            ChinaCustomsFixture.ExportInput, ChinaCustomsFixture.Reference.Fx, ChinaCustomsFixture.DeclaredAt, ledger);

        Assert.False(result.Succeeded);
        Assert.Equal(["bondedStock[KJ-22652]", "bondedStock[KJ-22968]"], result.Problems.Select(p => p.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void StoreIn_ZeroQuantity_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BondedStockLedger("B1").StoreIn("X", 0, ChinaCustomsFixture.DeclaredAt, "in"));
}
