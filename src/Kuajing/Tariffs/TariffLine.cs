namespace Kuajing.Tariffs;

/// <summary>
/// One national tariff line of a <see cref="TariffSchedule"/>: its code, the verbatim duty text and the parsed
/// <see cref="DutyExpression"/> (or, when the text is outside the supported forms, the pattern it failed on).
/// </summary>
public sealed class TariffLine
{
    internal TariffLine(TariffSchedule schedule, string code, string rateText, DutyExpression? expression, string? unparsedPattern, int sourceLine)
    {
        Schedule = schedule;
        Code = code;
        RateText = rateText;
        Expression = expression;
        UnparsedPattern = unparsedPattern;
        SourceLine = sourceLine;
        RuleId = $"{schedule.Id}:{code}";
        Label = $"Duty {schedule.Id} {code}: {rateText}";
    }

    /// <summary>The schedule the line belongs to.</summary>
    public TariffSchedule Schedule { get; }

    /// <summary>National code, digits only (US HTS 8/10, UK/EU CN 8/10, Japan 9-digit statistical code, Australia 8-digit).</summary>
    public string Code { get; }

    /// <summary>The first six digits, the HS subheading.</summary>
    public string Subheading => Code[..6];

    /// <summary>The duty text as published (trimmed).</summary>
    public string RateText { get; }

    /// <summary>The parsed expression; <see langword="null"/> when <see cref="RateText"/> is outside the supported forms.</summary>
    public DutyExpression? Expression { get; }

    /// <summary>The pattern of <see cref="RateText"/> when it did not parse (digits as N), else <see langword="null"/>.</summary>
    public string? UnparsedPattern { get; }

    /// <summary>1-based line of the row in the schedule's file (header = line 1).</summary>
    public int SourceLine { get; }

    /// <summary>Id used on cost lines: <c>{schedule id}:{code}</c>, e.g. <c>US-HTS-2026-R10:61091000</c>.</summary>
    public string RuleId { get; }

    /// <summary>The Section 301 headings listing this line's HTS8, cached on first use by <see cref="AdditionalDutyBook"/>.</summary>
    internal string[]? AdditionalHeadings { get; set; }

    /// <summary>The group made of this line alone (set once at load).</summary>
    internal TariffLineGroup Group { get; set; } = null!;

    /// <summary>Cost-line label naming schedule, code and expression, e.g. <c>Duty GB-UKGT-2021 61091000: 12.0%</c>.</summary>
    public string Label { get; }

    /// <inheritdoc/>
    public override string ToString() => Label;
}

/// <summary>
/// What loading a schedule found: rows read, rate texts parsed, and the unparsed ones counted by pattern (digits as N),
/// so that nothing is dropped silently.
/// </summary>
/// <param name="ScheduleId">The schedule.</param>
/// <param name="RowsRead">Data rows read from the file.</param>
/// <param name="Parsed">Rows whose rate text parsed into a <see cref="DutyExpression"/>.</param>
/// <param name="UnparsedByPattern">Rows not parsed, by pattern, most frequent first.</param>
public sealed record TariffLoadReport(string ScheduleId, int RowsRead, int Parsed, IReadOnlyList<KeyValuePair<string, int>> UnparsedByPattern)
{
    /// <summary>Rows whose rate text did not parse (the lines exist; a quote on them reports the duty unknown).</summary>
    public int Unparsed => RowsRead - Parsed;
}
