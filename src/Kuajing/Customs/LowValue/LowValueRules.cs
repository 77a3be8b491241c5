using Kuajing.Customs.RetailImport;
using Kuajing.Provenance;
using Kuajing.ReferenceData;
using NodaTime;

namespace Kuajing.Customs.LowValue;

/// <summary>The destination low-value data sets Kuajing produces.</summary>
public enum LowValueDestination
{
    /// <summary>EU H7 super-reduced data set (Delegated Reg. (EU) 2015/2446 Annex B column H7), data set id <c>EU-H7</c>.</summary>
    EU,

    /// <summary>UK low-value consignments (≤ GBP 135, point-of-sale VAT), data set id <c>GB-LV</c>.</summary>
    GB,

    /// <summary>US Section 321 de minimis (19 U.S.C. 1321), data set id <c>US-321</c>.</summary>
    US,
}

/// <summary>Where a field sits in the data set.</summary>
public enum LowValueFieldLevel
{
    /// <summary>Once per consignment.</summary>
    Header,

    /// <summary>Once per goods item (order line).</summary>
    Item,
}

/// <summary>How strongly the source requires a field (the <c>requirement</c> column).</summary>
public enum LowValueRequirement
{
    /// <summary>Required (confirmed): missing is an error.</summary>
    Required,

    /// <summary>Required under a confirmed condition (e.g. the IOSS number when VAT goes through IOSS): missing then is an error.</summary>
    Conditional,

    /// <summary>Named in the guidance, requirement unconfirmed (regulatory-facts.md status U): missing is reported as a gap, never filled.</summary>
    Listed,
}

/// <summary>One field of a low-value data set, from <c>data/customs/lowvalue-fields.csv</c>.</summary>
/// <param name="Dataset">Data set id: <c>EU-H7</c>, <c>GB-LV</c> or <c>US-321</c>.</param>
/// <param name="Field">Field id (snake case), e.g. <c>ioss_vat_id</c>.</param>
/// <param name="Level">Header or item.</param>
/// <param name="Requirement">How strongly it is required.</param>
/// <param name="DeNumber">EU customs data element number (e.g. <c>13 16 000 000</c>) when the source gives one; otherwise <see langword="null"/>.</param>
/// <param name="Description">What the field holds.</param>
/// <param name="Source">Citation and status.</param>
public sealed record LowValueFieldSpec(string Dataset, string Field, LowValueFieldLevel Level, LowValueRequirement Requirement, string? DeNumber, string Description, DataSource Source);

/// <summary>What a regime row says (the <c>kind</c> column of <c>lowvalue-regimes.csv</c>).</summary>
public enum LowValueRegimeKind
{
    /// <summary>The value ceiling of the data set.</summary>
    Threshold,

    /// <summary>The regime is not available (for the listed origins, or all when none is listed).</summary>
    Suspended,
}

/// <summary>One dated row of <c>data/customs/lowvalue-regimes.csv</c>.</summary>
/// <param name="Id">Row id, e.g. <c>EU-H7-150</c>.</param>
/// <param name="Dataset">Data set id.</param>
/// <param name="Kind">Threshold or suspension.</param>
/// <param name="Threshold">The ceiling (inclusive) for a threshold row, in <paramref name="Currency"/>.</param>
/// <param name="Currency">ISO 4217 code of the threshold.</param>
/// <param name="ValueBasis"><c>intrinsic</c> (goods only) or <c>fair-retail-value</c>.</param>
/// <param name="Origins">Origin countries a suspension covers; empty = all.</param>
/// <param name="Validity">Dates in force (start <see cref="LocalDate.MinIsoValue"/> when unknown).</param>
/// <param name="Source">Citation and status.</param>
/// <param name="Note">What the row means in practice.</param>
public sealed record LowValueRegime(string Id, string Dataset, LowValueRegimeKind Kind, decimal? Threshold, Money.CurrencyCode? Currency, string? ValueBasis, IReadOnlyList<string> Origins, ValidityPeriod Validity, DataSource Source, string Note);

