using System.Text.Json;
using Kuajing.Tracking.Carriers;
using Kuajing.Tracking.Events;
using NodaTime;

namespace Kuajing.Tests.Tracking.Carriers;

public sealed class EasyPostTrackingPluginTests
{
    private static readonly EasyPostTrackingPlugin Plugin = new();

    /// <summary>The response body (a JSON string inside the cassette, parsed twice) of interaction <paramref name="index"/>.</summary>
    private static string ResponseBody(string fixture, int index)
    {
        var path = Path.Combine(SharedTrackingDataset.RepoRoot(), "tests", "Kuajing.Tests", "Tracking", "Carriers", "Fixtures", fixture);
        using var cassette = JsonDocument.Parse(File.ReadAllText(path));
        return cassette.RootElement[index].GetProperty("Response").GetProperty("Body").GetString()!;
    }

    [Fact]
    public void Map_RetrievedTracker_TwoPreTransitScansWithTimesAndLocation()
    {
        // retrieve.json, GET /v2/trackers/trk_0d30…: EZ1000000001, two pre_transit/status_update details
        // ("Pre-Shipment Info Sent to USPS" 2024-07-16T17:12:58Z, no location; "Shipping Label Created" 2024-07-17T05:49:58Z, HOUSTON TX 77063).
        var result = Plugin.Map(ResponseBody("easypost-retrieve.json", 1), "easypost-retrieve.json");

        Assert.True(result.IsClean, string.Join("\n", result.Errors));
        Assert.Equal(2, result.Events.Count);
        var first = result.Events[0];
        Assert.Equal(Instant.FromUtc(2024, 7, 16, 17, 12, 58), first.EventTime);
        Assert.Equal(TrackingMilestone.Info, first.Milestone); // pre_transit → Info (label data, parcel not yet with the carrier)
        Assert.True(first.Location.IsUnknown);
        Assert.Equal("Pre-Shipment Info Sent to USPS", first.Carrier!.Message);
        Assert.Equal("USPS", first.Carrier.ReportedBy);
        Assert.Equal(new ShipmentReference("tracking", "EZ1000000001"), Assert.Single(first.References));

        var second = result.Events[1];
        Assert.Equal(Instant.FromUtc(2024, 7, 17, 5, 49, 58), second.EventTime);
        Assert.Equal(new EventLocation(City: "HOUSTON", Region: "TX", PostalCode: "77063"), second.Location);
        Assert.Equal("/tracking_details/1", second.Source.Locator);
        Assert.NotEqual(first.ContentHash, second.ContentHash);
    }

    [Fact]
    public void Map_TrackerList_EventsFromEveryTrackerIncludingErrorStatus()
    {
        // all.json: 5 trackers with 0, 2, 2, 1 and 2 details; the 4th (9400100105807076086699) is status "error".
        var result = Plugin.Map(ResponseBody("easypost-all.json", 0), "easypost-all.json");

        Assert.True(result.IsClean, string.Join("\n", result.Errors));
        Assert.Equal(7, result.Events.Count);
        var error = Assert.Single(result.Events, e => e.Carrier!.StatusCode == "error");
        Assert.Equal("9400100105807076086699", error.Carrier!.TrackingNumber);
        Assert.Equal(TrackingMilestone.Other, error.Milestone); // error → Other: nothing happened to the parcel
        Assert.Equal("/trackers/3/tracking_details/0", error.Source.Locator);
    }

    [Fact]
    public void Map_SameRecordingTwice_SameContentHashes()
    {
        // create.json and retrieve.json record the same tracker: the de-duplication key must be stable.
        var a = Plugin.Map(ResponseBody("easypost-retrieve.json", 0), "a").Events.Select(e => e.DeduplicationKey);
        var b = Plugin.Map(ResponseBody("easypost-retrieve.json", 1), "b").Events.Select(e => e.DeduplicationKey);

        Assert.Equal(a, b);
    }

    // EasyPost API reference, Tracker.status and TrackingDetail.status_detail values; expected milestones per docs/tracking-events.md.
    [Theory]
    [InlineData("in_transit", "arrived_at_facility", TrackingMilestone.Arrived)]
    [InlineData("in_transit", "departed_facility", TrackingMilestone.Departed)]
    [InlineData("in_transit", "status_update", TrackingMilestone.Info)] // generic detail falls back to the status row
    [InlineData("out_for_delivery", "out_for_delivery", TrackingMilestone.OutForDelivery)]
    [InlineData("delivered", "arrived_at_destination", TrackingMilestone.Arrived)]
    [InlineData("delivered", null, TrackingMilestone.Delivered)]
    [InlineData("return_to_sender", "return", TrackingMilestone.Returned)]
    [InlineData("failure", null, TrackingMilestone.DeliveryFailed)]
    [InlineData("brand_new_status", null, TrackingMilestone.Other)]
    public void MilestoneOf_StatusAndDetail_MapsPerTable(string status, string? detail, TrackingMilestone expected)
    {
        Assert.Equal(expected, EasyPostTrackingPlugin.MilestoneOf(status, detail));
    }

    [Fact]
    public void Map_DetailWithBadDatetime_ReportsFieldAndKeepsGoodDetail()
    {
        const string payload = """
            { "object": "Tracker", "tracking_code": "EZ1000000001", "tracking_details": [
              { "status": "delivered", "datetime": "yesterday" },
              { "status": "out_for_delivery", "datetime": "2024-07-18T08:00:00Z" } ] }
            """;

        var result = Plugin.Map(payload, "inline");

        Assert.Equal(TrackingMilestone.OutForDelivery, Assert.Single(result.Events).Milestone);
        var error = Assert.Single(result.Errors);
        Assert.Equal("tracking_details/0/datetime", error.Field);
        Assert.Contains("'yesterday'", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EZ1000000001", true)]
    [InlineData("9400100105807076086736", true)]
    [InlineData("RR123456785CN", true)]
    [InlineData("hello", false)]
    public void Accepts_NumberFormats_MatchDescriptor(string number, bool expected)
    {
        Assert.Equal(expected, Plugin.Accepts(number));
    }
}
