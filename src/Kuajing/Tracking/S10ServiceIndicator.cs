namespace Kuajing.Tracking;

/// <summary>
/// What the UPU S10 standard says a service indicator's range is for. The ranges follow the
/// <c>Service Type</c> lookup of <c>couriers/s10.json</c> in <c>jkeen/tracking_number_data</c>
/// (commit b79ce4bf, MIT; copy in <c>shared/data/tracking-numbers</c>), which summarises UPU S10
/// (identification of postal items, 13-character identifier; version 12 as summarised on Wikipedia's
/// "S10 (UPU standard)" page, 2024).
/// </summary>
public enum S10ServiceCategory
{
    /// <summary>The dataset gives the range no meaning. The standard's published summary marks AA–AU, F, GB–GC, GE–GZ and I unassigned and J, K reserved: never issue from them.</summary>
    NotListed,

    /// <summary>EA–EZ: EMS (international express mail service).</summary>
    Ems,

    /// <summary>LA–LZ: letter post, express (exprès) delivery.</summary>
    LetterPostExpress,

    /// <summary>MA–MZ: M bags (direct sacks of printed matter for one addressee).</summary>
    MBag,

    /// <summary>QA–QM: international business reply service (IBRS).</summary>
    InternationalBusinessReply,

    /// <summary>RA–RZ: registered letter post.</summary>
    LetterPostRegistered,

    /// <summary>UA–UZ: other letter post items with a barcode (e.g. items under customs control bearing a CN 22/CN 23).</summary>
    LetterPostOther,

    /// <summary>VA–VZ: insured letter post.</summary>
    LetterPostInsured,

    /// <summary>CA–CZ: parcel post.</summary>
    ParcelPost,

    /// <summary>HA–HZ: e-commerce parcels.</summary>
    ECommerceParcel,

    /// <summary>AV–AZ, BA–BZ, DA–DZ, GA, GD, NA–NZ, PA–PZ, ZA–ZZ: for domestic, bilateral or multilateral use only.</summary>
    DomesticOrBilateral,
}

/// <summary>
/// The two-letter service indicator that opens a UPU S10 identifier (e.g. "RR" registered letter,
/// "EE" EMS, "CP" parcel post). The first letter names the service range (see <see cref="Category"/>),
/// the second a variant chosen by the issuing postal operator. Immutable and thread-safe.
/// </summary>
public readonly record struct S10ServiceIndicator
{
    /// <summary>
    /// The service indicator Kuajing issues for its consolidated door-to-door cross-border shipments:
    /// <c>HJ</c>. <c>H</c> is the S10 range HA–HZ "e-commerce parcels" (dataset: "Parcel Post (e-commerce)",
    /// <c>H[A-Z]</c>), which fits a cross-border e-commerce consignment carried door to door; it is neither
    /// reserved nor limited to domestic or bilateral use. The second letter <c>J</c> (for Kuajing 跨境) is
    /// the operator-chosen variant; it avoids <c>HK</c>, which readers take for Hong Kong, and the
    /// X–Z variants that S10 keeps for bilateral agreements in other ranges.
    /// </summary>
    /// <remarks>
    /// An S10 number with country code CN is, under the standard, controlled by China's designated
    /// postal operator. Kuajing's numbers are shipment references in S10 form; before they are handed to
    /// a postal network as postal item identifiers, a block must be agreed with that operator.
    /// </remarks>
    public static S10ServiceIndicator KuajingConsolidated { get; } = new('H', 'J');

    private readonly char _first;
    private readonly char _second;

    /// <summary>Creates a service indicator from two letters.</summary>
    /// <param name="code">Two ASCII letters; lower case is accepted and upper-cased.</param>
    /// <exception cref="ArgumentNullException">When <paramref name="code"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">When <paramref name="code"/> is not exactly two ASCII letters.</exception>
    public S10ServiceIndicator(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length != 2 || !char.IsAsciiLetter(code[0]) || !char.IsAsciiLetter(code[1]))
        {
            throw new FormatException($"S10 service indicator '{code}' is not two letters A–Z");
        }

        _first = char.ToUpperInvariant(code[0]);
        _second = char.ToUpperInvariant(code[1]);
    }

    /// <summary>Creates from two upper-case ASCII letters already checked by the caller.</summary>
    internal S10ServiceIndicator(char first, char second)
    {
        _first = first;
        _second = second;
    }

    /// <summary>The two letters, e.g. "HJ"; empty for <see langword="default"/>.</summary>
    public string Code => _first == '\0' ? "" : string.Create(2, (_first, _second), static (span, s) =>
    {
        span[0] = s._first;
        span[1] = s._second;
    });

    /// <summary>First letter (the service range), upper case; '\0' for <see langword="default"/>.</summary>
    public char First => _first;

    /// <summary>Second letter (the operator's variant), upper case; '\0' for <see langword="default"/>.</summary>
    public char Second => _second;

    /// <summary>The S10 range this indicator falls in (see <see cref="S10ServiceCategory"/> for the source).</summary>
    public S10ServiceCategory Category => Categorize(_first, _second);

    /// <summary>The indicator's two letters.</summary>
    /// <returns><see cref="Code"/>.</returns>
    public override string ToString() => Code;

    private static S10ServiceCategory Categorize(char first, char second) => first switch
    {
        'E' => S10ServiceCategory.Ems,
        'L' => S10ServiceCategory.LetterPostExpress,
        'M' => S10ServiceCategory.MBag,
        'Q' when second <= 'M' => S10ServiceCategory.InternationalBusinessReply,
        'R' => S10ServiceCategory.LetterPostRegistered,
        'U' => S10ServiceCategory.LetterPostOther,
        'V' => S10ServiceCategory.LetterPostInsured,
        'C' => S10ServiceCategory.ParcelPost,
        'H' => S10ServiceCategory.ECommerceParcel,
        'B' or 'D' or 'N' or 'P' or 'Z' => S10ServiceCategory.DomesticOrBilateral,
        'A' when second >= 'V' => S10ServiceCategory.DomesticOrBilateral,
        'G' when second is 'A' or 'D' => S10ServiceCategory.DomesticOrBilateral,
        _ => S10ServiceCategory.NotListed,
    };
}
