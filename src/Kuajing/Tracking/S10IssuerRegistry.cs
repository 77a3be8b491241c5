using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Kuajing.Geography;
using Kuajing.Provenance;
using Kuajing.ReferenceData;
using NodaTime;
using NodaTime.Text;

namespace Kuajing.Tracking;

/// <summary>A country whose designated postal operator issues UPU S10 identifiers under its ISO code.</summary>
/// <param name="Country">ISO 3166-1 alpha-2 code used as the last two characters of the identifier.</param>
/// <param name="CountryName">English country name.</param>
/// <param name="PostalOperator">The designated postal operator, e.g. "China Post".</param>
/// <param name="Source">Where the row comes from.</param>
public sealed record S10Issuer(CountryCode Country, string CountryName, string PostalOperator, DataSource Source);

/// <summary>
/// The countries known to issue S10 identifiers, loaded from <c>data/tracking/s10-issuers.csv</c>
/// (191 rows from <c>jkeen/tracking_number_data</c> commit b79ce4bf, MIT). The list names UPU member
/// countries only; territories with their own code (e.g. MO, TW, GI) are missing, so an absent code means
/// "unknown issuer", not "malformed". Immutable after loading and thread-safe.
/// </summary>
public sealed class S10IssuerRegistry
{
    /// <summary>Path of the bundled file, relative to <c>data/</c>.</summary>
    public const string BundledFile = "tracking/s10-issuers.csv";

    private static readonly string[] Columns = ["country_code", "country", "postal_operator", "citation", "as_of", "status"];

    // 26 × 26 table indexed by the two letters: O(1) membership without allocating.
    private readonly S10Issuer?[] _byCode;

    private S10IssuerRegistry(S10Issuer?[] byCode, int count, string description)
    {
        _byCode = byCode;
        Count = count;
        Description = description;
    }

    /// <summary>Number of issuer countries.</summary>
    public int Count { get; }

    /// <summary>Where the list was loaded from and how many rows it has, for messages.</summary>
    public string Description { get; }

    /// <summary>Loads the bundled list from <c>data/tracking/s10-issuers.csv</c> (found by <see cref="DataDirectory"/>).</summary>
    /// <returns>The registry.</returns>
    /// <exception cref="DirectoryNotFoundException">When the data folder cannot be found.</exception>
    /// <exception cref="FileNotFoundException">When the file is missing.</exception>
    /// <exception cref="InvalidDataException">When a row is malformed; the message names file, line and field.</exception>
    public static S10IssuerRegistry LoadBundled() => Load(DataDirectory.PathOf(BundledFile));

    /// <summary>
    /// Loads an issuer list from a CSV file with the header
    /// <c>country_code,country,postal_operator,citation,as_of,status</c>.
    /// </summary>
    /// <param name="path">CSV file path.</param>
    /// <returns>The registry.</returns>
    /// <exception cref="FileNotFoundException">When <paramref name="path"/> does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// When the header differs, or a row has a country code that is not two letters, an empty country, operator or citation,
    /// an <c>as_of</c> that is neither empty nor an ISO date (yyyy-MM-dd), a status other than C/D/U/E, or a duplicate code;
    /// the message names file, line and field.
    /// </exception>
    public static S10IssuerRegistry Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"S10 issuer list not found: {path}", path);
        }

        var byCode = new S10Issuer?[26 * 26];
        var count = 0;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { DetectColumnCountChanges = true };
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null || !csv.HeaderRecord.SequenceEqual(Columns))
        {
            throw new InvalidDataException(
                $"{path}:1: header is '{string.Join(',', csv.HeaderRecord ?? [])}', expected '{string.Join(',', Columns)}'");
        }

        try
        {
            while (csv.Read())
            {
                var line = csv.Parser.RawRow;
                var code = Field(csv, path, line, "country_code");
                if (code.Length != 2 || !char.IsAsciiLetterUpper(code[0]) || !char.IsAsciiLetterUpper(code[1]))
                {
                    throw Bad(path, line, "country_code", code, "two upper-case letters (ISO 3166-1 alpha-2)");
                }

                var name = Field(csv, path, line, "country");
                var postalOperator = Field(csv, path, line, "postal_operator");
                var citation = Field(csv, path, line, "citation");
                var asOfText = csv.GetField("as_of") ?? "";
                LocalDate? asOf = null;
                if (asOfText.Length > 0)
                {
                    var parsed = LocalDatePattern.Iso.Parse(asOfText);
                    asOf = parsed.Success ? parsed.Value : throw Bad(path, line, "as_of", asOfText, "empty or an ISO date yyyy-MM-dd");
                }

                var statusText = csv.GetField("status") ?? "";
                SourceStatus status;
                try
                {
                    status = DataSource.ParseStatus(statusText);
                }
                catch (FormatException)
                {
                    throw Bad(path, line, "status", statusText, "one of C, D, U, E");
                }

                var index = Index(code[0], code[1]);
                if (byCode[index] is not null)
                {
                    throw Bad(path, line, "country_code", code, "a code not listed on an earlier line");
                }

                byCode[index] = new S10Issuer(new CountryCode(code), name, postalOperator, new DataSource(citation, asOf, status));
                count++;
            }
        }
        catch (CsvHelperException e)
        {
            throw new InvalidDataException($"{path}:{e.Context?.Parser?.RawRow}: malformed CSV row: {e.Message}", e);
        }

        return new S10IssuerRegistry(byCode, count, $"{count} countries in {path}");
    }

    /// <summary>Whether <paramref name="country"/> is a listed issuer.</summary>
    /// <param name="country">ISO 3166-1 alpha-2 code.</param>
    /// <returns>True when listed; false for unlisted codes and for <see langword="default"/>.</returns>
    public bool Contains(CountryCode country) => TryGet(country, out _);

    /// <summary>Looks up the issuer for a country code.</summary>
    /// <param name="country">ISO 3166-1 alpha-2 code.</param>
    /// <param name="issuer">The issuer, or <see langword="null"/> when not listed.</param>
    /// <returns>Whether the code is listed.</returns>
    public bool TryGet(CountryCode country, [NotNullWhen(true)] out S10Issuer? issuer)
    {
        issuer = country.Value is { Length: 2 } v && char.IsAsciiLetterUpper(v[0]) && char.IsAsciiLetterUpper(v[1])
            ? _byCode[Index(v[0], v[1])]
            : null;
        return issuer is not null;
    }

    /// <summary>Membership for two upper-case ASCII letters, without allocating.</summary>
    internal bool Contains(char first, char second) =>
        char.IsAsciiLetterUpper(first) && char.IsAsciiLetterUpper(second) && _byCode[Index(first, second)] is not null;

    private static int Index(char first, char second) => ((first - 'A') * 26) + (second - 'A');

    private static string Field(CsvReader csv, string path, int line, string name)
    {
        var value = csv.GetField(name);
        return string.IsNullOrWhiteSpace(value) ? throw Bad(path, line, name, value ?? "", "a non-empty value") : value.Trim();
    }

    private static InvalidDataException Bad(string path, int line, string field, string value, string expected) =>
        new($"{path}:{line}: field '{field}' is '{value}', expected {expected}");
}
