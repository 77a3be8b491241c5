using Kuajing.Geography;
using Kuajing.Lanes;
using Kuajing.ReferenceData;
using Kuajing.Provenance;
using NodaTime;

namespace Kuajing.Tests.Lanes;

public sealed class LaneCatalogueTests
{
    private static readonly Lazy<LaneCatalogue> Bundled = new(() => LaneCatalogue.Load(DataDirectory.Find()));

    // Destination countries of the bundled UCI Online Retail orders (issue #2 brief).
    private static readonly string[] UciDestinations =
    [
        "GB", "DE", "FR", "IE", "ES", "NL", "BE", "CH", "PT", "AU", "NO", "IT", "FI", "CY", "SE", "AT", "DK", "JP", "PL", "IL",
        "US", "HK", "SG", "IS", "CA", "GR", "MT", "AE", "ZA", "LB", "LT", "BR", "CZ", "BH", "SA",
    ];

    [Fact]
    public void Load_BundledData_EveryLaneHasSourceValidityAndKnownNodes()
    {
        var catalogue = Bundled.Value;

        Assert.NotEmpty(catalogue.Lanes);
        Assert.All(catalogue.Lanes, lane =>
        {
            Assert.False(string.IsNullOrWhiteSpace(lane.Source.Citation));
            Assert.Contains("lanes-and-rates.md", lane.Source.Citation, StringComparison.Ordinal);
            Assert.True(catalogue.Nodes.ContainsKey(lane.From), lane.Id);
            Assert.True(catalogue.Nodes.ContainsKey(lane.To), lane.Id);
            Assert.True(lane.TransitDaysMin <= lane.TransitDaysMax, lane.Id);

            // Every lane must be usable somewhere in the replay window 2025-11-19 .. 2026-10-28 or end before it by design (dated versions).
            Assert.True(lane.Validity.From <= new LocalDate(2026, 10, 28), lane.Id);
        });
        Assert.All(catalogue.Nodes.Values, node => Assert.False(string.IsNullOrWhiteSpace(node.Source.Citation)));
    }

    [Fact]
    public void Load_BundledData_EveryDoorIsReachedByALaneAndEveryNodeIsUsed()
    {
        var catalogue = Bundled.Value;
        var used = catalogue.Lanes.SelectMany(l => new[] { l.From, l.To }).ToHashSet();
        var unused = catalogue.Nodes.Keys.Where(code => !used.Contains(code) && !code.StartsWith("DOOR-", StringComparison.Ordinal)).ToList();

        Assert.Empty(unused);
        Assert.Equal("CNCGO", LaneCatalogue.DefaultOrigin);
        Assert.Equal(NodeKind.Hub, catalogue.Nodes["CNCGO"].Kind);
    }

    [Fact]
    public void TryResolve_LegacyTradeAlias_FindsCanonicalSeaport()
    {
        // lanes-and-rates.md §6.2: UN/LOCODE 2024 lists Shanghai port as CNSHG while trade and FBX use CNSHA.
        Assert.True(Bundled.Value.TryResolve("cnshg", out var port));
        Assert.Equal("CNSHA", port.Code);
        Assert.Equal(NodeKind.Seaport, port.Kind);

        // CNSGH is the UN/LOCODE city entry: it names the Shanghai hub, not the port.
        Assert.True(Bundled.Value.TryResolve("CNSGH", out var hub));
        Assert.Equal(NodeKind.Hub, hub.Kind);
        Assert.False(Bundled.Value.TryResolve("CNZZU", out _)); // §6.3: CNZZU is Fuzhou, not Zhengzhou
    }

    [Fact]
    public void RateCardPrice_ZctEuropeDdpLine2Point2Kg_Is450Cny()
    {
        // lanes-and-rates.md §9.4e (RP workbook): ZCT Europe air line DDP to DE/FR/NL = CNY 300 for the first 1 kg
        // + CNY 50 per further 0.5 kg, billed in 0.5 kg steps. 2.2 kg is billed as 2.5 kg: 1.5 kg above the first
        // kilogram = 3 steps of 0.5 kg, so 300 + 3 × 50 = CNY 450.
        var lane = Bundled.Value.Lanes.Single(l => l.Id == "line-CNCGO-DE-zct-ddp");

        var price = lane.Rate.Price(2.2m, 0.01m, 2.2m, 1);

        Assert.Equal(450m, price.Amount);
        Assert.Equal("CNY", price.Currency.Value);
        Assert.True(lane.DutyAndTaxIncluded);
        Assert.Equal(SourceStatus.Unconfirmed, lane.Source.Status);
    }

