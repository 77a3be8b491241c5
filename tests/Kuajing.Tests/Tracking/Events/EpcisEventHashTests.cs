using Kuajing.Tracking.Events;

namespace Kuajing.Tests.Tracking.Events;

/// <summary>
/// The GS1 EPCIS Event Hash ID (CBV 2.0 §8.9). Expected values come from the GS1 reference implementation's own vectors
/// (<see cref="Gs1HashVectors"/>, MIT) and from equalities the algorithm promises (same event in XML and JSON-LD, shuffled
/// lists, other namespace prefixes); none are copied from this code's output.
/// </summary>
public sealed class EpcisEventHashTests
{
    private static List<TrackingEvent> Events(string relative)
    {
        var result = EpcisDocumentReader.ReadFile(SharedEventData.Epcis(relative));
        Assert.True(result.IsClean, string.Join("\n", result.Errors));
        return [.. result.Events];
    }

    // ---- (a) reference implementation vectors ----

    [Fact]
    public void ForDocument_ReferenceExampleXml_MatchesGs1ReferenceHash()
    {
        // github.com/RalphTro/epcis-event-hash-generator tests/examples/expected/CBV2.0/ReferenceEventHashAlgorithm.hashes
        Assert.Equal([Gs1HashVectors.ReferenceHash], EpcisEventHash.ForDocument(Gs1HashVectors.ReferenceXml));
    }

    [Fact]
    public void ForDocument_ReferenceExampleJsonLd_MatchesGs1ReferenceHash()
    {
        // Same event in JSON-LD (bare "departing", prefixed extension keys, arrays for repeated elements): same hash.
        Assert.Equal([Gs1HashVectors.ReferenceHash], EpcisEventHash.ForDocument(Gs1HashVectors.ReferenceJsonLd));
    }

    [Fact]
    public void PreHashStrings_TimeStampRoundOff_MatchesGs1ReferencePreHashes()
    {
        // expected/CBV2.0/TimeStampRoundOff.prehashes: .1415 → .142, .1414 → .141, .1007 → .101; id.gs1.de → id.gs1.org;
        // certificationInfo left out (CBV 2.0); "Dimensionless" / "ALARM_CONDITION" expanded.
        Assert.Equal(Gs1HashVectors.TimeStampRoundOffPreHashes, EpcisEventHash.PreHashStrings(Gs1HashVectors.TimeStampRoundOffJsonLd));
    }

    [Fact]
    public void ForDocument_TimeStampRoundOff_MatchesGs1ReferenceHashes()
    {
        Assert.Equal(Gs1HashVectors.TimeStampRoundOffHashes, EpcisEventHash.ForDocument(Gs1HashVectors.TimeStampRoundOffJsonLd));
    }

    [Fact]
    public void PreHashStrings_ObjectEventAllFields_StandardPartMatchesGs1Reference()
    {
        var pre = Assert.Single(EpcisEventHash.PreHashStrings(Gs1HashVectors.ObjectEventAllFieldsXml));

        Assert.StartsWith(Gs1HashVectors.ObjectEventAllFieldsPreHashStart, pre, StringComparison.Ordinal);
    }

    [Fact]
    public void ForDocument_ObjectEventAllFields_MatchesGs1ReferenceHash()
    {
        // Covers ILMD, nested user extensions, extensions inside sensorMetadata / sensorReport / sensorElement, eventID,
        // errorDeclaration and certificationInfo (all three left out), GSRN / GDTI / PGLN / GIAI conversions.
        Assert.Equal([Gs1HashVectors.ObjectEventAllFieldsHash], EpcisEventHash.ForDocument(Gs1HashVectors.ObjectEventAllFieldsXml));
    }

    // ---- (b) the GS1 EPCIS examples in ../shared/data ----

    public static TheoryData<string> IdenticalVariants => new()
    {
        "XML/WithEventHashID/event_with_identical_hash_id_3.xml", // EPCs shuffled
        "XML/WithEventHashID/event_with_identical_hash_id_4.xml", // quantity elements shuffled
        "XML/WithEventHashID/event_with_identical_hash_id_5.xml", // another namespace prefix for the same URI
        "XML/WithEventHashID/event_with_identical_hash_id_6.xml", // explicit xsi:type on an extension
        "XML/WithEventHashID/event_with_identical_hash_id_7.json", // JSON-LD form
    };

    [Theory]
    [MemberData(nameof(IdenticalVariants))]
    public void ContentHash_Gs1IdenticalHashVariant_EqualsBaseEventHash(string relative)
    {
        var baseline = Assert.Single(Events("XML/WithEventHashID/event_with_identical_hash_id_1.xml"));
        var variant = Assert.Single(Events(relative));

        Assert.True(EpcisEventHash.IsHashId(baseline.ContentHash), baseline.ContentHash);
        Assert.Equal(baseline.ContentHash, variant.ContentHash);
    }

