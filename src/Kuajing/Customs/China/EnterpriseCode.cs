using System.Diagnostics.CodeAnalysis;

namespace Kuajing.Customs.China;

/// <summary>Which published code an <see cref="EnterpriseCode"/> is.</summary>
public enum EnterpriseCodeKind
{
    /// <summary>
    /// 海关注册编码: the 10-character customs registration code. Positions 1–4 are the customs area (关区) / administrative
    /// area of the registering customs, position 5 the economic-zone code, position 6 the enterprise type, 7–10 a
    /// sequence (newton.com.tw 海關註冊號; mip.maxlaw.cn/z/20160819/854125586625.shtml). Letters occur in the sequence part
    /// in real receipts (e.g. <c>3301964J31</c>, jasmine-100/dandingtest DeclareBack.java), so only positions 1–4 must be digits.
    /// </summary>
    CustomsRegistration,

    /// <summary>
    /// 统一社会信用代码: the 18-character unified social credit code of GB 32100-2015 (法人和其他组织统一社会信用代码编码规则),
    /// characters <c>0-9 A-H J-N P-R T U W-Y</c> (no I, O, Z, S, V), positions 3–8 a GB/T 2260 division code, position 18 a
    /// check character: C18 = 31 − MOD(Σ Ci·Wi, 31) with Wi = MOD(3^(i−1), 31), value 31 written as 0.
    /// </summary>
    UnifiedSocialCreditCode,
}

/// <summary>
/// An enterprise code as the CEB messages carry it in <c>ebpCode</c>, <c>ebcCode</c>, <c>payCode</c>, <c>logisticsCode</c>,
/// <c>agentCode</c> …: the customs registration code or the unified social credit code ("电商平台海关注册登记编号或统一社会信用代码",
/// Weasley-J/chinaport-data-signature export/OrderHead.java; field length C..18, regulatory-facts.md §3.3).
/// </summary>
public readonly record struct EnterpriseCode
{
    // GB 32100-2015 table 1: the 31 code characters and their values (index = value).
    private const string UsccCharacters = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private EnterpriseCode(string value, EnterpriseCodeKind kind)
    {
        Value = value;
        Kind = kind;
    }

    /// <summary>The code as declared (upper case, no spaces).</summary>
    public string Value { get; }

    /// <summary>Which code it is.</summary>
    public EnterpriseCodeKind Kind { get; }

    /// <summary>Parses a 10-character customs registration code or an 18-character unified social credit code.</summary>
    /// <param name="text">The code; surrounding spaces are ignored, lower case is accepted.</param>
    /// <returns>The code.</returns>
    /// <exception cref="FormatException">When <paramref name="text"/> is neither form, or an 18-character code's check character is wrong.</exception>
    public static EnterpriseCode Parse(string text) =>
        TryParse(text, out var code, out var error) ? code : throw new FormatException(error);

    /// <summary>Tries to parse a code; see <see cref="Parse"/>.</summary>
    /// <param name="text">The code.</param>
    /// <param name="code">The parsed code when valid.</param>
    /// <param name="error">What is wrong and what was expected, when invalid.</param>
    /// <returns>True when valid.</returns>
    public static bool TryParse(string? text, out EnterpriseCode code, [NotNullWhen(false)] out string? error)
    {
        code = default;
        var s = (text ?? "").Trim().ToUpperInvariant();
        if (s.Length == 10)
        {
            if (!s.AsSpan(0, 4).ContainsAnyExceptInRange('0', '9') && s.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)))
            {
                code = new EnterpriseCode(s, EnterpriseCodeKind.CustomsRegistration);
                error = null;
                return true;
            }

            error = $"enterprise code '{text}' is not a customs registration code: expected 10 characters, digits or capital letters, the first four digits (海关注册编码)";
            return false;
        }

        if (s.Length == 18)
        {
            var sum = 0;
            var weight = 1;
            for (var i = 0; i < 17; i++)
            {
                var value = UsccCharacters.IndexOf(s[i], StringComparison.Ordinal);
                if (value < 0)
                {
                    error = $"unified social credit code '{text}': character {i + 1} '{s[i]}' is not one of {UsccCharacters} (GB 32100-2015 table 1)";
                    return false;
                }

                sum += value * weight;
                weight = weight * 3 % 31;
            }

            if (!s.AsSpan(2, 6).ContainsAnyExceptInRange('0', '9'))
            {
                var check = (31 - (sum % 31)) % 31;
                if (s[17] == UsccCharacters[check])
                {
                    code = new EnterpriseCode(s, EnterpriseCodeKind.UnifiedSocialCreditCode);
                    error = null;
                    return true;
                }

                error = $"unified social credit code '{text}': check character is '{s[17]}', expected '{UsccCharacters[check]}' (GB 32100-2015 §4.5)";
                return false;
            }

            error = $"unified social credit code '{text}': characters 3–8 must be a 6-digit administrative division code (GB 32100-2015, GB/T 2260)";
            return false;
        }

        error = $"enterprise code '{text}' has {s.Length} characters: expected a 10-character customs registration code (海关注册编码) or an 18-character unified social credit code (GB 32100-2015)";
        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}

