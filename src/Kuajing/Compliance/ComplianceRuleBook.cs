using Kuajing.Geography;
using Kuajing.Provenance;
using Kuajing.ReferenceData;
using NodaTime;

namespace Kuajing.Compliance;

/// <summary>
/// Restricted and prohibited goods per destination and per mode as dated rule rows: <c>data/compliance/rules.csv</c>
/// (sources: <c>shared/reference/regulatory-facts.md</c> §1, §5 and §8 — UPU Convention art. 19, IATA DGR 66th edition
/// lithium battery packing instructions PI 965–970, ICS2, US de minimis executive orders), the goods categories of
/// <c>goods-categories.csv</c> and the country groups of <c>country-groups.csv</c>; optionally more rows from an added
/// rules file in the same format. Immutable and thread-safe once loaded. Format: <c>docs/compliance.md</c>.
/// </summary>
public sealed class ComplianceRuleBook
{
    /// <summary>File name of the bundled rule rows inside <c>data/compliance</c>.</summary>
    public const string RulesFile = "rules.csv";

    /// <summary>File name of the country groups inside <c>data/compliance</c>.</summary>
    public const string GroupsFile = "country-groups.csv";

    private static readonly string[] Columns = ["id", "destinations", "origins", "categories", "modes", "outcome", "requirement", "valid_from", "valid_until", "source", "status", "note"];

    private readonly ComplianceRule[] _rules;
    private readonly HashSet<string> _added;
    private readonly Dictionary<string, string[]> _groups;

    private ComplianceRuleBook(GoodsCategoryTable categories, Dictionary<string, string[]> groups, ComplianceRule[] rules, HashSet<string> added)
    {
        Categories = categories;
        _groups = groups;
        _rules = rules;
        _added = added;
    }

    /// <summary>The goods categories the rules refer to.</summary>
    public GoodsCategoryTable Categories { get; }

    /// <summary>Every rule, bundled first, then added rows, in file order.</summary>
    public IReadOnlyList<ComplianceRule> Rules => _rules;

    /// <summary>Whether a rule came from an added rules file (<see cref="WithFile"/>) rather than the bundled data.</summary>
    /// <param name="ruleId">Rule id.</param>
    /// <returns>True for an added row.</returns>
    public bool IsAdded(string ruleId) => _added.Contains(ruleId);

    /// <summary>Loads the bundled rules from a data folder.</summary>
    /// <param name="dataDir">The repository's <c>data/</c> folder (<see cref="DataDirectory.Find"/>); files are read from its <c>compliance/</c> subfolder.</param>
    /// <returns>The rule book.</returns>
    /// <exception cref="ReferenceDataException">When a file or column is missing or a row is malformed (the message names file, line, field and what was expected).</exception>
    public static ComplianceRuleBook Load(string dataDir)
    {
        ArgumentNullException.ThrowIfNull(dataDir);
        var dir = Path.Combine(dataDir, "compliance");
        var categories = GoodsCategoryTable.Load(Path.Combine(dir, GoodsCategoryTable.FileName));
        var groups = LoadGroups(Path.Combine(dir, GroupsFile));
        var rules = ReadRules(Path.Combine(dir, RulesFile), categories, groups, new HashSet<string>(StringComparer.Ordinal));
        return new ComplianceRuleBook(categories, groups, [.. rules], new HashSet<string>(StringComparer.Ordinal));
    }