    [Fact]
    public void PreHashStrings_VariantInAnotherTimeZone_DiffersOnlyInEventTimeZoneOffset()
    {
        // event_with_identical_hash_id_2.xml writes the same instant at -05:00 with eventTimeZoneOffset -05:00. The upstream
        // comment calls it identical, but CBV 2.0 §8.9 puts eventTimeZoneOffset (3rd in the canonical order) in the pre-hash,
        // and so does the reference implementation: the hash must differ, and only by that field.
        var baseline = Assert.Single(EpcisEventHash.PreHashStrings(File.ReadAllText(SharedEventData.Epcis("XML/WithEventHashID/event_with_identical_hash_id_1.xml"))));
        var other = Assert.Single(EpcisEventHash.PreHashStrings(File.ReadAllText(SharedEventData.Epcis("XML/WithEventHashID/event_with_identical_hash_id_2.xml"))));

        Assert.NotEqual(baseline, other);
        Assert.Equal(baseline, other.Replace("eventTimeZoneOffset=-05:00", "eventTimeZoneOffset=-06:00", StringComparison.Ordinal));
    }

    // JSON-LD / XML pairs among the GS1 examples that carry the same event (found by event time, then checked field by field).
    public static TheoryData<string, int, string, int> SamePairs => new()
    {
        { "JSON/Example_9.6.1-ObjectEvent.jsonld", 0, "XML/Example_9.6.1-ObjectEvent-2020_06_18a.xml", 0 },
        { "JSON/Example-TransactionEvents-2020_07_03y.jsonld", 0, "XML/Example-TransactionEvent-2020_07_03y.xml", 0 },
        { "JSON/WithSensorData/SensorDataExample1.jsonld", 0, "XML/WithSensorData/SensorDataExamples.xml", 0 },
        { "JSON/WithSensorData/SensorDataExample2.jsonld", 0, "XML/WithSensorData/SensorDataExamples.xml", 1 },
        { "JSON/WithSensorData/SensorDataExample3.jsonld", 0, "XML/WithSensorData/SensorDataExamples.xml", 2 },
        { "JSON/WithSensorData/SensorDataExample5.jsonld", 0, "XML/WithSensorData/SensorDataExamples.xml", 4 },
        { "JSON/AssociationEvent/AssociationEvent-a.jsonld", 0, "XML/AssociationEvent/AssociationEventExamples.xml", 0 },
        { "JSON/AssociationEvent/AssociationEvent-b.jsonld", 0, "XML/AssociationEvent/AssociationEventExamples.xml", 1 },
        { "JSON/AssociationEvent/AssociationEvent-c.jsonld", 0, "XML/AssociationEvent/AssociationEventExamples.xml", 2 },
        { "JSON/AssociationEvent/AssociationEvent-d.jsonld", 0, "XML/AssociationEvent/AssociationEventExamples.xml", 3 },
        { "JSON/AssociationEvent/AssociationEvent-e.jsonld", 0, "XML/AssociationEvent/AssociationEventExamples.xml", 4 },
        { "JSON/AssociationEvent/AssociationEvent-f.jsonld", 0, "XML/AssociationEvent/AssociationEventExamples.xml", 5 },
        { "JSON/AssociationEvent/AssociationEvent-g.jsonld", 0, "XML/AssociationEvent/AssociationEventExamples.xml", 6 },
        { "JSON/AssociationEvent/AssociationEvent-h.jsonld", 0, "XML/AssociationEvent/AssociationEventExamples.xml", 7 },
    };

    [Theory]
    [MemberData(nameof(SamePairs))]
    public void ContentHash_JsonLdAndXmlOfSameEvent_AreEqual(string json, int jsonIndex, string xml, int xmlIndex)
    {
        Assert.Equal(Events(xml)[xmlIndex].ContentHash, Events(json)[jsonIndex].ContentHash);
    }

    // Pairs with the same event time whose upstream documents really differ; the hash must tell them apart.
    [Theory]
    [InlineData("JSON/WithFullCombinationOfFields/object_event_all_possible_fields.jsonld", "XML/WithFullCombinationOfFields/object_event_all_possible_fields.xml")] // action ADD vs OBSERVE
    [InlineData("JSON/PersistentDisposition-example.jsonld", "XML/Example-PersistentDisposition.xml")] // ObjectEvent vs AggregationEvent
    public void ContentHash_UpstreamPairThatDiffersInContent_Differs(string json, string xml)
    {
        var j = Events(json)[0];
        var x = Events(xml)[0];

        Assert.Equal(j.EventTime, x.EventTime);
        Assert.True(j.Type != x.Type || j.Epcis!.Action != x.Epcis!.Action, "the documents should differ in type or action");
        Assert.NotEqual(j.ContentHash, x.ContentHash);
    }

    [Fact]
    public void ContentHash_DifferentEventsInOneDocument_AreDistinct()
    {
        var events = Events("XML/WithSensorData/SensorDataExamples.xml");

        Assert.Equal(14, events.Count);
        Assert.Equal(events.Count, events.Select(e => e.ContentHash).Distinct().Count());
    }

