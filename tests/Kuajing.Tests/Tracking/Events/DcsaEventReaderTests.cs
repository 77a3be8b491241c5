using Kuajing.Tracking.Events;
using NodaTime;
using NodaTime.Testing;

namespace Kuajing.Tests.Tracking.Events;

public sealed class DcsaEventReaderTests
{
    // A fixed "now" after every example's eventCreatedDateTime (latest valid one: 2021-01-23) and before 2099.
    private static readonly IClock Clock = new FakeClock(Instant.FromUtc(2026, 6, 1, 0, 0));

    private static EventParseResult Read(string file) => DcsaEventReader.ReadFile(SharedEventData.Dcsa(file), Clock);

    // Event counts read from the DCSA messages (SOURCE.md: the v2.2 response holds 7 events; v3 files one event per request).
    [Theory]
    [InlineData("tnt-220-response.json", 7, EventSourceFormat.DcsaV22)]
    [InlineData("tnt-300-request-shipment.json", 1, EventSourceFormat.DcsaV30)]
    [InlineData("tnt-300-request-transport.json", 1, EventSourceFormat.DcsaV30)]
    [InlineData("tnt-300-request-equipment.json", 1, EventSourceFormat.DcsaV30)]
    [InlineData("tnt-300-request-iot.json", 1, EventSourceFormat.DcsaV30)]
    [InlineData("tnt-300-request-reefer.json", 1, EventSourceFormat.DcsaV30)]
    [InlineData("tnt-300-response.json", 5, EventSourceFormat.DcsaV30)]
    [InlineData("tnt-300-response-nextpage.json", 5, EventSourceFormat.DcsaV30)]
    public void Read_ValidDcsaMessage_ParsesEveryEventWithoutErrors(string file, int expected, EventSourceFormat format)
    {
        var result = Read(file);

        Assert.True(result.IsClean, string.Join("\n", result.Errors));
        Assert.Equal(expected, result.Events.Count);
        Assert.All(result.Events, e => Assert.Equal(format, e.Source.Format));
    }

    [Fact]
    public void Read_V22TransportArrival_MapsToArrivedWithVesselAndLocode()
    {
        var e = Read("tnt-220-response.json").Events[0];

        Assert.Equal("3cecb101-7a1a-43a4-9d62-e88a131651e2", e.EventId);
        Assert.Equal(TrackingEventType.DcsaTransport, e.Type);
        Assert.Equal(TrackingMilestone.Arrived, e.Milestone); // TRANSPORT ARRI → Arrived
        Assert.Equal(EventClassifier.Actual, e.Classifier);
        Assert.Equal(Instant.FromUtc(2021, 1, 9, 13, 12, 56), e.EventTime); // 14:12:56+01:00
        Assert.Equal(Offset.FromHours(1), e.EventTimeOffset);
        Assert.Equal("FRPAR", e.Location.UnLocode);
        Assert.Equal("9321483", e.Dcsa!.TransportCall!.Vessel!.ImoNumber);
        Assert.Contains(new ShipmentReference("BKG", "ABC123123123"), e.References);
        Assert.Contains(new ShipmentReference("EQ", "APZU4812090"), e.References);
    }

    [Fact]
    public void Read_V22EstimatedEquipmentLoad_IsInfoAndEstimated()
    {
        var e = Read("tnt-220-response.json").Events[2];

        Assert.Equal(TrackingEventType.DcsaEquipment, e.Type);
        Assert.Equal(EventClassifier.Estimated, e.Classifier);
        Assert.Equal(TrackingMilestone.Info, e.Milestone); // EQUIPMENT LOAD → Info (container move, not a parcel milestone)
        Assert.Equal("APZU4812090", e.Dcsa!.EquipmentReference);
        Assert.Equal(Offset.FromHoursAndMinutes(8, 30), e.EventTimeOffset);
    }

    [Fact]
    public void Read_V30TransportArrival_MapsFieldsFromEventClassification()
    {
        var e = Assert.Single(Read("tnt-300-request-transport.json").Events);

        Assert.Equal("evt-trans-001-2026-01-20T12:30:00Z", e.EventId);
        Assert.Equal(TrackingMilestone.Arrived, e.Milestone);
        Assert.Equal("DEHAM", e.Location.UnLocode);
        Assert.Equal("1234567", e.Dcsa!.TransportCall!.Vessel!.ImoNumber);
        Assert.Contains(new ShipmentReference("TRD", "HHL71800000"), e.References);
    }

