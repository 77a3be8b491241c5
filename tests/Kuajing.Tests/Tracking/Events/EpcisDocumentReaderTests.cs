using Kuajing.Tracking.Events;
using NodaTime;

namespace Kuajing.Tests.Tracking.Events;

public sealed class EpcisDocumentReaderTests
{
    public static TheoryData<string> AllFiles => SharedEventData.AllEpcisFiles();

    [Fact]
    public void AllFiles_FolderAsDescribedInSourceMd_Has47JsonLdAnd37XmlFiles()
    {
        // SOURCE.md of gs1-epcis-examples: 47 JSON-LD, 37 XML (+1 .json under XML/WithEventHashID).
        var files = ((IEnumerable<object[]>)AllFiles).Select(r => (string)r[0]).ToList();
        Assert.Equal(47, files.Count(f => f.EndsWith(".jsonld", StringComparison.Ordinal)));
        Assert.Equal(37, files.Count(f => f.EndsWith(".xml", StringComparison.Ordinal)));
        Assert.Single(files, f => f.EndsWith(".json", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(AllFiles))]
    public void ReadFile_EveryGs1Example_ParsesWithoutErrorsAndEveryEventHasTimeAndHash(string relative)
    {
        var result = EpcisDocumentReader.ReadFile(SharedEventData.Epcis(relative));

        Assert.True(result.IsClean, string.Join("\n", result.Errors));
        Assert.All(result.Events, e =>
        {
            Assert.NotNull(e.Epcis);
            Assert.StartsWith(EpcisEventHash.Prefix, e.ContentHash, StringComparison.Ordinal);
            Assert.True(e.EventTime > Instant.FromUtc(2000, 1, 1, 0, 0), $"{e.Source}: {e.EventTime}");
        });
    }

    // Expected counts read from the files by hand (and cross-checked with a Python count of event elements).
    [Theory]
    [InlineData("JSON/Example_9.6.1-ObjectEvent.jsonld", 2)]
    [InlineData("JSON/EPCISQueryDocument.jsonld", 2)] // events under epcisBody.queryResults.resultsBody.eventList
    [InlineData("JSON/AssociationEvent/AssociationEvent-a.jsonld", 1)]
    [InlineData("XML/WithSensorData/SensorDataExamples.xml", 14)]
    [InlineData("XML/AssociationEvent/AssociationEventExamples.xml", 8)]
    [InlineData("XML/WithExtension/ObjectEvent.xml", 2)]
    [InlineData("XML/CaptureJob/Example-CaptureJobSuccess.xml", 0)] // capture-job status: no events
    [InlineData("XML/CBV/CBV-11.4-2020-06-16a.xml", 0)] // master-data document: no events
    public void ReadFile_SpecificExample_ReturnsExpectedEventCount(string relative, int expected)
    {
        Assert.Equal(expected, EpcisDocumentReader.ReadFile(SharedEventData.Epcis(relative)).Events.Count);
    }

    [Fact]
    public void ReadFile_Example961Json_KeyFieldsAndMilestones()
    {
        var events = EpcisDocumentReader.ReadFile(SharedEventData.Epcis("JSON/Example_9.6.1-ObjectEvent.jsonld")).Events;

        var shipping = events[0];
        Assert.Equal(TrackingEventType.ObjectEvent, shipping.Type);
        Assert.Equal("ni:///sha-256;df7bb3c352fef055578554f09f5e2aa41782150ced7bd0b8af24dd3ccb30ba69?ver=CBV2.0", shipping.EventId);
        // 2005-04-03T20:33:31.116-06:00 = 2005-04-04T02:33:31.116Z
        Assert.Equal(Instant.FromUtc(2005, 4, 4, 2, 33, 31) + Duration.FromMilliseconds(116), shipping.EventTime);
        Assert.Equal(Offset.FromHours(-6), shipping.EventTimeOffset);
        Assert.Equal(EpcisAction.Observe, shipping.Epcis!.Action);
        Assert.Equal(2, shipping.Epcis.EpcList.Count);
        Assert.Equal("urn:epc:id:sgln:0614141.07346.1234", shipping.Epcis.ReadPoint);
        Assert.Equal(TrackingMilestone.Departed, shipping.Milestone); // CBV bizStep shipping → Departed (docs table)
        Assert.Equal("/epcisBody/eventList/0", shipping.Source.Locator);

        Assert.Equal(TrackingMilestone.Arrived, events[1].Milestone); // receiving → Arrived
        Assert.Equal("urn:epc:id:sgln:0012345.11111.0", events[1].Location.Identifier);
    }

    [Fact]
    public void ReadFile_TransformationEvent_TakesOffsetFromEventTimeZoneOffsetNotFromTimestamp()
    {
        // eventTime 2013-10-31T14:58:56.591Z with eventTimeZoneOffset +02:00 (EPCIS 2.0 §7.4.1: the offset field is authoritative).
        var e = Assert.Single(EpcisDocumentReader.ReadFile(SharedEventData.Epcis("JSON/Example_9.6.4-TransformationEvent.jsonld")).Events);

        Assert.Equal(TrackingEventType.TransformationEvent, e.Type);
        Assert.Equal(Instant.FromUtc(2013, 10, 31, 14, 58, 56) + Duration.FromMilliseconds(591), e.EventTime);
        Assert.Equal(Offset.FromHours(2), e.EventTimeOffset);
        Assert.Null(e.Epcis!.Action);
        Assert.Equal(2, e.Epcis.InputEpcList.Count);
        Assert.Equal(4, e.Epcis.OutputEpcList.Count);
    }

    [Fact]
    public void ReadFile_ErrorDeclarationJson_ReadsReasonAndCorrectiveIds()
    {
        var e = EpcisDocumentReader.ReadFile(SharedEventData.Epcis("JSON/WithErrorDeclaration/Example_9.6.1-ObjectEvent-with-error-declaration.jsonld")).Events[0];

        var decl = Assert.IsType<EpcisErrorDeclaration>(e.Epcis!.ErrorDeclaration);
        Assert.Equal("incorrect_data", decl.Reason);
        Assert.Equal(2, decl.CorrectiveEventIds.Count);
        Assert.Equal(Instant.FromUtc(2021, 2, 1, 22, 46, 31) + Duration.FromMilliseconds(117), decl.DeclarationTime);
    }

    [Fact]
    public void ReadFile_Example961Xml_SameEventsAsJson()
    {
        // The XML and JSON-LD versions of CBV example 9.6.1 describe the same two events.
        var xml = EpcisDocumentReader.ReadFile(SharedEventData.Epcis("XML/Example_9.6.1-ObjectEvent-2020_06_18a.xml")).Events;

        Assert.Equal(2, xml.Count);
        Assert.Equal("urn:epcglobal:cbv:bizstep:shipping", xml[0].Epcis!.BizStep);
        Assert.Equal(TrackingMilestone.Departed, xml[0].Milestone);
        Assert.Equal(Instant.FromUtc(2005, 4, 4, 2, 33, 31) + Duration.FromMilliseconds(116), xml[0].EventTime);
        Assert.StartsWith("line ", xml[0].Source.Locator, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadJson_OneBadEventAmongGood_ReturnsGoodEventAndNamedError()
    {
        const string json = """
            { "type": "EPCISDocument", "epcisBody": { "eventList": [
              { "type": "ObjectEvent", "action": "OBSERVE", "eventTime": "2024-05-01T10:00:00+08:00", "epcList": ["urn:epc:id:sgtin:1.2.3"], "bizStep": "departing" },
              { "type": "ObjectEvent", "action": "OBSERVE", "eventTime": "2024-13-01T10:00:00+08:00" },
              { "type": "ObjectEvent", "action": "JUMP", "eventTime": "2024-05-01T10:00:00Z" }
            ] } }
            """;

        var result = EpcisDocumentReader.ReadJson(json, "test.jsonld");

        var good = Assert.Single(result.Events);
        Assert.Equal(TrackingMilestone.Departed, good.Milestone);
        Assert.Equal(Offset.FromHours(8), good.EventTimeOffset);
        Assert.Contains(result.Errors, e => e.EventIndex == 1 && e.Field == "eventTime" && e.Reason.Contains("2024-13-01", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.EventIndex == 2 && e.Field == "action");
    }

    [Fact]
    public void ReadXml_NotXml_ReturnsDocumentError()
    {
        var result = EpcisDocumentReader.ReadXml("<EPCISDocument><unclosed>", "bad.xml");

        Assert.Empty(result.Events);
        Assert.StartsWith("bad.xml: line", Assert.Single(result.Errors).ToString(), StringComparison.Ordinal);
    }
}