    [Fact]
    public void EventIds_HashIdsInGs1Examples_AreIllustrativeNotComputed()
    {
        // The GS1 examples carry eventIDs of hash-ID form, but the same eventID value is given to events with different
        // content, so those values cannot be hashes of their events (a hash ID is a function of the content). Kuajing keeps
        // them as given: DeduplicationKey is the eventID, the computed hash ID stays in ContentHash.
        var root = Path.Combine(SharedEventData.Root, "gs1-epcis-examples", "JSON");
        var withHashIds = Directory.EnumerateFiles(root, "*.jsonld", SearchOption.AllDirectories)
            .SelectMany(f => EpcisDocumentReader.ReadFile(f).Events)
            .Where(e => EpcisEventHash.IsHashId(e.EventId))
            .ToList();

        Assert.NotEmpty(withHashIds);
        Assert.Contains(withHashIds.GroupBy(e => e.EventId), g => g.Select(e => e.ContentHash).Distinct().Count() > 1);
        Assert.All(withHashIds, e => Assert.Equal(e.EventId, e.DeduplicationKey));
    }

    // ---- canonicalisation units ----

    [Theory]
    // SSCC: extension digit 0 + GCP 4012345 + serial reference 000000111 = 04012345000000111, mod-10 check digit 2
    // (weights 3,1,… from the right: sum 38 → 2), as in the reference vector above.
    [InlineData("urn:epc:id:sscc:4012345.0000000111", "https://id.gs1.org/00/040123450000001112")]
    // SGTIN: indicator 1 moved before GCP 0614141 + item 07346 → 1061414107346, check digit 4 (GS1 General Specifications example GTIN).
    [InlineData("urn:epc:id:sgtin:0614141.107346.2017", "https://id.gs1.org/01/10614141073464/21/2017")]
    // SGLN with extension 0 means no extension (TDS 2.0 §6.3.3); GLN 061414100777 + check 6.
    [InlineData("urn:epc:id:sgln:0614141.00777.0", "https://id.gs1.org/414/0614141007776")]
    [InlineData("urn:epc:class:lgtin:4012345.012345.998877", "https://id.gs1.org/01/04012345123456/10/998877")]
    // Digital Link on another domain, with a lot before the serial and a query string: finest level on id.gs1.org.
    [InlineData("https://example.com/shop/01/9506000134352/10/ABC1/21/XYZ?linkType=all", "https://id.gs1.org/01/09506000134352/21/XYZ")]
    [InlineData("https://www.ncbi.nlm.nih.gov/taxonomy/1126011", null)]
    [InlineData("urn:epc:id:sgtin:bad", null)]
    public void Normalise_Gs1Identifier_GivesConstrainedDigitalLink(string input, string? expected)
    {
        Assert.Equal(expected, Gs1DigitalLink.Normalise(input));
    }

    [Theory]
    [InlineData("200.0", "200")]
    [InlineData("26.20", "26.2")]
    [InlineData("+5", "5")]
    [InlineData("0.00001", "1e-05")] // how the reference implementation (Python float repr) writes it
    [InlineData("1e3", "1000")]
    [InlineData("-06:00", "-06:00")]
    [InlineData("urn:epcglobal:cbv:bizstep:shipping", "https://ref.gs1.org/cbv/BizStep-shipping")]
    [InlineData("cbv:Comp-latitude", "https://ref.gs1.org/cbv/Comp-latitude")]
    public void Canonical_Value_IsNormalised(string input, string expected)
    {
        Assert.Equal(expected, EpcisEventHash.Canonical(input));
    }

    [Theory]
    [InlineData("2005-04-04T20:33:31.116-06:00", "2005-04-05T02:33:31.116Z")]
    [InlineData("2019-04-02T13:05:00Z", "2019-04-02T13:05:00.000Z")]
    [InlineData("2023-02-02T11:04:03.1425Z", "2023-02-02T11:04:03.142Z")] // half to even (142.5 → 142)
    [InlineData("2023-02-02T11:04:03.1435Z", "2023-02-02T11:04:03.144Z")] // half to even (143.5 → 144)
    [InlineData("2023-02-02T11:04:03.9996Z", "2023-02-02T11:04:04.000Z")] // carries into the second
    public void CanonicalTime_Timestamp_IsUtcMilliseconds(string input, string expected)
    {
        Assert.Equal(expected, EpcisEventHash.CanonicalTime(input));
    }

    [Theory]
    [InlineData("ni:///sha-256;6ae96341e0acc6d7a261364751f60e68278a81cdf51da0abb6b4e617014e39d7?ver=CBV2.0", true)]
    [InlineData("ni:///sha-256;6AE96341E0ACC6D7A261364751F60E68278A81CDF51DA0ABB6B4E617014E39D7?ver=CBV2.0", false)]
    [InlineData("ni:///sha-256;6ae96341e0acc6d7a261364751f60e68278a81cdf51da0abb6b4e617014e39d7?ver=CBV2.1", false)]
    [InlineData("urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8", false)]
    [InlineData(null, false)]
    public void IsHashId_Value_RecognisesCbv20Sha256Form(string? value, bool expected)
    {
        Assert.Equal(expected, EpcisEventHash.IsHashId(value));
    }
}
