using Kuajing.Goods;
using Kuajing.Provenance;
using Kuajing.ReferenceData;

namespace Kuajing.Compliance;

/// <summary>
/// A restricted-goods category of <c>data/compliance/goods-categories.csv</c> (e.g. <c>lithium-ion-alone</c>, UN3480,
/// PI 965), recognised on an order line by the hazards the seller declared (<see cref="GoodsHazards"/>), by its HS code
/// prefix, or by a whole-word keyword in the description (a Kuajing estimate, status E).
/// </summary>
/// <param name="Id">Category id, lower-case with hyphens, unique.</param>
/// <param name="UnNumber">UN number(s) for dangerous goods (e.g. <c>UN3480</c>), or empty.</param>
/// <param name="PackingInstruction">IATA packing instruction(s) (e.g. <c>PI 965</c>), or empty.</param>
/// <param name="Hazards">Declared hazards that put a line in the category (<see cref="GoodsHazards.None"/> when only HS codes or keywords do).</param>
/// <param name="HsPrefixes">HS code prefixes (2–6 digits, HS 2022) that put a line in the category.</param>
/// <param name="Keywords">Upper-case keywords matched as whole words (a plural S or ES allowed) in the description.</param>
/// <param name="Source">Where the category's definition comes from, with its status.</param>
/// <param name="Note">Free text.</param>
public sealed record GoodsCategory(
    string Id,
    string UnNumber,
    string PackingInstruction,
    GoodsHazards Hazards,
    IReadOnlyList<string> HsPrefixes,
    IReadOnlyList<string> Keywords,
    DataSource Source,
    string Note)
{
    /// <summary>The synthetic category matched when a line has no 6-digit HS code (ICS2 and H7 need one).</summary>
    public const string HsCodeMissing = "hs-code-missing";
}

/// <summary>How a line was put in a category.</summary>
public enum CategoryEvidence
{
    /// <summary>The seller declared the hazard (order line or product master): confirmed.</summary>
    DeclaredHazard,

    /// <summary>The line's HS code starts with one of the category's prefixes.</summary>
    HsCode,

    /// <summary>A keyword in the description: a Kuajing estimate, to be confirmed by the seller.</summary>
    Keyword,

    /// <summary>The line lacks a 6-digit HS code (<see cref="GoodsCategory.HsCodeMissing"/>).</summary>
    MissingHsCode,
}

/// <summary>One order line found in one category.</summary>
/// <param name="Category">The category id.</param>
/// <param name="Line">1-based line number in the order.</param>
/// <param name="Evidence">How the line was recognised.</param>
/// <param name="Detail">The hazard name, HS code or keyword that matched.</param>
public sealed record CategoryMatch(string Category, int Line, CategoryEvidence Evidence, string Detail);

/// <summary>
/// The goods categories of <c>data/compliance/goods-categories.csv</c>, with a classifier for order lines.
/// Immutable and thread-safe. Keyword matches are cached per distinct description (up to 65,536 descriptions), so a
/// planning run classifies each of the bundled data's few thousand descriptions once, not each of its 400,000 lines.
/// </summary>
public sealed class GoodsCategoryTable
{
    /// <summary>File name inside <c>data/compliance</c>.</summary>
    public const string FileName = "goods-categories.csv";

    /// <summary>Distinct descriptions whose keyword matches are cached (the bundled UCI data has about 4,000); beyond it, descriptions are matched uncached.</summary>
    private const int KeywordCacheLimit = 65_536;

    private static readonly string?[] NoKeywordHit = [];

    private readonly Dictionary<string, GoodsCategory> _byId;
    private readonly GoodsCategory[] _ordered;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?[]> _keywordHits = new(StringComparer.Ordinal);

    private GoodsCategoryTable(Dictionary<string, GoodsCategory> byId)
    {
        _byId = byId;
        _ordered = [.. byId.Values];
    }

    /// <summary>All categories in file order.</summary>
    public IReadOnlyCollection<GoodsCategory> Categories => _byId.Values;

    /// <summary>Whether a category id is defined.</summary>
    /// <param name="id">Category id.</param>
    /// <returns>True when defined.</returns>
    public bool Contains(string id) => _byId.ContainsKey(id);

    /// <summary>A category by id.</summary>
    /// <param name="id">Category id.</param>
    /// <returns>The category.</returns>
    /// <exception cref="KeyNotFoundException">When <paramref name="id"/> is not defined.</exception>
    public GoodsCategory this[string id] => _byId[id];

    /// <summary>Loads the categories.</summary>
    /// <param name="path">Path of <c>goods-categories.csv</c> (columns <c>category,un_number,packing_instruction,hazard,hs_prefixes,keywords,status,source,note</c>).</param>
    /// <returns>The table.</returns>
    /// <exception cref="ReferenceDataException">When the file or a column is missing, an id repeats, a hazard is not a <see cref="GoodsHazards"/> name, an HS prefix is not 2–6 digits, or a status is not C, D, U or E (the message names file, line and field).</exception>
    public static GoodsCategoryTable Load(string path)
    {
        using var csv = CsvInput.Open(path, "category", "un_number", "packing_instruction", "hazard", "hs_prefixes", "keywords", "status", "source", "note");
        var byId = new Dictionary<string, GoodsCategory>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var id = csv.Required("category");
            var hazardText = csv.Text("hazard").Trim();
            var hazards = GoodsHazards.None;
            foreach (var part in hazardText.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Enum.TryParse<GoodsHazards>(part, ignoreCase: false, out var flag) || !Enum.IsDefined(flag) || char.IsDigit(part[0]))
                {
                    throw csv.Error("hazard", $"'{part}' is not a GoodsHazards name ({string.Join(", ", Enum.GetNames<GoodsHazards>())})");
                }

                hazards |= flag;
            }

