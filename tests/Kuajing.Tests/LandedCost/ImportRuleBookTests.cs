using Kuajing.Geography;
using Kuajing.LandedCost;
using Kuajing.ReferenceData;

namespace Kuajing.Tests.LandedCost;

public sealed class ImportRuleBookTests
{
    // Row counts of data/tax (SOURCE.md): 63 rules, 78 VAT/GST rate rows, 41 destination profiles.
    [Fact]
    public void Load_BundledData_ReadsEveryRow()
    {
        var book = LandedCostFixture.Book;

        Assert.Equal(63, book.RuleCount);
        Assert.Equal(78, book.VatRateCount);
        Assert.Equal(41, book.Destinations.Count());
        Assert.True(book.Covers(new CountryCode("DE")));
        Assert.False(book.Covers(new CountryCode("KR")));
    }

    [Theory]
    [InlineData("band", "<=150", "=150")]
    [InlineData("kind", "point-of-sale-tax", "pos-tax")]
    [InlineData("valid_from", "2021-07-01", "01/07/2021")]
    public void Load_MalformedRuleRow_ErrorNamesFileLineAndField(string field, string good, string bad)
    {
        var dir = CopyBundledTaxData();
        var rules = Path.Combine(dir, "tax", ImportRuleBook.RulesFile);
        var lines = File.ReadAllLines(rules);
        var row = Array.FindIndex(lines, l => l.StartsWith("EU-IOSS-150,", StringComparison.Ordinal));
        lines[row] = lines[row].Replace($",{good},", $",{bad},", StringComparison.Ordinal);
        File.WriteAllLines(rules, lines);

        var e = Assert.Throws<InvalidDataException>(() => ImportRuleBook.Load(dir));

        Assert.Contains($"{ImportRuleBook.RulesFile}:{row + 1}", e.Message, StringComparison.Ordinal);
        Assert.Contains($"'{field}'", e.Message, StringComparison.Ordinal);
        Assert.Contains(bad, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_Throws()
    {
        var dir = CopyBundledTaxData();
        File.Delete(Path.Combine(dir, "tax", ImportRuleBook.VatRatesFile));

        Assert.Throws<FileNotFoundException>(() => ImportRuleBook.Load(dir));
    }

    private static string CopyBundledTaxData()
    {
        var dir = Path.Combine(Path.GetTempPath(), "kuajing-tax-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "tax"));
        foreach (var file in Directory.GetFiles(Path.Combine(DataDirectory.Find(), "tax"), "*.csv"))
        {
            File.Copy(file, Path.Combine(dir, "tax", Path.GetFileName(file)));
        }

        return dir;
    }
}
