using Kuajing.Compliance;
using Kuajing.Geography;
using Kuajing.Goods;
using Kuajing.Lanes;
using Kuajing.ReferenceData;
using NodaTime;

namespace Kuajing.Tests.Compliance;

/// <summary>
/// <see cref="ComplianceScreen"/> (goods classified once per order, rules pre-filtered) must say exactly what
/// <see cref="ComplianceRuleBook.Evaluate(ComplianceCase, LocalDate, Func{ComplianceRule, bool})"/> and
/// <see cref="ComplianceRuleBook.IsBlocked"/> say for the same order, legs and date: the planner relies on it.
/// </summary>
public sealed class ComplianceScreenTests
{
    private static readonly ComplianceRuleBook Book = ComplianceRuleBook.Load(DataDirectory.Find());
    private static readonly CountryCode Cn = new("CN");

    private static readonly ComplianceLeg[][] Routes =
    [
        [new(1, "postal-x", TransportMode.Postal, Vehicle.Air)],
        [new(1, "line-x", TransportMode.EcommerceLine, Vehicle.Air)],
        [new(1, "rail-x", TransportMode.Rail, Vehicle.Rail), new(2, "last-x", TransportMode.LastMile, Vehicle.Road)],
        [new(1, "sea-x", TransportMode.Sea, Vehicle.Sea), new(2, "exp-x", TransportMode.Express, Vehicle.Air)],
        [],
    ];

    /// <summary>Real UCI descriptions (matches, magnets, LED lights, lip gloss) and declared hazards of the example orders.</summary>
    private static readonly ComplianceGoodsLine[][] Orders =
    [
        [new("RETROSPOT CIGAR BOX MATCHES", null, GoodsHazards.None), new("WHITE HANGING HEART T-LIGHT HOLDER", null, GoodsHazards.None)],
        [new("ASSTD FRUIT+FLOWERS FRIDGE MAGNETS", null, GoodsHazards.None), new("LED TEA LIGHTS", null, GoodsHazards.None)],
        [new("Power bank 10000 mAh", new HsCode("850760"), GoodsHazards.LithiumIonBatteriesAlone)],
        [new("PINK LIP GLOSS", null, GoodsHazards.None), new("Cotton T-shirt", new HsCode("610910"), GoodsHazards.None)],
        [new("Smart watch", new HsCode("851762"), GoodsHazards.LithiumIonContainedInEquipment)],
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var d in new[] { "DE", "GB", "US", "NO", "AU" })
        {
            foreach (var on in new[] { "2025-06-01", "2026-03-01" })
            {
                data.Add(d, on);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_EveryRouteAndOrder_SameFindingsAndBlockAsTheRuleBook(string destination, string date)
    {
        var on = LocalDate.FromDateTime(DateTime.Parse(date, System.Globalization.CultureInfo.InvariantCulture));
        var dest = new CountryCode(destination);
        foreach (var lines in Orders)
        {
            var screen = Book.Screen(Cn, dest, lines, on);
            foreach (var legs in Routes)
            {
                var c = new ComplianceCase(Cn, dest, lines, legs);
                var expected = Book.Evaluate(c, on).Select(f => f.Message).ToArray();
                Assert.Equal(expected, screen.Evaluate(legs).Select(f => f.Message).ToArray());
                Assert.Equal(Book.IsBlocked(c, on), screen.IsBlocked(legs));

                // Per lane: a route is blocked exactly when one of its lanes is (what the planner's lane exclusion relies on).
                if (legs.Length > 0)
                {
                    Assert.Equal(Book.IsBlocked(c, on), legs.Any(l => screen.BlockingRule(l.Mode, l.Vehicle) is not null));
                }
            }
        }
    }

    [Fact]
    public void BlockReason_UciMatchesOnAPostalLane_NamesRuleLaneAndKeywordLine()
    {
        // regulatory-facts.md §8, UPU Convention art. 19: matches (flammable) are prohibited in international mail.
        // Line 1 is recognised by the keyword MATCHES only: an estimate the seller must confirm.
        var screen = Book.Screen(Cn, new CountryCode("GB"), Orders[0], new LocalDate(2026, 1, 27));
        Assert.True(screen.CanBlock);
        var postal = TestLane("postal-CNCGO-GB-ems", TransportMode.Postal, Vehicle.Air);
        var line = TestLane("line-CNCGO-GB-x", TransportMode.EcommerceLine, Vehicle.Air);
        var reason = screen.BlockReason(postal);
        Assert.NotNull(reason);
        Assert.StartsWith("rule UPU-POST-EXPLOSIVES: ", reason, StringComparison.Ordinal);
        Assert.Contains("(Postal lane postal-CNCGO-GB-ems)", reason, StringComparison.Ordinal);
        Assert.Contains("lines 1 (matches: keyword 'MATCHES', estimate)", reason, StringComparison.Ordinal);
        Assert.Contains("confirm with the seller", reason, StringComparison.Ordinal);

        // The same goods on an e-commerce line are not blocked (MATCHES-AIR is a warning only).
        Assert.Null(screen.BlockReason(line));
    }

    [Fact]
    public void Screen_TShirtToGermany_CannotBlock()
    {
        // A T-shirt with its HS code is in no restricted category; only "any goods" rules (ICS2 filings) concern it.
        var screen = Book.Screen(Cn, new CountryCode("DE"), [new("Cotton T-shirt", new HsCode("610910"), GoodsHazards.None)], new LocalDate(2026, 3, 1));
        Assert.False(screen.CanBlock);
        Assert.All(screen.Rules, r => Assert.Empty(r.Categories));
    }

    [Fact]
    public void Classify_SameDescriptionTwice_SameMatchesWithOwnLineNumbers()
    {
        // The keyword cache is per description: a repeated description must still give each line its own number.
        var lines = new ComplianceGoodsLine[] { new("RETROSPOT CIGAR BOX MATCHES", null, GoodsHazards.None), new("RETROSPOT CIGAR BOX MATCHES", null, GoodsHazards.None) };
        var matches = Book.Categories.Classify(lines).Where(m => m.Category == "matches").ToArray();
        Assert.Equal([1, 2], matches.Select(m => m.Line));
        Assert.All(matches, m => Assert.Equal("MATCHES", m.Detail));
    }

    private static Lane TestLane(string id, TransportMode mode, Vehicle vehicle) => AnyLane.Value with { Id = id, Mode = mode, Vehicle = vehicle };

    private static readonly Lazy<Lane> AnyLane = new(() => LaneCatalogue.Load(DataDirectory.Find()).Lanes[0]);
}
