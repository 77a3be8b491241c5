using Kuajing.Cli;

namespace Kuajing.Tests.Customs.China;

public sealed class CustomsCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kuajing-customs-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string MonthFile => Path.Combine(Kuajing.ReferenceData.DataDirectory.Find(), "orders", "online-retail", "orders-2011-03.csv.gz");

    [Fact]
    public void RunDeclare_9610Order545645_WritesFiveValidMessagesExit0()
    {
        var code = CustomsCommands.RunDeclare("9610", "545645", ChinaCustomsFixture.SamplePath, _dir, "export", 782, MonthFile, "2026-02-27T06:00:00Z", null);
        Assert.Equal(0, code);
        // 9610 export: order, receipt of payment, waybill, list, and the CEB701 summary (清单核放、汇总申报).
        Assert.Equal(["CEB303", "CEB403", "CEB505", "CEB603", "CEB701"], Directory.GetFiles(_dir).Select(f => Path.GetFileName(f)[4..10]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RunDeclare_UnknownMode_UsageExit2() =>
        Assert.Equal(2, CustomsCommands.RunDeclare("9999", "545645", ChinaCustomsFixture.SamplePath, _dir, "export", 782, MonthFile, null, null));

    [Fact]
    public void RunDeclare_UnknownInvoice_UsageExit2() =>
        Assert.Equal(2, CustomsCommands.RunDeclare("9610", "999999", ChinaCustomsFixture.SamplePath, _dir, "export", 782, MonthFile, null, null));

    [Fact]
    public void RunDeclare_ThreeOrderMismatch_RejectedExit1NoFiles()
    {
        var input = Path.Combine(_dir, "in.json");
        File.WriteAllText(input, File.ReadAllText(ChinaCustomsFixture.SamplePath).Replace("\"amount\": \"209.59\"", "\"amount\": \"209.60\"", StringComparison.Ordinal));
        var outDir = Path.Combine(_dir, "out");
        Assert.Equal(1, CustomsCommands.RunDeclare("9610", "545645", input, outDir, "export", 782, MonthFile, "2026-02-27T06:00:00Z", null));
        Assert.False(Directory.Exists(outDir));
    }
}
