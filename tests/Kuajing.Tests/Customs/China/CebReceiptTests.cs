using System.Text;
using Kuajing.Customs.China;
using Kuajing.Ledger;
using Kuajing.Timeline;
using Kuajing.Tracking;
using Kuajing.Tracking.Events;
using Kuajing.Tracking.Numbers;
using Kuajing.Webhooks;
using NodaTime;
using NodaTime.Testing;

namespace Kuajing.Tests.Customs.China;

public sealed class CebReceiptTests : IDisposable
{
    private static readonly CebReceiptReader Reader = new(ReceiptStatusTable.LoadBundled(Kuajing.ReferenceData.DataDirectory.Find()));
    private readonly string _dir = Directory.CreateTempSubdirectory("kuajing-ceb-receipt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // The shape of a real CEB312 receipt (jasmine-100/dandingtest DeclareBack.java): default namespace, guid attribute,
    // OrderReturn with returnStatus 2 and a 17-digit returnTime.
    private const string Ceb312 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <CEB312Message xmlns="http://www.chinaport.gov.cn/ceb" version="1.0" guid="C49D69D2-2544-4C8F-96E6-F82C65C1CA0C">
          <OrderReturn><guid>4f2011fc-4ed0-478c-b190-22e76ef8b78a</guid><ebpCode>33169667BG</ebpCode><ebcCode>3301964J31</ebcCode>
          <orderNo>545645</orderNo><returnStatus>2</returnStatus><returnTime>20191112143633776</returnTime>
          <returnInfo>新增申报成功[8F49799F-EA6F-4E03-87FC-6123DBF163F2]</returnInfo></OrderReturn>
        </CEB312Message>
        """;

    private static string ListReceipt(int type, string status) => $"""
        <ceb:CEB{type}Message xmlns:ceb="http://www.chinaport.gov.cn/ceb" version="1.0" guid="0F4B8E86-5D43-4E55-9E6C-8F6E3A4B2C11">
          <ceb:InventoryReturn><ceb:guid>EE708E4C-F6BF-5272-A829-FF8FD826E946</ceb:guid><ceb:customsCode>4600</ceb:customsCode>
          <ceb:ebpCode>410196ZZ01</ceb:ebpCode><ceb:ebcCode>91410100MA0000001X</ceb:ebcCode><ceb:agentCode>410198ZZ04</ceb:agentCode>
          <ceb:copNo>KJ545645</ceb:copNo><ceb:orderNo>545645</ceb:orderNo><ceb:logisticsNo>HJ005456450CN</ceb:logisticsNo>
          <ceb:returnStatus>{status}</ceb:returnStatus><ceb:returnTime>20260227160500</ceb:returnTime><ceb:returnInfo>test</ceb:returnInfo></ceb:InventoryReturn>
        </ceb:CEB{type}Message>
        """;

    private static CebReceipt Parse(string xml) => Reader.Parse(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "test.xml");

    [Fact]
    public void Parse_RealCeb312Shape_DeclaringWithChinaTime()
    {
        var r = Parse(Ceb312);
        Assert.Equal(("CEB312", "CEB311", CustomsDirection.Import), (r.MessageType, r.AnswersType, r.Direction));
        Assert.Equal(DeclarationStatus.Declaring, r.Status);
        Assert.Equal("545645", r.OrderNo);
        // 2019-11-12 14:36:33.776 in China (UTC+8) = 06:36:33.776 UTC.
        Assert.Equal(Instant.FromUtc(2019, 11, 12, 6, 36, 33) + Duration.FromMilliseconds(776), r.ReturnTime);
    }

    [Theory]
    [InlineData(604, "800", DeclarationStatus.Released, TrackingMilestone.ExportCleared)] // export list released: export cleared
    [InlineData(622, "800", DeclarationStatus.Released, TrackingMilestone.ImportCustomsReleased)] // import list released
    [InlineData(604, "500", DeclarationStatus.Inspection, TrackingMilestone.ExportCustomsHeld)] // inspection of an export list = export customs hold
    [InlineData(604, "502", DeclarationStatus.Held, TrackingMilestone.ExportCustomsHeld)]
    [InlineData(622, "500", DeclarationStatus.Inspection, TrackingMilestone.ImportCustomsHeld)] // inspection of an import list = import customs hold
    [InlineData(622, "502", DeclarationStatus.Held, TrackingMilestone.ImportCustomsHeld)]
    [InlineData(604, "700", DeclarationStatus.ReturnedShipment, TrackingMilestone.Returned)]
    [InlineData(604, "120", DeclarationStatus.Accepted, TrackingMilestone.Info)]
    [InlineData(604, "-301010", DeclarationStatus.Refused, TrackingMilestone.Info)] // negative = refused
    [InlineData(604, "777", DeclarationStatus.Unknown, TrackingMilestone.Other)] // not in the table: unknown, never guessed
    public void ToTrackingEvent_StatusCode_MapsToMilestone(int type, string code, DeclarationStatus status, TrackingMilestone milestone)
    {
        var r = Parse(ListReceipt(type, code));
        Assert.Equal(status, r.Status);
        Assert.Equal(milestone, CustomsReceiptEvents.ToTrackingEvent(r, null).Milestone);
    }

    [Fact]
    public void Parse_DeclarationMessageNotReceipt_Throws() =>
        Assert.Throws<CebReceiptFormatException>(() => Parse(ListReceipt(603, "800")));

    [Fact]
    public void Parse_MissingReturnStatus_ThrowsNamingField()
    {
        var e = Assert.Throws<CebReceiptFormatException>(() => Parse(ListReceipt(604, "800").Replace("<ceb:returnStatus>800</ceb:returnStatus>", "", StringComparison.Ordinal)));
        Assert.Contains("returnStatus", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CaptureAsync_ReleasedReceipt_OnShipmentTimelineAsExportCleared()
    {
        var shipment = new TrackingNumberAllocator().Allocate(545645, new Geography.CountryCode("CN"));
        await using var store = await TimelineStore.OpenAsync(Path.Combine(_dir, "t.db"), null, CancellationToken.None);
        using var signer = TreeHeadSigner.Create();
        var service = new TimelineService(store, signer, CarrierNumberValidator.LoadBundled(), new FakeClock(Instant.FromUtc(2026, 2, 27, 9, 0)));

        var released = CustomsReceiptEvents.ToTrackingEvent(Parse(ListReceipt(604, "800")), shipment, "CNCGO");
        var first = await service.CaptureAsync([released], CancellationToken.None);
        var again = await service.CaptureAsync([released], CancellationToken.None);

        Assert.Equal((1, 0), (first.Stored, first.Duplicates));
        Assert.Equal((0, 1), (again.Stored, again.Duplicates)); // same receipt twice: stored once
        var (_, events) = await service.TimelineAsync(shipment.ToString(), CancellationToken.None);
        var e = Assert.Single(events);
        Assert.Equal(("ExportCleared", "CNCGO"), (e.Milestone, e.Location));
        Assert.Equal("Customs", e.SourceFormat); // a customs authority's receipt, not a carrier feed
        Assert.Equal(new DateTime(2026, 2, 27, 8, 5, 0, DateTimeKind.Utc), e.EventTimeUtc); // 16:05 China time
    }

    [Fact]
    public async Task CaptureAsync_ExportListHeld_TimelineExportCustomsHeldAndWebhookMilestoneQueued()
    {
        // CEB604 (export list receipt) with status 502 "held" (receipt-statuses.csv, U): an export-side customs hold. It is a
        // canonical milestone, so a shipment subscriber is told "milestone.export_customs_held" (docs/webhooks.md: the
        // milestone name in lower snake case).
        var shipment = new TrackingNumberAllocator().Allocate(545645, new Geography.CountryCode("CN"));
        var path = Path.Combine(_dir, "hold.db");
        await using var store = await TimelineStore.OpenAsync(path, null, CancellationToken.None);
        using var signer = TreeHeadSigner.Create();
        var clock = new FakeClock(Instant.FromUtc(2026, 2, 27, 9, 0));
        var service = new TimelineService(store, signer, CarrierNumberValidator.LoadBundled(), clock);
        await new WebhookSubscriptionStore(store, clock).AddAsync(
            WebhookSubscription.Create(WebhookScope.ForShipment(shipment.ToString()), WebhookNotificationKinds.Milestone, new Uri("https://hooks.example.com/kj")), CancellationToken.None);

        var held = CustomsReceiptEvents.ToTrackingEvent(Parse(ListReceipt(604, "502")), shipment, "CNCGO");
        Assert.True((await service.CaptureAsync([held], CancellationToken.None)).Accepted);

        var (_, events) = await service.TimelineAsync(shipment.ToString(), CancellationToken.None);
        Assert.Equal(("ExportCustomsHeld", "Customs"), (Assert.Single(events).Milestone, events[0].SourceFormat));
        var queued = await new TimelineWebhookOutbox(() => new TimelineStore(TimelineStore.ForSqlite(path)))
            .LeaseDueAsync(clock.GetCurrentInstant() + Duration.FromDays(1), Duration.FromSeconds(80), 10, CancellationToken.None);
        Assert.Equal("milestone.export_customs_held", Assert.Single(queued).Delivery.Notification.Type);
    }
}
