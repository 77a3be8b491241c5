using Xunit;

namespace Kuajing.Tests.Customs.RetailImport;

/// <summary>kuajing retail-import quota … and kuajing lowvalue dataset through Program.Main (exit codes 0 / 1 / 2).</summary>
public sealed class RetailImportCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kuajing-quota-cli-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Quota_ReserveOverLimitRefund_ExitCodesAndHashedStorage()
    {
        // 财关税〔2018〕49号: 26,000 per year. 5 x 5,000 + 1,000 = 26,000 fits; 0.01 more is rejected (exit 1).
        var db = Path.Combine(_dir, "k.db");
        string[] Reserve(string order, string value) =>
            ["retail-import", "quota", "reserve", "--buyer-id", "11010519491231002X", "--order", order, "--value", value, "--date", "2026-03-10", "--db", db];
        for (var i = 1; i <= 5; i++)
        {
            Assert.Equal(0, await Kuajing.Cli.Program.Main(Reserve($"T{i}", "5000.00")));
        }

        Assert.Equal(0, await Kuajing.Cli.Program.Main(Reserve("T6", "1000.00")));
        Assert.Equal(1, await Kuajing.Cli.Program.Main(Reserve("T7", "0.01")));
        Assert.Equal(0, await Kuajing.Cli.Program.Main([.. Reserve("T7", "0.01"), "--on-limit", "general-trade"]));
        Assert.Equal(0, await Kuajing.Cli.Program.Main(["retail-import", "quota", "refund", "--order", "T2", "--db", db]));
        Assert.Equal(0, await Kuajing.Cli.Program.Main(Reserve("T8", "0.01")));
        Assert.Equal(1, await Kuajing.Cli.Program.Main(["retail-import", "quota", "commit", "--order", "none", "--db", db]));
        var badId = Reserve("T9", "1");
        badId[4] = "110105194912310021"; // bad check character
        Assert.Equal(2, await Kuajing.Cli.Program.Main(badId));

        // The key file exists beside the database and the ID number is nowhere in the database file.
        Assert.True(File.Exists(db + ".retail-import-key"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var bytes = await File.ReadAllBytesAsync(db);
        Assert.DoesNotContain("11010519491231002X", System.Text.Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LowValue_EuWithoutIoss_ExitsOne_BadRoute_ExitsTwo()
    {
        var file = Path.Combine(Kuajing.ReferenceData.DataDirectory.Find(), "orders", "online-retail", "orders-2011-08.csv.gz");
        var json = Path.Combine(_dir, "h7.json");
        Assert.Equal(1, await Kuajing.Cli.Program.Main(["lowvalue", "dataset", "--dest", "EU", "--order", "562287", "--orders", file, "--out", json]));
        Assert.Contains("\"ioss_vat_id\"", await File.ReadAllTextAsync(json), StringComparison.Ordinal);
        Assert.Equal(2, await Kuajing.Cli.Program.Main(["lowvalue", "dataset", "--dest", "EU", "--order", "562287", "--orders", file, "--vat-route", "postal"]));
    }
}