    [Fact]
    public void RateCardPrice_ZctEuropeDdpLine25Kg_UsesThe21KgBreak()
    {
        // Same row: "from 21 kg 85 per kg" → 25 kg × 85 = CNY 2,125 (the first-weight rule no longer applies).
        var lane = Bundled.Value.Lanes.Single(l => l.Id == "line-CNCGO-FR-zct-ddp");

        Assert.Equal(2125m, lane.Rate.Price(25m, 0.1m, 25m, 1).Amount);
    }

    [Fact]
    public void RateCardPrice_DhlPaket4Kg_IsTheUpTo5KgPrice()
    {
        // lanes-and-rates.md §5: DHL Paket from 2025-01-01, up to 2 kg EUR 6.19, up to 5 kg EUR 7.69; a 4 kg parcel is in the 5 kg band.
        var lane = Bundled.Value.Lanes.Single(l => l.Id == "lastmile-DEHAM-DE-dhl-paket");

        Assert.Equal(7.69m, lane.Rate.Price(4m, 0.01m, 4m, 1).Amount);
        Assert.Equal(6.19m, lane.Rate.Price(1.5m, 0.01m, 1.5m, 1).Amount);
        Assert.Equal(5m, lane.Limits.MaxPieceKg);
    }

    [Fact]
    public void RateCardPrice_YunExpressUs1Point2Kg_MatchesTheSheetWorkedValue()
    {
        // lanes-and-rates.md §9.4a: YunExpress US sheet, 0.70-2.00 kg bracket CNY 91/kg + 13/item; worked value 1.2 × 91 + 13 = 122.2.
        var lane = Bundled.Value.Lanes.Single(l => l.Id == "line-CNCGO-US-yunexpress-general");

        Assert.Equal(122.2m, lane.Rate.Price(1.2m, 0.002m, 1.2m, 1).Amount);
    }

    [Fact]
    public void RateCardPrice_ChengduLodzFcl_IsTheSurveyedFeuRate()
    {
        // lanes-and-rates.md §1.2: through rate Mar 2025, Chengdu USD 5,250 per FEU; 30 m³ fits one 40 ft box.
        var lane = Bundled.Value.Lanes.Single(l => l.Id == "rail-CNCDU-PLLOD-fcl");

        Assert.Equal(5250m, lane.Rate.Price(5000m, 30m, 5000m, 10).Amount);
        Assert.Equal([IsoDayOfWeek.Saturday], lane.Schedule.Days);
        Assert.Equal(9826m, lane.DistanceKm);
    }

    [Fact]
    public void UnpricedLaneIds_FirstMileTrucking_IsFlaggedAsPriceUnknown()
    {
        // lanes-and-rates.md has no China trucking price: the lane exists for routing but its price is unknown, never zero.
        var catalogue = Bundled.Value;
        var firstMile = catalogue.Lanes.Single(l => l.Id == "road-CNCGO-CGO");

        Assert.False(catalogue.IsPriceKnown(firstMile));
        Assert.Equal(SourceStatus.Unconfirmed, firstMile.Source.Status);
        Assert.True(catalogue.IsPriceKnown(catalogue.Lanes.Single(l => l.Id == "rail-CNCDU-PLLOD-fcl")));
    }

    [Theory]
    [InlineData("2026-03-02", "AE,BH,CY,IS,LB", "AE,BH,CY,IS,LB")]
    [InlineData("2026-08-03", "BH,CY,IS,LB", "AE,BH,CY,IS,LB")]
    public void Coverage_FromZhengzhouHub_ReachesAllButTheDocumentedGaps(string isoDate, string gapsAny, string gapsPriced)
    {
        // Graph reachability over lanes valid on the date (both inside the replay window). Gaps follow lanes-and-rates.md
        // §9.6/§9.7: no channel at all for LB and BH; CY only via EURPOST from Hong Kong and IS only via NLRPOST from
        // Shenzhen (the file has no first mile from Zhengzhou to those hubs); AE only via the 商壹 UAE line of the RP
        // workbook, dated 2026-07-27 and published without a price, so it is reachable from that date but never priced.
        var catalogue = Bundled.Value;
        var date = NodaTime.Text.LocalDatePattern.Iso.Parse(isoDate).Value;

        var any = ReachableDoors(catalogue, "CNCGO", date, pricedOnly: false);
        var priced = ReachableDoors(catalogue, "CNCGO", date, pricedOnly: true, allowUnpricedFirstMile: true);

        Assert.Equal(gapsAny.Split(','), UciDestinations.Where(cc => !any.Contains(cc)).Order());
        Assert.Equal(gapsPriced.Split(','), UciDestinations.Where(cc => !priced.Contains(cc)).Order());
    }

