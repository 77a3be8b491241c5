using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Kuajing.Geography;
using Kuajing.Lanes;
using Kuajing.Provenance;
using NodaTime;
using NodaTime.Text;

namespace Kuajing.LandedCost;

/// <summary>
/// The dated import rules Kuajing quotes landed cost by: low-value / de minimis regimes, duty reliefs, flat duties,
/// surcharges, fees and VAT/GST rates per destination, each row with its source and status.
/// Loaded from <c>data/tax/</c>: <c>import-rules.csv</c>, <c>destination-profiles.csv</c> and <c>vat-rates.csv</c>
/// (see <c>data/tax/SOURCE.md</c>; facts from <c>shared/reference/regulatory-facts.md</c> §1–§4, EU rates from
/// ibericode/vat-rates, MIT). Rules are pre-indexed by destination country; immutable and thread-safe once loaded.
/// </summary>
public sealed class ImportRuleBook
{
    /// <summary>File name of the rule rows inside the tax folder.</summary>
    public const string RulesFile = "import-rules.csv";

    /// <summary>File name of the per-destination profiles (customs value basis, VAT base, customs union).</summary>
    public const string ProfilesFile = "destination-profiles.csv";

    /// <summary>File name of the dated standard VAT/GST rates.</summary>
    public const string VatRatesFile = "vat-rates.csv";

    private readonly Dictionary<string, DestinationRules> _byCountry;

    private ImportRuleBook(Dictionary<string, DestinationRules> byCountry, int ruleCount, int rateCount, Tariffs.TariffStore tariffs)
    {
        _byCountry = byCountry;
        RuleCount = ruleCount;
        VatRateCount = rateCount;
        Tariffs = tariffs;
    }

    /// <summary>
    /// The import tariff schedules and additional duties the ordinary duty is computed from (<c>data/tariffs/</c>, see
    /// <see cref="Kuajing.Tariffs.TariffStore"/>); <see cref="Kuajing.Tariffs.TariffStore.Empty"/> when the data folder has no
    /// <c>tariffs/</c> subfolder, and the duty is then unknown unless a rule row gives it.
    /// </summary>
    public Tariffs.TariffStore Tariffs { get; }

    /// <summary>The same rules with another tariff store (e.g. <see cref="Kuajing.Tariffs.TariffStore.Empty"/>, or one with the Australian scrape added in tests).</summary>
    /// <param name="tariffs">The tariff store to quote ordinary duty from.</param>
    /// <returns>A new book sharing this book's rules.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="tariffs"/> is null.</exception>
    public ImportRuleBook WithTariffs(Tariffs.TariffStore tariffs)
    {
        ArgumentNullException.ThrowIfNull(tariffs);
        return new ImportRuleBook(_byCountry, RuleCount, VatRateCount, tariffs);
    }

    /// <summary>Number of rows read from <see cref="RulesFile"/>.</summary>
    public int RuleCount { get; }

    /// <summary>Number of rows read from <see cref="VatRatesFile"/>.</summary>
    public int VatRateCount { get; }

    /// <summary>The destination countries the book has a profile for (others are quoted as rules unknown).</summary>
    public IEnumerable<CountryCode> Destinations => _byCountry.Keys.Select(k => new CountryCode(k));

    /// <summary>Whether <paramref name="destination"/> has rules; a quote to any other country says the rules are unknown.</summary>
    /// <param name="destination">Import country.</param>
    /// <returns>True when a profile row exists for the country.</returns>
    public bool Covers(CountryCode destination) => destination.Value is not null && _byCountry.ContainsKey(destination.Value);

    /// <summary>Loads the rule book from a data folder.</summary>
    /// <param name="dataDir">The repository's <c>data/</c> folder (see <see cref="ReferenceData.DataDirectory.Find"/>); the files are read from its <c>tax/</c> subfolder, and the tariff catalogue from <c>tariffs/</c> when present (schedules load on first use).</param>
    /// <returns>The loaded book.</returns>
    /// <exception cref="FileNotFoundException">When one of the three CSV files is missing.</exception>
    /// <exception cref="ReferenceData.ReferenceDataException">When <c>tariffs/schedules.csv</c> or <c>tariffs/additional-duties.csv</c> is malformed (file, line, field).</exception>
    /// <exception cref="InvalidDataException">When a row is malformed; the message names the file, line, field and the expected form.</exception>
    public static ImportRuleBook Load(string dataDir)
    {
        ArgumentNullException.ThrowIfNull(dataDir);
        var taxDir = Path.Combine(dataDir, "tax");
        var profiles = ReadProfiles(Path.Combine(taxDir, ProfilesFile));
        var unions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in profiles)
        {
            if (p.CustomsUnion is not null)
            {
                unions[p.Country] = p.CustomsUnion;
            }
        }

