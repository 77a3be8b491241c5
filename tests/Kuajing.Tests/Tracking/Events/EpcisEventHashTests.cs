using Kuajing.Tracking.Events;

namespace Kuajing.Tests.Tracking.Events;

public sealed class EpcisEventHashTests
{
    // GS1 test files XML/WithEventHashID: one base event and variants the GS1 EPCIS Event Hash ID must treat as identical
    // (another time zone, shuffled EPCs, shuffled quantities, another namespace prefix, explicit xsi:type, and the JSON-LD form).
    // The files carry no expected hash value, so agreement is tested as equality of all seven.
    public static TheoryData<string> Variants => new()
    {
        "XML/WithEventHashID/event_with_identical_hash_id_2.xml",
        "XML/WithEventHashID/event_with_identical_hash_id_3.xml",
        "XML/WithEventHashID/event_with_identical_hash_id_4.xml",
        "XML/WithEventHashID/event_with_identical_hash_id_5.xml",
        "XML/WithEventHashID/event_with_identical_hash_id_6.xml",
        "XML/WithEventHashID/event_with_identical_hash_id_7.json",
    };

    private static TrackingEvent Single(string relative)
    {
        var result = EpcisDocumentReader.ReadFile(SharedEventData.Epcis(relative));
        Assert.True(result.IsClean, string.Join("\n", result.Errors));
        return Assert.Single(result.Events);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Compute_Gs1IdenticalHashVariant_EqualsBaseEventHash(string relative)
    {
        var baseline = Single("XML/WithEventHashID/event_with_identical_hash_id_1.xml");
        var variant = Single(relative);

        Assert.Equal(EpcisEventHash.PreHashText(baseline.Type, baseline.EventTime, baseline.Epcis!), EpcisEventHash.PreHashText(variant.Type, variant.EventTime, variant.Epcis!));
        Assert.Equal(baseline.ContentHash, variant.ContentHash);
    }

    [Fact]
    public void Compute_BaseEvent_IncludesSensorIlmdAndExtensionLeaves()
    {
        var e = Single("XML/WithEventHashID/event_with_identical_hash_id_1.xml");
        var text = EpcisEventHash.PreHashText(e.Type, e.EventTime, e.Epcis!);

        Assert.Contains("eventTime=2005-04-05T02:33:31.116Z", text, StringComparison.Ordinal);
        Assert.Contains("extension=ilmd/{http://example.com/ext1}float=20", text, StringComparison.Ordinal);
        Assert.Contains("extension=sensorElementList/sensorElement/sensorReport/value=26", text, StringComparison.Ordinal);
        Assert.Contains("extension={http://example.com/ext1}default=stringAsDefaultValue", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_EventWithOneEpcChanged_DiffersFromOriginal()
    {
        var e = Single("XML/WithEventHashID/event_with_identical_hash_id_1.xml");
        var changed = e.Epcis! with { EpcList = [.. e.Epcis.EpcList.Skip(1), "urn:epc:id:sgtin:0614141.107346.9999"] };

        Assert.NotEqual(e.ContentHash, EpcisEventHash.Compute(e.Type, e.EventTime, changed));
    }

    [Fact]
    public void Compute_DifferentEventsInOneDocument_HaveDifferentHashes()
    {
        var events = EpcisDocumentReader.ReadFile(SharedEventData.Epcis("XML/WithSensorData/SensorDataExamples.xml")).Events;

        Assert.Equal(events.Count, events.Select(e => e.ContentHash).Distinct().Count());
    }

    [Fact]
    public void Compute_NonEpcisEvent_Throws()
    {
        var e = Single("XML/WithEventHashID/event_with_identical_hash_id_1.xml") with { Epcis = null };

        Assert.Throws<ArgumentException>(() => EpcisEventHash.Compute(e));
    }
}