/// <summary>
/// The format checks of the other codes the CEB messages carry. Each names its published format; codes whose table is
/// not in regulatory-facts.md (units, countries, transport modes) are checked for their shape only.
/// </summary>
public static class CebCodeFormats
{
    /// <summary>
    /// Customs district code (关区代码, <c>customsCode</c>, <c>portCode</c>): four digits, the first two the directly
    /// subordinate customs, the last two the subordinate office (关区参数代码表, https://www.365area.com/customs/18;
    /// JGS/T 18 per regulatory-facts.md §3.3).
    /// </summary>
    /// <param name="text">The code.</param>
    /// <returns>True when it is four ASCII digits.</returns>
    public static bool IsCustomsDistrict(string? text) => text is { Length: 4 } && !text.AsSpan().ContainsAnyExceptInRange('0', '9');

    /// <summary>Administrative division code (GB/T 2260, <c>consigneeDitrict</c>): six digits (regulatory-facts.md §3.3).</summary>
    /// <param name="text">The code.</param>
    /// <returns>True when it is six ASCII digits.</returns>
    public static bool IsDivision(string? text) => text is { Length: 6 } && !text.AsSpan().ContainsAnyExceptInRange('0', '9');

    /// <summary>
    /// A three-digit code of the customs parameter tables (JGS-20 海关业务代码集): measurement units (<c>unit</c>, e.g. 007),
    /// customs country codes (<c>country</c>). Only the shape is checked: the tables are not bundled (U).
    /// </summary>
    /// <param name="text">The code.</param>
    /// <returns>True when it is three ASCII digits.</returns>
    public static bool IsThreeDigitTableCode(string? text) => text is { Length: 3 } && !text.AsSpan().ContainsAnyExceptInRange('0', '9');

    /// <summary>
    /// China tariff code (<c>gcode</c>): ten digits. Regulatory-facts.md §3.3 marks "gcode is 10 digits" as U; Kuajing requires
    /// ten digits and flags the rule as unconfirmed in docs/china-customs.md.
    /// </summary>
    /// <param name="text">The code.</param>
    /// <returns>True when it is ten ASCII digits.</returns>
    public static bool IsChinaTariffCode(string? text) => text is { Length: 10 } && !text.AsSpan().ContainsAnyExceptInRange('0', '9');

    /// <summary>A transport mode code (<c>trafMode</c>): one digit or capital letter of the customs table (table not bundled, U).</summary>
    /// <param name="text">The code.</param>
    /// <returns>True when it is one digit or capital letter.</returns>
    public static bool IsTransportMode(string? text) => text is { Length: 1 } && (char.IsAsciiDigit(text[0]) || char.IsAsciiLetterUpper(text[0]));
}
