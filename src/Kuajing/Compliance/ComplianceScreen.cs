using System.Globalization;
using Kuajing.Geography;
using Kuajing.Lanes;
using NodaTime;

namespace Kuajing.Compliance;

/// <summary>
/// The compliance rules that concern one order, worked out once: its goods lines classified
/// (<see cref="GoodsCategoryTable.Classify"/>), and the rules of the <see cref="ComplianceRuleBook"/> in force on the order
/// date whose destination, origin and goods categories match. What is left to check per route is only each rule's modes,
/// so a planner can ask <see cref="BlockingRule"/> for every lane and <see cref="Evaluate"/> for the chosen legs at the
/// cost of a few flag tests. Immutable and thread-safe. Build it with <see cref="ComplianceRuleBook.Screen"/>.
/// </summary>
/// <remarks>
/// A <see cref="ComplianceOutcome.Blocked"/> rule blocks a route as soon as one leg matches its modes (a rule on any mode
/// matches every leg), so a route is blocked exactly when one of its lanes is: excluding blocked lanes from the search
/// (<see cref="Planning.ItineraryPlanner"/> with a <see cref="Planning.LaneRestriction"/>) gives the same plans as
/// dropping blocked itineraries one by one with <see cref="ComplianceRuleBook.IsBlocked"/>.
/// </remarks>
public sealed class ComplianceScreen
{
    private readonly (ComplianceRule Rule, CategoryMatch[] Goods)[] _rules;
    private readonly (ComplianceRule Rule, CategoryMatch[] Goods)[] _blocking;

    internal ComplianceScreen(CountryCode origin, CountryCode destination, LocalDate on, IReadOnlyList<CategoryMatch> goods, (ComplianceRule Rule, CategoryMatch[] Goods)[] rules)
    {
        Origin = origin;
        Destination = destination;
        On = on;
        Goods = goods;
        _rules = rules;
        _blocking = Array.FindAll(rules, r => r.Rule.Outcome == ComplianceOutcome.Blocked);
    }

    /// <summary>Country the goods ship from.</summary>
    public CountryCode Origin { get; }

    /// <summary>Import country.</summary>
    public CountryCode Destination { get; }

    /// <summary>The date whose rules apply (the order date).</summary>
    public LocalDate On { get; }

    /// <summary>The order's lines in their goods categories.</summary>
    public IReadOnlyList<CategoryMatch> Goods { get; }

    /// <summary>The rules that concern the order whatever the route (in force, destination, origin and goods matched), in rule order.</summary>
    public IReadOnlyList<ComplianceRule> Rules => Array.ConvertAll(_rules, r => r.Rule);

    /// <summary>True when some rule could block a lane for this order; when false, <see cref="BlockingRule"/> always returns <see langword="null"/>.</summary>
    public bool CanBlock => _blocking.Length > 0;

    /// <summary>The first <see cref="ComplianceOutcome.Blocked"/> rule that forbids a lane of this mode and vehicle for the order's goods.</summary>
    /// <param name="mode">The lane's commercial mode.</param>
    /// <param name="vehicle">The lane's vehicle (an aircraft matches <c>flown</c> rules).</param>
    /// <returns>The rule, or <see langword="null"/> when the lane may carry the goods.</returns>
    public ComplianceRule? BlockingRule(TransportMode mode, Vehicle vehicle)
    {
        foreach (var (rule, _) in _blocking)
        {
            if (rule.MatchesLane(mode, vehicle))
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>
    /// Why a lane may not carry the order's goods, or <see langword="null"/> when it may: the rule id, its requirement and the
    /// goods lines concerned (with "estimate" where a line was recognised only by a keyword). Fits
    /// <see cref="Planning.LaneRestriction"/>.
    /// </summary>
    /// <param name="lane">The lane.</param>
    /// <returns>The refusal detail, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="lane"/> is null.</exception>
    public string? BlockReason(Lane lane)
    {
        ArgumentNullException.ThrowIfNull(lane);
        foreach (var (rule, goods) in _blocking)
        {
            if (rule.MatchesLane(lane.Mode, lane.Vehicle))
            {
                var keyword = goods.Length > 0 && goods.All(g => g.Evidence == CategoryEvidence.Keyword);
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"rule {rule.Id}: {rule.Requirement} ({lane.Mode} lane {lane.Id}){ComplianceFinding.GoodsText(goods)}{(keyword ? " (goods recognised by keyword: confirm with the seller)" : "")}");
            }
        }

        return null;
    }

    /// <summary>The findings for a route: every concerning rule whose modes match at least one leg (or that applies on any mode).</summary>
    /// <param name="legs">The route's legs.</param>
    /// <returns>Findings in rule order, as <see cref="ComplianceRuleBook.Evaluate(ComplianceCase, LocalDate, Func{ComplianceRule, bool})"/> gives them for the same order, legs and date.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="legs"/> is null.</exception>
    public IReadOnlyList<ComplianceFinding> Evaluate(IReadOnlyList<ComplianceLeg> legs)
    {
        ArgumentNullException.ThrowIfNull(legs);
        var findings = new List<ComplianceFinding>();
        foreach (var (rule, goods) in _rules)
        {
            var matched = legs.Where(rule.MatchesLeg).ToArray();
            if (rule.Modes != ComplianceModes.Any && matched.Length == 0)
            {
                continue;
            }

            findings.Add(new ComplianceFinding(rule, goods, matched));
        }

        return findings;
    }

    /// <summary>Whether a blocked rule matches one of the legs, or applies on any mode (<see cref="ComplianceRuleBook.IsBlocked"/> for this order).</summary>
    /// <param name="legs">The route's legs.</param>
    /// <returns>True when blocked.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="legs"/> is null.</exception>
    public bool IsBlocked(IReadOnlyList<ComplianceLeg> legs)
    {
        ArgumentNullException.ThrowIfNull(legs);
        foreach (var (rule, _) in _blocking)
        {
            if (rule.Modes == ComplianceModes.Any || legs.Any(rule.MatchesLeg))
            {
                return true;
            }
        }

        return false;
    }
}
