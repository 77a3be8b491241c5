using System.Globalization;
using Kuajing.Goods;

namespace Kuajing.ReferenceData;

/// <summary>One entry of the HS 2022 nomenclature.</summary>
/// <param name="Code">Digits: 2 (chapter), 4 (heading) or 6 (subheading).</param>
/// <param name="Description">WCO description in English as published by UN Comtrade.</param>
/// <param name="Level">2, 4 or 6 (the digit count).</param>
/// <param name="ParentCode">Code of the enclosing entry, or <see langword="null"/> for a chapter.</param>
/// <param name="Section">WCO section, roman numeral I..XXI.</param>
/// <param name="SectionName">Section title.</param>
public sealed record HsEntry(string Code, string Description, int Level, string? ParentCode, string Section, string SectionName);

/// <summary>
/// The Harmonized System 2022 nomenclature to the 6-digit level (96 chapters, 1,228 headings, 5,612 subheadings; UN Comtrade's statistical chapter 99 is left out).
/// Source: <c>data/reference/harmonized-system/</c> (datasets/harmonized-system 2022.0 from UN Comtrade H6,
/// ODC-PDDL). National 8/10-digit lines are not included. Immutable and thread-safe.
/// </summary>
public sealed class HsNomenclature
{
    private readonly Dictionary<string, HsEntry> _byCode;

    private HsNomenclature(Dictionary<string, HsEntry> byCode) => _byCode = byCode;

    /// <summary>Number of entries (chapters + headings + subheadings; 6,936 in HS 2022).</summary>
    public int Count => _byCode.Count;

    /// <summary>Loads the nomenclature.</summary>
    /// <param name="harmonizedSystemCsv">Path of <c>harmonized-system.csv</c> (<c>section,hscode,description,parent,level</c>).</param>
    /// <param name="sectionsCsv">Path of <c>sections.csv</c> (<c>section,name</c>).</param>
    /// <returns>The nomenclature.</returns>
    /// <exception cref="ReferenceDataException">When a file or column is missing, a code is not 2/4/6 digits matching its level, or a section is unknown.</exception>
    public static HsNomenclature Load(string harmonizedSystemCsv, string sectionsCsv)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var csv = CsvInput.Open(sectionsCsv, "section", "name"))
        {
            while (csv.Read())
            {
                sections[csv.Required("section")] = csv.Required("name");
            }
        }

        var byCode = new Dictionary<string, HsEntry>(8192, StringComparer.Ordinal);
        using (var csv = CsvInput.Open(harmonizedSystemCsv, "section", "hscode", "description", "parent", "level"))
        {
            while (csv.Read())
            {
                var code = csv.Required("hscode");
                if (csv.Text("section").Trim() == "TOTAL")
                {
                    // UN Comtrade's root row and its chapter 99 "commodities not specified according to kind"
                    // (99, 9999, 999999) are statistical codes, not part of the WCO HS nomenclature.
                    continue;
                }

                var levelText = csv.Required("level");
                if (!int.TryParse(levelText, NumberStyles.None, CultureInfo.InvariantCulture, out var level) || level is not (2 or 4 or 6))
                {
                    throw csv.Error("level", $"'{levelText}' is not 2, 4 or 6");
                }

                if (code.Length != level || !code.All(char.IsAsciiDigit))
                {
                    throw csv.Error("hscode", $"'{code}' is not {level} digits (level {level})");
                }

                var section = csv.Required("section");
                if (!sections.TryGetValue(section, out var sectionName))
                {
                    throw csv.Error("section", $"'{section}' is not in {Path.GetFileName(sectionsCsv)}");
                }

                var parent = csv.Text("parent").Trim();
                byCode[code] = new HsEntry(code, csv.Required("description"), level, level == 2 ? null : parent, section, sectionName);
            }
        }

        return new HsNomenclature(byCode);
    }

    /// <summary>
    /// Finds the nomenclature entry for a code: the code itself for 2, 4 and 6 digits, the 6-digit subheading for
    /// national 8/10-digit codes (whose national suffix cannot be checked here).
    /// </summary>
    /// <param name="code">The HS code.</param>
    /// <param name="entry">The entry, or <see langword="null"/>.</param>
    /// <returns>False when the code (or its 6-digit subheading) is not in HS 2022.</returns>
    public bool TryGet(HsCode code, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HsEntry? entry)
    {
        var digits = code.Digits;
        if (digits is null)
        {
            entry = null;
            return false;
        }

        return _byCode.TryGetValue(digits.Length > 6 ? digits[..6] : digits, out entry);
    }

    /// <summary>True when the code (or its 6-digit subheading) exists in HS 2022.</summary>
    /// <param name="code">The HS code.</param>
    /// <returns>Whether <see cref="TryGet"/> would succeed.</returns>
    public bool Contains(HsCode code) => TryGet(code, out _);
}