    /// <summary>A new book with the rows of another rules file (same columns as <c>rules.csv</c>) added to this one's.</summary>
    /// <param name="path">The added rules file.</param>
    /// <returns>The combined book; rows of <paramref name="path"/> report <see cref="IsAdded"/> = true.</returns>
    /// <exception cref="ReferenceDataException">When the file is missing, a row is malformed, or a rule id is already defined.</exception>
    public ComplianceRuleBook WithFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var ids = new HashSet<string>(_rules.Select(r => r.Id), StringComparer.Ordinal);
        var added = ReadRules(path, Categories, _groups, ids);
        var addedIds = new HashSet<string>(_added, StringComparer.Ordinal);
        addedIds.UnionWith(added.Select(r => r.Id));
        return new ComplianceRuleBook(Categories, _groups, [.. _rules, .. added], addedIds);
    }

    /// <summary>The rules that apply to a shipment on a date.</summary>
    /// <param name="shipment">Origin, destination, goods lines and legs.</param>
    /// <param name="on">Date whose rules apply (rules in force on it).</param>
    /// <param name="include">Optional filter on the rules considered (e.g. only rows taking effect in a window); <see langword="null"/> for all.</param>
    /// <returns>Findings in rule order: blocked lanes, filings, documents, labels, warnings.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="shipment"/> is null.</exception>
    public IReadOnlyList<ComplianceFinding> Evaluate(ComplianceCase shipment, LocalDate on, Func<ComplianceRule, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        var goods = Categories.Classify(shipment.Lines);
        return Evaluate(shipment, goods, on, include);
    }

    /// <summary>As <see cref="Evaluate(ComplianceCase, LocalDate, Func{ComplianceRule, bool})"/>, with the lines already classified (<see cref="GoodsCategoryTable.Classify"/>), for evaluating one shipment on several dates.</summary>
    /// <param name="shipment">Origin, destination, goods lines and legs.</param>
    /// <param name="goods">The lines' category matches.</param>
    /// <param name="on">Date whose rules apply.</param>
    /// <param name="include">Optional filter on the rules considered.</param>
    /// <returns>The findings.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    public IReadOnlyList<ComplianceFinding> Evaluate(ComplianceCase shipment, IReadOnlyList<CategoryMatch> goods, LocalDate on, Func<ComplianceRule, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        ArgumentNullException.ThrowIfNull(goods);
        var findings = new List<ComplianceFinding>();
        foreach (var rule in _rules)
        {
            if (!rule.Validity.Contains(on) || !rule.MatchesDestination(shipment.Destination) || !rule.MatchesOrigin(shipment.Origin)
                || (include is not null && !include(rule)))
            {
                continue;
            }

            CategoryMatch[] lines = [];
            if (rule.Categories.Count > 0)
            {
                lines = goods.Where(g => rule.Categories.Contains(g.Category)).ToArray();
                if (lines.Length == 0)
                {
                    continue;
                }
            }

            var legs = shipment.Legs.Where(rule.MatchesLeg).ToArray();
            if (rule.Modes != ComplianceModes.Any && legs.Length == 0)
            {
                continue;
            }

            findings.Add(new ComplianceFinding(rule, lines, legs));
        }

        return findings;
    }

    /// <summary>
    /// Works out once which rules concern an order whatever its route: classifies the goods lines and keeps the rules in
    /// force on <paramref name="on"/> whose destination, origin and goods categories match. The planner asks the result
    /// about each lane (<see cref="ComplianceScreen.BlockingRule"/>) and about the chosen legs
    /// (<see cref="ComplianceScreen.Evaluate"/>).
    /// </summary>
    /// <param name="origin">Country the goods ship from.</param>
    /// <param name="destination">Import country.</param>
    /// <param name="lines">The order's goods lines.</param>
    /// <param name="on">Date whose rules apply (the order date).</param>
    /// <returns>The screen.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="lines"/> is null.</exception>
    public ComplianceScreen Screen(CountryCode origin, CountryCode destination, IReadOnlyList<ComplianceGoodsLine> lines, LocalDate on)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var goods = Categories.Classify(lines);
        var concerning = new List<(ComplianceRule, CategoryMatch[])>();
        foreach (var rule in _rules)
        {
            if (!rule.Validity.Contains(on) || !rule.MatchesDestination(destination) || !rule.MatchesOrigin(origin))
            {
                continue;
            }

            CategoryMatch[] matched = [];
            if (rule.Categories.Count > 0)
            {
                matched = goods.Where(g => rule.Categories.Contains(g.Category)).ToArray();
                if (matched.Length == 0)
                {
                    continue;
                }
            }

            concerning.Add((rule, matched));
        }

        return new ComplianceScreen(origin, destination, on, goods, [.. concerning]);
    }

    /// <summary>
    /// Whether any rule in force on <paramref name="on"/> blocks one of the shipment's legs for its goods: the check a
    /// planner can apply to each candidate itinerary (<c>docs/compliance.md</c>).
    /// </summary>
    /// <param name="shipment">Origin, destination, goods lines and the candidate itinerary's legs.</param>
    /// <param name="on">Date whose rules apply.</param>
    /// <returns>True when a <see cref="ComplianceOutcome.Blocked"/> rule matches.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="shipment"/> is null.</exception>
    public bool IsBlocked(ComplianceCase shipment, LocalDate on) =>
        Evaluate(shipment, on, r => r.Outcome == ComplianceOutcome.Blocked).Count > 0;

    private static Dictionary<string, string[]> LoadGroups(string path)
    {
        using var csv = CsvInput.Open(path, "group", "countries", "status", "source");
        var groups = new Dictionary<string, string[]>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var name = csv.Required("group");
            var countries = csv.Required("countries").Split('|', StringSplitOptions.TrimEntries);
            if (countries.Any(c => !IsCountry(c)))
            {
                throw csv.Error("countries", "ISO 3166-1 alpha-2 codes joined by '|'");
            }

            ComplianceCsv.Status(csv);
            if (!groups.TryAdd(name, countries))
            {
                throw csv.Error("group", $"group '{name}' appears twice");
            }
        }

        return groups;
    }

    private static List<ComplianceRule> ReadRules(string path, GoodsCategoryTable categories, Dictionary<string, string[]> groups, HashSet<string> ids)
    {
        using var csv = CsvInput.Open(path, Columns);
        var list = new List<ComplianceRule>();
        var file = Path.GetFileName(path);
        while (csv.Read())
        {
            var id = csv.Required("id");
            if (!ids.Add(id))
            {
                throw csv.Error("id", $"rule id '{id}' is already defined");
            }

            var destinations = Countries(csv, "destinations", groups);
            var origins = Countries(csv, "origins", groups);
            var categoryText = csv.Required("categories");
            var cats = categoryText == "*" ? [] : categoryText.Split('|', StringSplitOptions.TrimEntries);
            foreach (var c in cats)
            {
                if (!categories.Contains(c))
                {
                    throw csv.Error("categories", $"'{c}' is not a category of {GoodsCategoryTable.FileName}; expected '*' or category ids joined by '|'");
                }
            }

            var modes = ComplianceModes.Any;
            var modeText = csv.Required("modes");
            if (modeText != "*")
            {
                foreach (var m in modeText.Split('|', StringSplitOptions.TrimEntries))
                {
                    modes |= m switch
                    {
                        "road" => ComplianceModes.Road,
                        "air" => ComplianceModes.Air,
                        "sea" => ComplianceModes.Sea,
                        "rail" => ComplianceModes.Rail,
                        "postal" => ComplianceModes.Postal,
                        "express" => ComplianceModes.Express,
                        "ecommerce-line" => ComplianceModes.EcommerceLine,
                        "last-mile" => ComplianceModes.LastMile,
                        "flown" => ComplianceModes.Flown,
                        _ => throw csv.Error("modes", $"'{m}' is not a mode; expected '*' or road, air, sea, rail, postal, express, ecommerce-line, last-mile, flown joined by '|'"),
                    };
                }
            }

            var outcome = csv.Required("outcome") switch
            {
                "blocked" => ComplianceOutcome.Blocked,
                "filing" => ComplianceOutcome.Filing,
                "document" => ComplianceOutcome.Document,
                "label" => ComplianceOutcome.Label,
                "warning" => ComplianceOutcome.Warning,
                var other => throw csv.Error("outcome", $"'{other}' is not blocked, filing, document, label or warning"),
            };
            var from = ComplianceCsv.Date(csv, "valid_from");
            var until = ComplianceCsv.Date(csv, "valid_until");
            if (until is not null && from is not null && until.Value <= from.Value)
            {
                throw csv.Error("valid_until", $"{until:uuuu-MM-dd} is not after valid_from {from:uuuu-MM-dd}");
            }

            var status = ComplianceCsv.Status(csv);
            list.Add(new ComplianceRule(
                id,
                destinations,
                origins,
                cats,
                modes,
                outcome,
                csv.Required("requirement"),
                new ValidityPeriod(from ?? LocalDate.MinIsoValue, until),
                new DataSource(csv.Required("source"), from, status),
                csv.Text("note").Trim(),
                file));
        }

        return list;
    }

    private static HashSet<string> Countries(CsvInput csv, string column, Dictionary<string, string[]> groups)
    {
        var text = csv.Required(column);
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (text == "*")
        {
            return set;
        }

        foreach (var part in text.Split('|', StringSplitOptions.TrimEntries))
        {
            if (groups.TryGetValue(part, out var members))
            {
                set.UnionWith(members);
            }
            else if (IsCountry(part))
            {
                set.Add(part);
            }
            else
            {
                throw csv.Error(column, $"'{part}' is neither an ISO 3166-1 alpha-2 code nor a group of {GroupsFile} ({string.Join(", ", groups.Keys)}); expected '*' or codes joined by '|'");
            }
        }

        return set;
    }

    private static bool IsCountry(string text) => text.Length == 2 && text.All(char.IsAsciiLetterUpper);
}