        var rules = ReadRules(Path.Combine(taxDir, RulesFile), profiles);
        var rates = ReadVatRates(Path.Combine(taxDir, VatRatesFile));
        var byCountry = new Dictionary<string, DestinationRules>(StringComparer.Ordinal);
        foreach (var p in profiles)
        {
            var own = new List<ImportRule>();
            foreach (var r in rules)
            {
                if (r.Destination == p.Country || (p.CustomsUnion is not null && r.Destination == p.CustomsUnion))
                {
                    own.Add(r);
                }
            }

            var ownRates = rates.Where(r => r.Country == p.Country).ToArray();
            byCountry[p.Country] = new DestinationRules(p, own.ToArray(), ownRates, unions);
        }

        var tariffs = File.Exists(Path.Combine(dataDir, Kuajing.Tariffs.TariffStore.FolderName, Kuajing.Tariffs.TariffStore.SchedulesFile))
            ? Kuajing.Tariffs.TariffStore.Load(dataDir)
            : Kuajing.Tariffs.TariffStore.Empty;
        return new ImportRuleBook(byCountry, rules.Count, rates.Count, tariffs);
    }

    /// <summary>Loads the rule book from the bundled data folder found by <see cref="ReferenceData.DataDirectory.Find"/>.</summary>
    /// <returns>The loaded book.</returns>
    /// <exception cref="DirectoryNotFoundException">When the data folder cannot be found.</exception>
    /// <exception cref="InvalidDataException">When a row is malformed.</exception>
    public static ImportRuleBook LoadBundled() => Load(ReferenceData.DataDirectory.Find());

    internal DestinationRules? Find(string country) => _byCountry.GetValueOrDefault(country);

    /// <summary>
    /// Every dated row that starts or stops being in force in the window (<paramref name="after"/>, <paramref name="through"/>]:
    /// import rules and VAT/GST rates of every destination, additional duties and tariff schedules
    /// (<see cref="Kuajing.Tariffs.AdditionalDutyBook.RowsChanging"/>, <see cref="Kuajing.Tariffs.TariffStore.SchedulesChanging"/>).
    /// A quote under this book changes only on such days (FX held fixed). Rows without a first day in the files
    /// (long-standing) never take effect in a window.
    /// </summary>
    /// <param name="after">Start of the window, exclusive (e.g. the date the plan was quoted on).</param>
    /// <param name="through">End of the window, inclusive (e.g. the evaluation date).</param>
    /// <returns>The changes ordered by date (stable: rows of one day keep the order found: import rules and VAT rates, then additional duties, then schedules).</returns>
    public IReadOnlyList<RuleRowChange> RowsChanging(LocalDate after, LocalDate through)
    {
        var result = new List<RuleRowChange>();
        var seen = new HashSet<ImportRule>(ReferenceEqualityComparer.Instance);
        foreach (var rules in _byCountry.Values)
        {
            foreach (var r in rules.Rules)
            {
                if (seen.Add(r))
                {
                    AddEdges(result, r.Id, RulesFile, r.Destination, r.Validity, r.Source, after, through);
                }
            }

            foreach (var v in rules.Rates)
            {
                AddEdges(result, VatRowId(v), VatRatesFile, v.Country, v.Validity, v.Source, after, through);
            }
        }

        AddTariffRows(result, null, null, after, through);
        return Sorted(result);
    }

    /// <summary>
    /// The rows of <see cref="RowsChanging(LocalDate, LocalDate)"/> that concern one shipment: import rules of the destination
    /// (or its customs union) covering the origin and the clearance channel, the destination's VAT/GST rates, additional
    /// duties of the destination's tariff (ISO alpha-2 or customs union) covering the origin, and its tariff schedules.
    /// </summary>
    /// <param name="destination">Import country.</param>
    /// <param name="origin">Country the goods ship from.</param>
    /// <param name="channel">Clearance channel of the clearing leg (import rules may be limited to postal, courier …).</param>
    /// <param name="after">Start of the window, exclusive.</param>
    /// <param name="through">End of the window, inclusive.</param>
    /// <returns>The changes ordered by date (stable, as above); empty for a destination without rules.</returns>
    public IReadOnlyList<RuleRowChange> RowsChanging(CountryCode destination, CountryCode origin, ClearanceChannel channel, LocalDate after, LocalDate through)
    {
        var result = new List<RuleRowChange>();
        var rules = destination.Value is { } d ? Find(d) : null;
        if (rules is null)
        {
            return result;
        }

        var from = origin.Value ?? "";
        var originUnion = rules.UnionOf(from);
        foreach (var r in rules.Rules)
        {
            if (r.MatchesOrigin(from, originUnion) && r.MatchesChannel(channel))
            {
                AddEdges(result, r.Id, RulesFile, r.Destination, r.Validity, r.Source, after, through);
            }
        }

        foreach (var v in rules.Rates)
        {
            AddEdges(result, VatRowId(v), VatRatesFile, v.Country, v.Validity, v.Source, after, through);
        }

        AddTariffRows(result, rules.Profile.CustomsUnion ?? rules.Profile.Country, from, after, through);
        return Sorted(result);
    }

    private void AddTariffRows(List<RuleRowChange> result, string? tariffDestination, string? origin, LocalDate after, LocalDate through)
    {
        foreach (var r in Tariffs.AdditionalDuties.RowsChanging(after, through))
        {
            if ((tariffDestination is null || r.Destination == tariffDestination) && (origin is null || r.CoversOrigin(origin)))
            {
                AddEdges(result, r.Id, Kuajing.Tariffs.TariffStore.AdditionalDutiesFile, r.Destination, r.Validity, r.Source, after, through);
            }
        }

        foreach (var e in Tariffs.SchedulesChanging(after, through))
        {
            if (tariffDestination is null || e.Destination == tariffDestination)
            {
                AddEdges(result, e.Id, Kuajing.Tariffs.TariffStore.SchedulesFile, e.Destination, e.Validity, e.Source, after, through);
            }
        }
    }

    private static void AddEdges(List<RuleRowChange> into, string id, string file, string destination, ValidityPeriod validity, DataSource source, LocalDate after, LocalDate through)
    {
        if (validity.From > after && validity.From <= through)
        {
            into.Add(new RuleRowChange(id, file, destination, validity.From, RuleRowEdge.TakesEffect, source));
        }

        if (validity.Until is { } until && until > after && until <= through)
        {
            into.Add(new RuleRowChange(id, file, destination, until, RuleRowEdge.Expires, source));
        }
    }

    private static string VatRowId(VatRate v) =>
        string.Create(CultureInfo.InvariantCulture, $"VAT:{v.Country}{(v.Region.Length == 0 ? "" : "/" + v.Region)}:{(v.Validity.From == LocalDate.MinIsoValue ? "open" : v.Validity.From.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture))}");

    private static List<RuleRowChange> Sorted(List<RuleRowChange> changes)
    {
        // Stable: List.Sort is not, so sort by (date, original position).
        return [.. changes.Select((c, i) => (c, i)).OrderBy(x => x.c.On).ThenBy(x => x.i).Select(x => x.c)];
    }

    private static List<DestinationProfile> ReadProfiles(string path)
    {
        var list = new List<DestinationProfile>();
        foreach (var row in CsvRows.Read(path))
        {
            var country = row.Country("country");
            var union = row.Optional("customs_union");
            var basisText = row.Required("customs_value_basis");
            var basis = basisText switch
            {
                "CIF" => CustomsValueBasis.Cif,
                "FOB" => CustomsValueBasis.Fob,
                _ => throw row.Error("customs_value_basis", "CIF or FOB"),
            };
            var cvSource = new DataSource(row.Required("customs_value_source"), null, row.Status("customs_value_status"));
            var vatSourceText = row.Optional("vat_base_source");
            var vatSource = vatSourceText is null ? null : new DataSource(vatSourceText, null, row.Status("vat_base_status"));
            list.Add(new DestinationProfile(
                country,
                union,
                row.Optional("tax_name") ?? "VAT",
                basis,
                cvSource,
                row.VatBase("pos_vat_base"),
                row.VatBase("import_vat_base"),
                vatSource));
        }

        return list;
    }

    private static List<ImportRule> ReadRules(string path, List<DestinationProfile> profiles)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in profiles)
        {
            known.Add(p.Country);
            if (p.CustomsUnion is not null)
            {
                known.Add(p.CustomsUnion);
            }
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<ImportRule>();
        foreach (var row in CsvRows.Read(path))
        {
            var id = row.Required("id");
            if (!ids.Add(id))
            {
                throw row.Error("id", "a unique rule id", $"duplicate id '{id}'");
            }

            var destination = row.Required("destination");
            if (!known.Contains(destination))
            {
                throw row.Error("destination", $"a country or customs union with a row in {ProfilesFile}");
            }

            var originsText = row.Required("origins");
            var excluded = originsText.StartsWith('!');
            var origins = originsText == "*" ? [] : originsText.TrimStart('!').Split('|', StringSplitOptions.TrimEntries);
            foreach (var o in origins)
            {
                if (o.Length != 2 || !o.All(char.IsAsciiLetterUpper))
                {
                    throw row.Error("origins", "'*' or ISO alpha-2 codes / a union code joined by '|', optionally prefixed by '!'");
                }
            }

            var channelsText = row.Required("channels");
            var channels = channelsText == "*"
                ? []
                : channelsText.Split('|', StringSplitOptions.TrimEntries).Select(c => c switch
                {
                    "postal" => ClearanceChannel.Postal,
                    "courier" => ClearanceChannel.Courier,
                    "formal" => ClearanceChannel.Formal,
                    _ => throw row.Error("channels", "'*' or postal|courier|formal"),
                }).ToArray();

            var kind = row.Required("kind") switch
            {
                "relief" => RuleKind.Relief,
                "point-of-sale-tax" => RuleKind.PointOfSaleTax,
                "import-tax" => RuleKind.ImportTax,
                "flat-duty-per-subheading" => RuleKind.FlatDutyPerSubheading,
                "duty-ad-valorem" => RuleKind.DutyAdValorem,
                "duty-surcharge" => RuleKind.DutySurcharge,
                "global-rate" => RuleKind.GlobalRate,
                "fee" => RuleKind.Fee,
                "de-minimis-suspended" => RuleKind.DeMinimisSuspended,
                "no-import-tax" => RuleKind.NoImportTax,
                _ => throw row.Error("kind", "relief, point-of-sale-tax, import-tax, flat-duty-per-subheading, duty-ad-valorem, duty-surcharge, global-rate, fee, de-minimis-suspended or no-import-tax"),
            };
            var appliesTo = row.Required("applies_to");
            var (coversDuty, coversTax) = appliesTo switch
            {
                "duty" => (true, false),
                "tax" => (false, true),
                "duty+tax" => (true, true),
                "fee" => (false, false),
                _ => throw row.Error("applies_to", "duty, tax, duty+tax or fee"),
            };

            ValueBand band;
            try
            {
                band = ValueBand.Parse(row.Optional("band") ?? "");
            }
            catch (FormatException e)
            {
                throw row.Error("band", "empty or <=N, <N, >N, >=N joined by '&'", e.Message);
            }

            var basis = row.Required("value_basis") switch
            {
                "intrinsic" => ValueBasis.Intrinsic,
                "customs-value" => ValueBasis.CustomsValue,
                "goods+shipping" => ValueBasis.GoodsPlusShipping,
                "tax-amount" => ValueBasis.TaxAmount,
                _ => throw row.Error("value_basis", "intrinsic, customs-value, goods+shipping or tax-amount"),
            };
            var perItem = row.Required("per") switch
            {
                "consignment" => false,
                "item" => true,
                _ => throw row.Error("per", "consignment or item"),
            };
            var thresholdCurrency = row.Currency("threshold_currency");
            var rate = row.OptionalDecimal("rate_percent");
            var amountValue = row.OptionalDecimal("amount");
            Money.Money? amount = amountValue is null ? null : new Money.Money(amountValue.Value, row.Currency("amount_currency"));
            var needsRate = kind is RuleKind.DutyAdValorem or RuleKind.DutySurcharge or RuleKind.GlobalRate;
            if (needsRate && rate is null)
            {
                throw row.Error("rate_percent", $"a percentage for kind '{row.Required("kind")}'");
            }

            if (kind is RuleKind.Fee or RuleKind.FlatDutyPerSubheading && amount is null)
            {
                throw row.Error("amount", $"an amount for kind '{row.Required("kind")}'");
            }

            var payer = row.Required("payer") switch
            {
                "incoterm" => PayerRule.Incoterm,
                "seller" => PayerRule.Seller,
                "buyer" => PayerRule.Buyer,
                _ => throw row.Error("payer", "incoterm, seller or buyer"),
            };
            var validity = row.Validity();
            var source = new DataSource(row.Required("source"), validity.From == LocalDate.MinIsoValue ? null : validity.From, row.Status("status"));
            list.Add(new ImportRule(
                id, destination, excluded, origins, channels.Length == 0, channels, validity, kind, coversDuty, coversTax,
                row.Optional("variant"), band, basis, perItem, thresholdCurrency, rate, amount, payer, row.Optional("flag"),
                source, row.Optional("note") ?? ""));
        }

        return list;
    }

    private static List<VatRate> ReadVatRates(string path)
    {
        var list = new List<VatRate>();
        foreach (var row in CsvRows.Read(path))
        {
            var rate = row.OptionalDecimal("rate_percent") ?? throw row.Error("rate_percent", "a percentage 0-100");
            if (rate is < 0 or > 100)
            {
                throw row.Error("rate_percent", "a percentage 0-100");
            }

            var validity = row.Validity();
            list.Add(new VatRate(
                row.Country("country"),
                row.Optional("region") ?? "",
                rate,
                validity,
                new DataSource(row.Required("source"), validity.From == LocalDate.MinIsoValue ? null : validity.From, row.Status("status")),
                row.Line));
        }

        return list;
    }

    /// <summary>A CSV row with field access that reports file, line and field on error.</summary>
    private sealed class CsvRows
    {
        private readonly CsvReader _csv;
        private readonly string _file;

        private CsvRows(CsvReader csv, string file)
        {
            _csv = csv;
            _file = file;
        }

        public int Line => _csv.Parser.RawRow;

        public static IEnumerable<CsvRows> Read(string path)
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"landed-cost rule file not found: {path}", path);
            }

            using var reader = new StreamReader(path);
            using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim });
            if (!csv.Read() || !csv.ReadHeader())
            {
                throw new InvalidDataException($"{path}: empty file, expected a header row");
            }

            var row = new CsvRows(csv, path);
            while (csv.Read())
            {
                yield return row;
            }
        }

        public InvalidDataException Error(string field, string expected, string? detail = null)
        {
            _csv.TryGetField<string>(field, out var value);
            return new InvalidDataException(
                $"{_file}:{Line}: field '{field}' is '{value}', expected {expected}{(detail is null ? "" : $" ({detail})")}");
        }

        public string? Optional(string field)
        {
            if (!_csv.TryGetField<string>(field, out var value))
            {
                throw new InvalidDataException($"{_file}:{Line}: missing column '{field}'");
            }

            return string.IsNullOrWhiteSpace(value) ? null : value;
        }

        public string Required(string field) => Optional(field) ?? throw Error(field, "a value");

        public string Country(string field)
        {
            var text = Required(field);
            return text.Length == 2 && text.All(char.IsAsciiLetterUpper) ? text : throw Error(field, "an ISO 3166-1 alpha-2 code in upper case");
        }

        public Money.CurrencyCode Currency(string field)
        {
            try
            {
                return new Money.CurrencyCode(Required(field));
            }
            catch (FormatException)
            {
                throw Error(field, "an ISO 4217 code");
            }
        }

        public decimal? OptionalDecimal(string field)
        {
            var text = Optional(field);
            if (text is null)
            {
                return null;
            }

            return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : throw Error(field, "a decimal number (invariant culture)");
        }

        public SourceStatus Status(string field)
        {
            try
            {
                return DataSource.ParseStatus(Required(field));
            }
            catch (FormatException)
            {
                throw Error(field, "C, D, U or E");
            }
        }

        public VatBase VatBase(string field) => Optional(field) switch
        {
            null => LandedCost.VatBase.Unconfirmed,
            "goods" => LandedCost.VatBase.Goods,
            "goods+freight" => LandedCost.VatBase.GoodsPlusFreight,
            "goods+freight+duty" => LandedCost.VatBase.GoodsPlusFreightPlusDuty,
            "customs-value+duty" => LandedCost.VatBase.CustomsValuePlusDuty,
            _ => throw Error(field, "empty, goods, goods+freight, goods+freight+duty or customs-value+duty"),
        };

        public ValidityPeriod Validity()
        {
            var from = Date("valid_from") ?? LocalDate.MinIsoValue;
            var until = Date("valid_until");
            if (until is not null && until.Value <= from)
            {
                throw Error("valid_until", "a date after valid_from");
            }

            return new ValidityPeriod(from, until);
        }

        private LocalDate? Date(string field)
        {
            var text = Optional(field);
            if (text is null)
            {
                return null;
            }

            var parsed = LocalDatePattern.Iso.Parse(text);
            return parsed.Success ? parsed.Value : throw Error(field, "an ISO date yyyy-MM-dd or empty");
        }
    }
}

/// <summary>Everything the calculator needs about one destination, pre-indexed at load.</summary>
internal sealed class DestinationRules(DestinationProfile profile, ImportRule[] rules, VatRate[] rates, Dictionary<string, string> unions)
{
    public DestinationProfile Profile { get; } = profile;

    public ImportRule[] Rules { get; } = rules;

    public VatRate[] Rates { get; } = rates;

    /// <summary>Customs union of a country (e.g. EU), or <see langword="null"/>.</summary>
    public string? UnionOf(string country) => unions.GetValueOrDefault(country);
}
