using Kuajing.Geography;
using Kuajing.Goods;
using Kuajing.Lanes;
using Kuajing.Provenance;

namespace Kuajing.Compliance;

/// <summary>What a compliance rule does to a shipment whose goods, destination and legs it matches.</summary>
public enum ComplianceOutcome
{
    /// <summary>The matched lane or mode may not carry the goods: choose another route.</summary>
    Blocked,

    /// <summary>Allowed with a filing (declaration, entry, manifest data).</summary>
    Filing,

    /// <summary>Allowed with a document (e.g. Shipper's Declaration for Dangerous Goods, state-of-charge statement).</summary>
    Document,

    /// <summary>Allowed with a package label or mark.</summary>
    Label,

    /// <summary>Allowed; something to check.</summary>
    Warning,
}

/// <summary>The legs a rule applies to, by commercial mode or by the physical vehicle (<see cref="Flown"/>).</summary>
[Flags]
public enum ComplianceModes
{
    /// <summary>Any leg (the rule's <c>modes</c> field is <c>*</c>).</summary>
    Any = 0,

    /// <summary>Trucking legs (<see cref="TransportMode.Road"/>).</summary>
    Road = 1,

    /// <summary>Air cargo legs (<see cref="TransportMode.Air"/>).</summary>
    Air = 2,

    /// <summary>Ocean legs (<see cref="TransportMode.Sea"/>).</summary>
    Sea = 4,

    /// <summary>Rail legs (<see cref="TransportMode.Rail"/>).</summary>
    Rail = 8,

    /// <summary>Postal products (<see cref="TransportMode.Postal"/>): UPU mail rules apply.</summary>
    Postal = 16,

    /// <summary>International express (<see cref="TransportMode.Express"/>).</summary>
    Express = 32,

    /// <summary>Dedicated e-commerce lines (<see cref="TransportMode.EcommerceLine"/>).</summary>
    EcommerceLine = 64,

    /// <summary>Destination last mile (<see cref="TransportMode.LastMile"/>).</summary>
    LastMile = 128,

    /// <summary>Any leg whose vehicle is an aircraft (<see cref="Vehicle.Air"/>), whatever it is sold as: IATA DGR applies.</summary>
    Flown = 256,
}

/// <summary>
/// One dated row of <c>data/compliance/rules.csv</c> (or of an added rules file): which goods categories, to which
/// destinations, from which origins, on which legs, have which outcome, in force when, and on what source.
/// </summary>
/// <param name="Id">Unique rule id.</param>
/// <param name="Destinations">Destination countries (a group such as <c>EU</c> expanded); empty means any.</param>
/// <param name="Origins">Origin countries; empty means any.</param>
/// <param name="Categories">Goods category ids (<see cref="GoodsCategory"/>); empty means any goods (e.g. a filing for every shipment).</param>
/// <param name="Modes">Legs the rule applies to; <see cref="ComplianceModes.Any"/> for all.</param>
/// <param name="Outcome">Blocked, filing, document, label or warning.</param>
/// <param name="Requirement">What is prohibited or required, in words.</param>
/// <param name="Validity">Dates in force (from inclusive, until exclusive; an empty <c>valid_from</c> is long-standing).</param>
/// <param name="Source">Citation and status (C, D, U, E).</param>
/// <param name="Note">Free text.</param>
/// <param name="File">File the row was read from (bundled <c>rules.csv</c> or an added file), for traceability.</param>
public sealed record ComplianceRule(
    string Id,
    IReadOnlySet<string> Destinations,
    IReadOnlySet<string> Origins,
    IReadOnlyList<string> Categories,
    ComplianceModes Modes,
    ComplianceOutcome Outcome,
    string Requirement,
    ValidityPeriod Validity,
    DataSource Source,
    string Note,
    string File)
{
    /// <summary>Whether the rule applies to goods going to <paramref name="destination"/>.</summary>
    /// <param name="destination">Destination country.</param>
    /// <returns>True when the rule has no destination list or lists the country.</returns>
    public bool MatchesDestination(CountryCode destination) => Destinations.Count == 0 || (destination.Value is { } d && Destinations.Contains(d));

    /// <summary>Whether the rule applies to goods shipped from <paramref name="origin"/>.</summary>
    /// <param name="origin">Origin country.</param>
    /// <returns>True when the rule has no origin list or lists the country.</returns>
    public bool MatchesOrigin(CountryCode origin) => Origins.Count == 0 || (origin.Value is { } o && Origins.Contains(o));

    /// <summary>Whether the rule applies to a leg.</summary>
    /// <param name="leg">The leg.</param>
    /// <returns>True when the rule's modes include the leg's mode, or <see cref="ComplianceModes.Flown"/> and the leg flies.</returns>
    public bool MatchesLeg(ComplianceLeg leg)
    {
        ArgumentNullException.ThrowIfNull(leg);
        return MatchesLane(leg.Mode, leg.Vehicle);
    }

    /// <summary>Whether the rule applies to a lane of a commercial mode and vehicle (the test <see cref="MatchesLeg"/> makes, without a leg).</summary>
    /// <param name="mode">The lane's commercial mode.</param>
    /// <param name="vehicle">The lane's physical vehicle.</param>
    /// <returns>True when the rule's modes include <paramref name="mode"/>, or <see cref="ComplianceModes.Flown"/> and the vehicle is an aircraft, or the rule is on any mode.</returns>
    public bool MatchesLane(TransportMode mode, Vehicle vehicle)
    {
        if (Modes == ComplianceModes.Any)
        {
            return true;
        }

        if ((Modes & ComplianceModes.Flown) != 0 && vehicle == Vehicle.Air)
        {
            return true;
        }

        return (Modes & ModeOf(mode)) != 0;
    }

    /// <summary>The mode flag of a commercial transport mode.</summary>
    /// <param name="mode">The lane's mode.</param>
    /// <returns>The single flag.</returns>
    public static ComplianceModes ModeOf(TransportMode mode) => mode switch
    {
        TransportMode.Road => ComplianceModes.Road,
        TransportMode.Air => ComplianceModes.Air,
        TransportMode.Sea => ComplianceModes.Sea,
        TransportMode.Rail => ComplianceModes.Rail,
        TransportMode.Postal => ComplianceModes.Postal,
        TransportMode.Express => ComplianceModes.Express,
        TransportMode.EcommerceLine => ComplianceModes.EcommerceLine,
        _ => ComplianceModes.LastMile,
    };
}

