using System.Globalization;
using Kuajing.Geography;
using Kuajing.Money;
using Kuajing.Provenance;

namespace Kuajing.ReferenceData;

/// <summary>A country or territory from ISO 3166-1 with its currency and UN M49 region.</summary>
/// <param name="Code">ISO 3166-1 alpha-2 code.</param>
/// <param name="Name">English short name (CLDR display name, else the official English name).</param>
/// <param name="Currency">ISO 4217 currency in use; the first listed when the source gives several (e.g. Bhutan INR,BTN); <see langword="null"/> when the source gives none (Antarctica, Türkiye in this snapshot).</param>
/// <param name="M49">UN M49 numeric area code, or <see langword="null"/> when missing.</param>
/// <param name="Region">UN M49 region name (e.g. Europe), empty when missing.</param>
/// <param name="SubRegion">UN M49 sub-region name (e.g. Northern Europe), empty when missing.</param>
public sealed record Country(CountryCode Code, string Name, CurrencyCode? Currency, int? M49, string Region, string SubRegion);

/// <summary>
/// ISO 3166-1 countries (with ISO 4217 currency and UN M49 region) and name resolution for order input.
/// Source: <c>data/reference/country-codes/country-codes.csv</c> (datasets/country-codes, ODC-PDDL) and
/// <c>country-aliases.csv</c> (Kuajing aliases for names used in the UCI Online Retail data, FRED, OpenFlights).
/// Immutable and thread-safe once loaded.
/// </summary>
public sealed class CountryTable
{
    private readonly Dictionary<CountryCode, Country> _byCode;
    private readonly Dictionary<string, CountryCode> _byName;
    private readonly Dictionary<string, string> _unresolvable;

    private CountryTable(Dictionary<CountryCode, Country> byCode, Dictionary<string, CountryCode> byName, Dictionary<string, string> unresolvable)
    {
        _byCode = byCode;
        _byName = byName;
        _unresolvable = unresolvable;
    }

    /// <summary>Number of countries and territories (249 in the bundled snapshot).</summary>
    public int Count => _byCode.Count;

    /// <summary>All countries, in no particular order.</summary>
    public IReadOnlyCollection<Country> All => _byCode.Values;