    [Fact]
    public void Read_WrongDateTimes_RejectsEachBadEventNamingTheField()
    {
        var result = Read("tnt-220-response-wrong-date-times.json");

        Assert.Empty(result.Events); // every event in this negative fixture lacks the required eventID
        Assert.Contains(result.Errors, e => e.EventIndex == 1 && e.Field == "eventCreatedDateTime" && e.Reason == "is required");
        Assert.Contains(result.Errors, e => e.EventIndex == 2 && e.Field == "eventDateTime" && e.Reason == "is required");
        Assert.Contains(result.Errors, e => e.EventIndex == 3 && e.Field == "eventCreatedDateTime" && e.Reason.Contains("'2021 01 01 14:12:56' is not an ISO 8601 date-time", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.EventIndex == 4 && e.Field == "eventDateTime" && e.Reason.Contains("'2019/11/12 07:41:00 +08:30'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.EventIndex == 5 && e.Field == "eventCreatedDateTime" && e.Reason.Contains("before the eventDateTime", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.EventIndex == 6 && e.Field == "eventCreatedDateTime" && e.Reason.Contains("in the future", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.EventIndex == 0 && e.Field == "eventID");
    }

    [Fact]
    public void Read_WrongEventIds_RejectsNonStringNonUuidAndDuplicates()
    {
        var result = Read("tnt-220-response-wrong-event-ids.json");

        Assert.Contains(result.Errors, e => e.EventIndex == 0 && e.Field == "eventID" && e.Reason.Contains("expected a string", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.EventIndex == 1 && e.Field == "eventID" && e.Reason.Contains("not a UUID", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.EventIndex == 3 && e.Field == "eventID" && e.Reason.Contains("events[2]", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.EventIndex == 6 && e.Field == "eventID" && e.Reason.Contains("events[5]", StringComparison.Ordinal));
        // The first of each duplicated pair and the well-formed unique id still come through (errors are per event).
        Assert.Equal(["3cecb101-7a1a-43a4-9d62-e88a131651e8", "1ed826d0-3643-42e3-974b-eb88357c8e40", "af7728dc-0e1e-42d2-ad78-61c5c0c25878"], result.Events.Select(e => e.EventId));
    }

    [Fact]
    public void Read_WrongAttributeValues_RejectsMissingIdAndNonCountryLocodes()
    {
        var result = Read("tnt-220-response-wrong-attribute-values.json");

        Assert.False(result.IsClean);
        Assert.Contains(result.Errors, e => e.EventIndex == 0 && e.Field == "eventID" && e.Reason == "is required");
        // XY is an ISO 3166-1 user-assigned code: XYABC cannot be a UN/LOCODE of a real place.
        Assert.Contains(result.Errors, e => e.EventIndex == 0 && e.Field == "transportCall.UNLocationCode" && e.Reason.Contains("'XYABC'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.EventIndex == 2 && e.Field == "eventLocation.UNLocationCode");
    }

    [Fact]
    public void Read_WrongStructure_RejectsEventsWithoutTheRequiredFields()
    {
        var result = Read("tnt-220-response-wrong-structure.json");

        Assert.Empty(result.Events);
        Assert.Contains(result.Errors, e => e.EventIndex == 0 && e.Field == "eventID" && e.Reason == "is required");
        Assert.Contains(result.Errors, e => e.EventIndex == 0 && e.Field == "eventType");
    }

    [Theory]
    [InlineData("9321483", true)] // 9·7+3·6+2·5+1·4+4·3+8·2 = 123 → check digit 3
    [InlineData("9321484", false)]
    [InlineData("932148", false)]
    public void IsImoNumber_CheckDigitRule_AsIMOResolutionA1117(string imo, bool expected)
    {
        Assert.Equal(expected, DcsaEventReader.IsImoNumber(imo));
    }

    [Fact]
    public void Read_CustomsHoldAndRelease_MapToImportCustomsMilestones()
    {
        const string json = """
            [ { "eventID": "6f1c3b0e-8c1e-4a36-9b1a-0a0b0c0d0e0f", "eventCreatedDateTime": "2024-05-02T00:00:00Z", "eventType": "SHIPMENT",
                "eventClassifierCode": "ACT", "eventDateTime": "2024-05-01T09:00:00+02:00", "shipmentEventTypeCode": "HOLD",
                "documentTypeCode": "CUS", "documentID": "CUS-1" },
              { "eventID": "6f1c3b0e-8c1e-4a36-9b1a-0a0b0c0d0e10", "eventCreatedDateTime": "2024-05-03T00:00:00Z", "eventType": "SHIPMENT",
                "eventClassifierCode": "ACT", "eventDateTime": "2024-05-02T09:00:00+02:00", "shipmentEventTypeCode": "RELS",
                "documentTypeCode": "CUS", "documentID": "CUS-1" } ]
            """;

        var result = DcsaEventReader.Read(json, "customs.json", Clock);

        Assert.True(result.IsClean, string.Join("\n", result.Errors));
        Assert.Equal([TrackingMilestone.ImportCustomsHeld, TrackingMilestone.ImportCustomsReleased], result.Events.Select(e => e.Milestone));
    }
}
