namespace Kuajing.Goods;

/// <summary>
/// A Harmonized System code: 2 (chapter), 4 (heading), 6 (subheading, the international level, WCO HS 2022)
/// or 8–10 digits (national tariff lines). Stored as digits only.
/// </summary>
public readonly record struct HsCode
{
    /// <summary>The digits, 2 to 10 of them, even count.</summary>
    public string Digits { get; }

    /// <summary>Creates an HS code; dots and spaces are removed first (e.g. "6109.10" → "610910").</summary>
    /// <param name="code">The code text.</param>
    /// <exception cref="FormatException">When the code, without dots and spaces, is not 2, 4, 6, 8 or 10 ASCII digits.</exception>
    public HsCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var digits = new string(code.Where(c => c is not ('.' or ' ')).ToArray());
        if (digits.Length is < 2 or > 10 || digits.Length % 2 != 0 || !digits.All(char.IsAsciiDigit))
        {
            throw new FormatException($"HS code '{code}' is not 2, 4, 6, 8 or 10 digits");
        }

        Digits = digits;
    }

    /// <summary>The two-digit chapter, e.g. "61".</summary>
    public string Chapter => Digits[..2];

    /// <summary>The six-digit subheading, or <see langword="null"/> when the code is shorter than six digits.</summary>
    public string? Subheading => Digits.Length >= 6 ? Digits[..6] : null;

    /// <inheritdoc/>
    public override string ToString() => Digits ?? "";
}