            var prefixes = Split(csv.Text("hs_prefixes"));
            foreach (var p in prefixes)
            {
                if (p.Length is < 2 or > 6 || !p.All(char.IsAsciiDigit))
                {
                    throw csv.Error("hs_prefixes", $"'{p}' is not an HS prefix of 2 to 6 digits");
                }
            }

            var keywords = Split(csv.Text("keywords")).Select(k => k.ToUpperInvariant()).ToArray();
            var category = new GoodsCategory(
                id,
                csv.Text("un_number").Trim(),
                csv.Text("packing_instruction").Trim(),
                hazards,
                prefixes,
                keywords,
                new DataSource(csv.Required("source"), null, ComplianceCsv.Status(csv)),
                csv.Text("note").Trim());
            if (!byId.TryAdd(id, category))
            {
                throw csv.Error("category", $"category '{id}' appears twice");
            }
        }

        return new GoodsCategoryTable(byId);
    }

    /// <summary>Puts each line in every category it belongs to (a line may be in several, once per category).</summary>
    /// <param name="lines">The order's lines.</param>
    /// <returns>The matches, by line then category, with the strongest evidence per (line, category): declared hazard, then HS code, then keyword.</returns>
    public IReadOnlyList<CategoryMatch> Classify(IReadOnlyList<ComplianceGoodsLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var matches = new List<CategoryMatch>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            string?[]? keywordHits = null;
            for (var c = 0; c < _ordered.Length; c++)
            {
                var category = _ordered[c];
                if (category.Id == GoodsCategory.HsCodeMissing)
                {
                    if (line.Hs?.Subheading is null)
                    {
                        matches.Add(new CategoryMatch(category.Id, i + 1, CategoryEvidence.MissingHsCode, line.Hs?.Digits ?? "none"));
                    }

                    continue;
                }

                if (category.Hazards != GoodsHazards.None && (line.Hazards & category.Hazards) != 0)
                {
                    matches.Add(new CategoryMatch(category.Id, i + 1, CategoryEvidence.DeclaredHazard, (line.Hazards & category.Hazards).ToString()));
                    continue;
                }

                if (line.Hs is { } hs && HsPrefixOf(category, hs.Digits))
                {
                    matches.Add(new CategoryMatch(category.Id, i + 1, CategoryEvidence.HsCode, hs.Digits));
                    continue;
                }

                if (category.Keywords.Count > 0)
                {
                    keywordHits ??= KeywordHits(line.Description);
                    if (keywordHits.Length > 0 && keywordHits[c] is { } keyword)
                    {
                        matches.Add(new CategoryMatch(category.Id, i + 1, CategoryEvidence.Keyword, keyword));
                    }
                }
            }
        }

        return matches;
    }

    private static bool HsPrefixOf(GoodsCategory category, string digits)
    {
        foreach (var p in category.HsPrefixes)
        {
            if (digits.StartsWith(p, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first keyword of each category found in <paramref name="description"/>, by category position (an empty array when none), cached per description.</summary>
    private string?[] KeywordHits(string description)
    {
        if (_keywordHits.TryGetValue(description, out var hits))
        {
            return hits;
        }

        string?[]? found = null;
        for (var c = 0; c < _ordered.Length; c++)
        {
            foreach (var k in _ordered[c].Keywords)
            {
                if (ContainsWord(description, k))
                {
                    found ??= new string?[_ordered.Length];
                    found[c] = k;
                    break;
                }
            }
        }

        hits = found ?? NoKeywordHit;
        if (_keywordHits.Count < KeywordCacheLimit)
        {
            _keywordHits.TryAdd(description, hits);
        }

        return hits;
    }

    /// <summary>Whole-word, case-insensitive match of <paramref name="keyword"/> in <paramref name="text"/>, allowing a plural S or ES.</summary>
    internal static bool ContainsWord(string text, string keyword)
    {
        for (var start = 0; start <= text.Length - keyword.Length;)
        {
            var i = text.IndexOf(keyword, start, StringComparison.OrdinalIgnoreCase);
            if (i < 0)
            {
                return false;
            }

            var end = i + keyword.Length;
            if (end + 1 < text.Length && char.ToUpperInvariant(text[end]) == 'E' && char.ToUpperInvariant(text[end + 1]) == 'S' && (end + 2 == text.Length || !char.IsLetter(text[end + 2])))
            {
                end += 2;
            }
            else if (end < text.Length && char.ToUpperInvariant(text[end]) == 'S')
            {
                end += 1;
            }

            var startOk = i == 0 || !char.IsLetterOrDigit(text[i - 1]);
            var endOk = end >= text.Length || !char.IsLetterOrDigit(text[end]);
            if (startOk && endOk)
            {
                return true;
            }

            start = i + 1;
        }

        return false;
    }

    private static string[] Split(string text) =>
        text.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