/// <summary>
/// The low-value regimes and field lists of <c>data/customs/</c> (<c>lowvalue-regimes.csv</c>, <c>lowvalue-fields.csv</c>;
/// facts from regulatory-facts.md §1.1–§1.3 and §5) and the EU member states (the <c>customs_union</c> column of
/// <c>data/tax/destination-profiles.csv</c>). Immutable and thread-safe once loaded.
/// </summary>
public sealed class LowValueRules
{
    /// <summary>File of the regime rows.</summary>
    public const string RegimesFile = "lowvalue-regimes.csv";

    /// <summary>File of the field rows.</summary>
    public const string FieldsFile = "lowvalue-fields.csv";

    private readonly LowValueRegime[] _regimes;
    private readonly Dictionary<string, LowValueFieldSpec[]> _fields;
    private readonly HashSet<string> _euMembers;

    private LowValueRules(LowValueRegime[] regimes, Dictionary<string, LowValueFieldSpec[]> fields, HashSet<string> euMembers)
    {
        _regimes = regimes;
        _fields = fields;
        _euMembers = euMembers;
    }

    /// <summary>Number of regime rows.</summary>
    public int RegimeCount => _regimes.Length;

    /// <summary>Number of field rows.</summary>
    public int FieldCount => _fields.Values.Sum(f => f.Length);

    /// <summary>Data set id of a destination: <c>EU-H7</c>, <c>GB-LV</c>, <c>US-321</c>.</summary>
    /// <param name="destination">The destination.</param>
    /// <returns>The id.</returns>
    public static string DatasetId(LowValueDestination destination) => destination switch
    {
        LowValueDestination.EU => "EU-H7",
        LowValueDestination.GB => "GB-LV",
        _ => "US-321",
    };

    /// <summary>Loads the rows from <c>DATA/customs/</c> and the EU membership from <c>DATA/tax/destination-profiles.csv</c>.</summary>
    /// <param name="dataDir">The data folder.</param>
    /// <returns>The rules.</returns>
    /// <exception cref="ReferenceDataException">When a file is missing or a row malformed (file, line, field), or a data set the code produces has no fields.</exception>
    public static LowValueRules Load(string dataDir)
    {
        ArgumentNullException.ThrowIfNull(dataDir);
        var folder = Path.Combine(dataDir, CustomsCsv.Folder);
        var fields = LoadFields(Path.Combine(folder, FieldsFile));
        foreach (var d in Enum.GetValues<LowValueDestination>())
        {
            if (!fields.ContainsKey(DatasetId(d)))
            {
                throw new ReferenceDataException(Path.Combine(folder, FieldsFile), 0, "dataset", $"no field rows for data set {DatasetId(d)}");
            }
        }

        return new LowValueRules(LoadRegimes(Path.Combine(folder, RegimesFile)), fields, LoadEu(Path.Combine(dataDir, "tax", "destination-profiles.csv")));
    }

    /// <summary>Loads from the bundled <c>data/</c> folder.</summary>
    /// <returns>The rules.</returns>
    /// <exception cref="ReferenceDataException">As for <see cref="Load"/>.</exception>
    public static LowValueRules LoadBundled() => Load(DataDirectory.Find());

    /// <summary>The field list of a data set, in file order.</summary>
    /// <param name="destination">The destination.</param>
    /// <returns>The fields.</returns>
    public IReadOnlyList<LowValueFieldSpec> Fields(LowValueDestination destination) => _fields[DatasetId(destination)];

    /// <summary>Whether <paramref name="country"/> is an EU member state per <c>data/tax/destination-profiles.csv</c>.</summary>
    /// <param name="country">ISO 3166-1 alpha-2 code.</param>
    /// <returns>True for a member.</returns>
    public bool IsEuMember(string country) => _euMembers.Contains(country);

    /// <summary>The rows of a data set and kind in force on a date.</summary>
    /// <param name="destination">The destination.</param>
    /// <param name="kind">Threshold or suspension.</param>
    /// <param name="date">Order date.</param>
    /// <returns>The rows, in file order.</returns>
    public IEnumerable<LowValueRegime> InForce(LowValueDestination destination, LowValueRegimeKind kind, LocalDate date)
    {
        var id = DatasetId(destination);
        return _regimes.Where(r => r.Dataset == id && r.Kind == kind && r.Validity.Contains(date));
    }