    /// <summary>Loads the table.</summary>
    /// <param name="countryCodesCsv">Path of <c>country-codes.csv</c> (columns <c>ISO3166-1-Alpha-2</c>, <c>ISO3166-1-Alpha-3</c>, <c>official_name_en</c>, <c>CLDR display name</c>, <c>UNTERM English Short</c>, <c>ISO4217-currency_alphabetic_code</c>, <c>M49</c>, <c>Region Name</c>, <c>Sub-region Name</c>).</param>
    /// <param name="aliasesCsv">Path of <c>country-aliases.csv</c> (columns <c>alias,iso_alpha2,status,source,note</c>; an empty <c>iso_alpha2</c> marks a name that must be rejected with <c>note</c> as the reason).</param>
    /// <returns>The loaded table.</returns>
    /// <exception cref="ReferenceDataException">When a file is missing, a column is missing, or a code, currency or number does not parse (the message names file, line and field).</exception>
    public static CountryTable Load(string countryCodesCsv, string aliasesCsv)
    {
        var byCode = new Dictionary<CountryCode, Country>();
        var byName = new Dictionary<string, CountryCode>(StringComparer.OrdinalIgnoreCase);
        using (var csv = CsvInput.Open(countryCodesCsv, "ISO3166-1-Alpha-2", "ISO3166-1-Alpha-3", "official_name_en", "CLDR display name", "UNTERM English Short", "ISO4217-currency_alphabetic_code", "M49", "Region Name", "Sub-region Name"))
        {
            while (csv.Read())
            {
                var alpha2 = csv.Text("ISO3166-1-Alpha-2").Trim();
                if (alpha2.Length == 0)
                {
                    continue; // rows without an alpha-2 code are not ISO 3166-1 entries
                }

                var code = ParseCode(csv, "ISO3166-1-Alpha-2", alpha2);
                var official = csv.Text("official_name_en").Trim();
                var cldr = csv.Text("CLDR display name").Trim();
                var currencyText = csv.Text("ISO4217-currency_alphabetic_code").Split(',')[0].Trim();
                CurrencyCode? currency = null;
                if (currencyText.Length > 0)
                {
                    try
                    {
                        currency = new CurrencyCode(currencyText);
                    }
                    catch (FormatException e)
                    {
                        throw csv.Error("ISO4217-currency_alphabetic_code", e.Message);
                    }
                }

                var m49Text = csv.Text("M49").Trim();
                int? m49 = m49Text.Length == 0 ? null
                    : int.TryParse(m49Text, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m
                    : throw csv.Error("M49", $"'{m49Text}' is not a UN M49 number");
                var name = cldr.Length > 0 ? cldr : official;
                byCode[code] = new Country(code, name, currency, m49, csv.Text("Region Name").Trim(), csv.Text("Sub-region Name").Trim());

                byName.TryAdd(alpha2, code);
                AddName(byName, csv.Text("ISO3166-1-Alpha-3"), code);
                AddName(byName, official, code);
                AddName(byName, cldr, code);
                var unterm = csv.Text("UNTERM English Short").Trim();
                if (unterm.EndsWith(" (the)", StringComparison.Ordinal))
                {
                    unterm = unterm[..^6];
                }

                AddName(byName, unterm.TrimEnd('*', ' '), code);
            }
        }

        var unresolvable = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using (var csv = CsvInput.Open(aliasesCsv, "alias", "iso_alpha2", "status", "source", "note"))
        {
            while (csv.Read())
            {
                var alias = csv.Required("alias");
                _ = ParseStatus(csv);
                var target = csv.Text("iso_alpha2").Trim();
                if (target.Length == 0)
                {
                    unresolvable[alias] = csv.Required("note");
                    byName.Remove(alias);
                    continue;
                }

                var code = ParseCode(csv, "iso_alpha2", target);
                if (!byCode.ContainsKey(code))
                {
                    throw csv.Error("iso_alpha2", $"'{target}' is not in country-codes.csv");
                }

                byName[alias] = code; // aliases override names derived from the ISO file
            }
        }

        return new CountryTable(byCode, byName, unresolvable);
    }

    /// <summary>Looks a country up by its ISO code.</summary>
    /// <param name="code">ISO 3166-1 alpha-2 code.</param>
    /// <param name="country">The country, or <see langword="null"/>.</param>
    /// <returns>False when the code is not an ISO 3166-1 entry of the snapshot.</returns>
    public bool TryGet(CountryCode code, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Country? country) =>
        _byCode.TryGetValue(code, out country);

    /// <summary>Resolves a country written as an ISO alpha-2 or alpha-3 code or an English name (case-insensitive).</summary>
    /// <param name="name">Code or name, e.g. <c>DE</c>, <c>DEU</c>, <c>Germany</c>, <c>EIRE</c>.</param>
    /// <param name="code">The resolved code, or default.</param>
    /// <returns>False when the name is unknown or ambiguous.</returns>
    public bool TryResolve(string name, out CountryCode code) => TryResolve(name, out code, out _);

    /// <summary>
    /// Resolves a country written as an ISO code or English name, and says why when it cannot: names such as
    /// <c>Channel Islands</c> (Jersey or Guernsey), <c>European Community</c> and <c>Unspecified</c> are never guessed.
    /// </summary>
    /// <param name="name">Code or name, case-insensitive, surrounding spaces ignored.</param>
    /// <param name="code">The resolved code, or default.</param>
    /// <param name="reason">Why the name was not resolved; empty on success.</param>
    /// <returns>False when the name is unknown or ambiguous.</returns>
    public bool TryResolve(string name, out CountryCode code, out string reason)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_byName.TryGetValue(name, out code) || _byName.TryGetValue(name.Trim(), out code))
        {
            reason = "";
            return true;
        }

        code = default;
        reason = _unresolvable.TryGetValue(name.Trim(), out var why)
            ? $"country '{name.Trim()}' cannot be used: {why}"
            : $"country '{name.Trim()}' is not an ISO 3166-1 alpha-2/alpha-3 code or a known English country name";
        return false;
    }

    private static void AddName(Dictionary<string, CountryCode> byName, string name, CountryCode code)
    {
        name = name.Trim();
        if (name.Length > 0)
        {
            byName.TryAdd(name, code);
        }
    }

    private static CountryCode ParseCode(CsvInput csv, string column, string text)
    {
        try
        {
            return new CountryCode(text);
        }
        catch (FormatException e)
        {
            throw csv.Error(column, e.Message);
        }
    }

    private static SourceStatus ParseStatus(CsvInput csv)
    {
        try
        {
            return DataSource.ParseStatus(csv.Text("status"));
        }
        catch (FormatException e)
        {
            throw csv.Error("status", e.Message);
        }
    }
}