/// <summary>One goods line as the compliance rules see it.</summary>
/// <param name="Description">Goods description (keywords are matched in it).</param>
/// <param name="Hs">HS code, when known.</param>
/// <param name="Hazards">Hazards the seller declared.</param>
public sealed record ComplianceGoodsLine(string Description, HsCode? Hs, GoodsHazards Hazards);

/// <summary>One leg of a planned route as the compliance rules see it.</summary>
/// <param name="Sequence">1-based position in the itinerary.</param>
/// <param name="LaneId">Lane id in the catalogue.</param>
/// <param name="Mode">Commercial mode.</param>
/// <param name="Vehicle">Physical vehicle (air for postal, express and e-commerce lines that fly).</param>
public sealed record ComplianceLeg(int Sequence, string LaneId, TransportMode Mode, Vehicle Vehicle);

/// <summary>A shipment to check: where from and to, what goods, by which legs.</summary>
/// <param name="Origin">Country the goods ship from.</param>
/// <param name="Destination">Import country.</param>
/// <param name="Lines">Goods lines.</param>
/// <param name="Legs">The route's legs (may be empty to check goods and destination only: mode-specific rules then do not match).</param>
public sealed record ComplianceCase(CountryCode Origin, CountryCode Destination, IReadOnlyList<ComplianceGoodsLine> Lines, IReadOnlyList<ComplianceLeg> Legs);

/// <summary>A rule that applies to a shipment, with the goods lines and legs that made it apply.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Goods">The lines in the rule's categories (empty for a rule on any goods).</param>
/// <param name="Legs">The legs in the rule's modes (all legs for a rule on any mode).</param>
public sealed record ComplianceFinding(ComplianceRule Rule, IReadOnlyList<CategoryMatch> Goods, IReadOnlyList<ComplianceLeg> Legs)
{
    /// <summary>True when any goods line was recognised only by a description keyword (an estimate the seller must confirm).</summary>
    public bool FromKeywordEstimate => Goods.Count > 0 && Goods.All(g => g.Evidence == CategoryEvidence.Keyword);

    /// <summary>One sentence: outcome, requirement, legs and goods lines concerned.</summary>
    public string Message
    {
        get
        {
            var legs = Rule.Modes == ComplianceModes.Any ? "" : " on leg " + string.Join(", ", Legs.Select(l => $"{l.Sequence} ({l.Mode}, {l.LaneId})"));
            return $"{Rule.Outcome.ToString().ToLowerInvariant()}: {Rule.Requirement}{legs}{GoodsText(Goods)}";
        }
    }

    /// <summary>"; lines 3 (matches: keyword 'MATCHES', estimate), …" for the goods lines concerned, or empty.</summary>
    internal static string GoodsText(IReadOnlyList<CategoryMatch> goods) =>
        goods.Count == 0 ? "" : "; lines " + string.Join(", ", goods.Select(g => $"{g.Line} ({g.Category}: {Describe(g)})"));

    private static string Describe(CategoryMatch g) => g.Evidence switch
    {
        CategoryEvidence.DeclaredHazard => "declared " + g.Detail,
        CategoryEvidence.HsCode => "HS " + g.Detail,
        CategoryEvidence.Keyword => $"keyword '{g.Detail}', estimate",
        _ => "no 6-digit HS code",
    };
}