    private static Dictionary<string, LowValueFieldSpec[]> LoadFields(string path)
    {
        var rows = new List<LowValueFieldSpec>();
        using var csv = CsvInput.Open(path, "dataset", "field", "level", "requirement", "de_number", "description", "source", "status");
        while (csv.Read())
        {
            var level = csv.Required("level") switch
            {
                "header" => LowValueFieldLevel.Header,
                "item" => LowValueFieldLevel.Item,
                var l => throw csv.Error("level", $"'{l}' is not header or item"),
            };
            var requirement = csv.Required("requirement") switch
            {
                "required" => LowValueRequirement.Required,
                "conditional" => LowValueRequirement.Conditional,
                "listed" => LowValueRequirement.Listed,
                var r => throw csv.Error("requirement", $"'{r}' is not required, conditional or listed"),
            };
            var de = csv.Text("de_number").Trim();
            var status = csv.Required("status");
            SourceStatus parsed;
            try
            {
                parsed = DataSource.ParseStatus(status);
            }
            catch (FormatException e)
            {
                throw csv.Error("status", e.Message);
            }

            if (requirement != LowValueRequirement.Listed && parsed == SourceStatus.Unconfirmed)
            {
                throw csv.Error("requirement", "an unconfirmed (U) field can only be 'listed'");
            }

            var spec = new LowValueFieldSpec(csv.Required("dataset"), csv.Required("field"), level, requirement, de.Length == 0 ? null : de, csv.Required("description"), new DataSource(csv.Required("source"), null, parsed));
            if (!LowValueDatasetBuilder.Knows(spec.Dataset, spec.Field))
            {
                throw csv.Error("field", $"'{spec.Field}' of {spec.Dataset} is not a field Kuajing can fill; known fields are listed in docs/low-value-datasets.md");
            }

            if (rows.Any(r => r.Dataset == spec.Dataset && r.Field == spec.Field))
            {
                throw csv.Error("field", $"duplicate field '{spec.Field}' in {spec.Dataset}");
            }

            rows.Add(spec);
        }

        return rows.GroupBy(r => r.Dataset, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    private static LowValueRegime[] LoadRegimes(string path)
    {
        var rows = new List<LowValueRegime>();
        using var csv = CsvInput.Open(path, "id", "dataset", "destination", "kind", "threshold", "currency", "value_basis", "origins", "valid_from", "valid_until", "status", "source", "note");
        while (csv.Read())
        {
            var kind = csv.Required("kind") switch
            {
                "threshold" => LowValueRegimeKind.Threshold,
                "suspended" => LowValueRegimeKind.Suspended,
                var k => throw csv.Error("kind", $"'{k}' is not threshold or suspended"),
            };
            var threshold = csv.OptionalDecimal("threshold");
            var currencyText = csv.Text("currency").Trim();
            if (kind == LowValueRegimeKind.Threshold && (threshold is not > 0m || currencyText.Length != 3))
            {
                throw csv.Error("threshold", "a threshold row needs a positive threshold and a 3-letter currency");
            }

            var basis = csv.Text("value_basis").Trim();
            rows.Add(new LowValueRegime(
                csv.Required("id"),
                csv.Required("dataset"),
                kind,
                threshold,
                currencyText.Length == 3 ? new Money.CurrencyCode(currencyText) : null,
                basis.Length == 0 ? null : basis,
                csv.Text("origins").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                CustomsCsv.Validity(csv),
                CustomsCsv.Source(csv),
                csv.Text("note").Trim()));
        }

        return rows.ToArray();
    }

    private static HashSet<string> LoadEu(string path)
    {
        var members = new HashSet<string>(StringComparer.Ordinal);
        using var csv = CsvInput.Open(path, "country", "customs_union");
        while (csv.Read())
        {
            if (csv.Text("customs_union").Trim() == "EU")
            {
                members.Add(csv.Required("country"));
            }
        }

        return members;
    }
}