    [Fact]
    public void Coverage_MultiLegChains_ExistFromZhengzhou()
    {
        // CNCGO →road→ CNZGZ →rail→ DEHAM →last mile→ DOOR-DE, and CNCGO →road→ CGO →air→ LUX →road→ FRA →last mile→ DOOR-DE.
        var lanes = Bundled.Value.Lanes;
        Assert.Contains(lanes, l => l.From == "CNCGO" && l.To == "CNZGZ" && l.Mode == TransportMode.Road);
        Assert.Contains(lanes, l => l.From == "CNZGZ" && l.To == "DEHAM" && l.Mode == TransportMode.Rail);
        Assert.Contains(lanes, l => l.From == "DEHAM" && l.To == "DOOR-DE" && l.Mode == TransportMode.LastMile);
        Assert.Contains(lanes, l => l.From == "CGO" && l.To == "LUX" && l.Mode == TransportMode.Air);
        Assert.Contains(lanes, l => l.From == "FRA" && l.To == "DOOR-DE");
    }

    [Fact]
    public void LoadFolder_UnknownNodeAndBadEnum_ReportsFileLineAndField()
    {
        var dir = Directory.CreateTempSubdirectory("kuajing-lanes-");
        try
        {
            var bundled = Path.Combine(DataDirectory.Find(), "lanes");
            File.Copy(Path.Combine(bundled, LaneCatalogue.NodesFile), Path.Combine(dir.FullName, LaneCatalogue.NodesFile));
            var lines = File.ReadAllLines(Path.Combine(bundled, LaneCatalogue.LanesFile));
            var header = lines[0];
            var good = lines.Single(l => l.StartsWith("rail-CNCDU-PLLOD-fcl,", StringComparison.Ordinal));
            var unknownNode = good.Replace("rail-CNCDU-PLLOD-fcl,CNCDU,", "bad-1,CNZZU,", StringComparison.Ordinal);
            var badEnum = good.Replace("rail-CNCDU-PLLOD-fcl,CNCDU,PLLOD,Rail,", "bad-2,CNCDU,PLLOD,Train,", StringComparison.Ordinal);
            var minAboveMax = good.Replace("rail-CNCDU-PLLOD-fcl,", "bad-3,", StringComparison.Ordinal).Replace(",11,14,USD,", ",15,14,USD,", StringComparison.Ordinal);
            File.WriteAllLines(Path.Combine(dir.FullName, LaneCatalogue.LanesFile), [header, good, unknownNode, badEnum, minAboveMax]);

            var error = Assert.Throws<LaneCatalogueException>(() => LaneCatalogue.LoadFolder(dir.FullName));

            Assert.Contains(error.Errors, e => e.StartsWith("lanes.csv:3: field 'from'", StringComparison.Ordinal) && e.Contains("CNZZU", StringComparison.Ordinal));
            Assert.Contains(error.Errors, e => e.StartsWith("lanes.csv:4: field 'mode'", StringComparison.Ordinal) && e.Contains("Train", StringComparison.Ordinal));
            Assert.Contains(error.Errors, e => e.StartsWith("lanes.csv:5: field 'transit_days_min'", StringComparison.Ordinal));
            Assert.Equal(3, error.Errors.Count);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static HashSet<string> ReachableDoors(LaneCatalogue catalogue, string origin, LocalDate date, bool pricedOnly, bool allowUnpricedFirstMile = false)
    {
        var seen = new HashSet<string> { origin };
        var queue = new Queue<string>([origin]);
        while (queue.TryDequeue(out var code))
        {
            foreach (var lane in catalogue.Departing(code))
            {
                var usable = lane.Validity.Contains(date)
                    && (!pricedOnly || catalogue.IsPriceKnown(lane) || (allowUnpricedFirstMile && lane.Mode == TransportMode.Road));
                if (usable && seen.Add(lane.To))
                {
                    queue.Enqueue(lane.To);
                }
            }
        }

        return seen.Where(c => c.StartsWith("DOOR-", StringComparison.Ordinal)).Select(c => c[5..]).ToHashSet();
    }
}
