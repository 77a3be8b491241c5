using NodaTime;

namespace Kuajing.Customs.LowValue;

/// <summary>Whether the data set can be used for the order on its date.</summary>
public enum LowValueDatasetStatus
{
    /// <summary>The regime applies by destination and value (the data set may still have errors or gaps).</summary>
    Applicable,

    /// <summary>Wrong destination, value over the threshold, no regime row in force, or value not testable (no FX rate).</summary>
    NotApplicable,

    /// <summary>The regime exists but is suspended for this origin on this date (US de minimis since 2025).</summary>
    Suspended,
}

/// <summary>Severity of a data-set issue.</summary>
public enum LowValueIssueSeverity
{
    /// <summary>A required element is missing or invalid, or the regime does not apply: the data set cannot be filed.</summary>
    Error,

    /// <summary>An element the guidance lists (requirement unconfirmed) has no value in the entry, or its value is an estimate: it was left empty, not invented.</summary>
    Gap,

    /// <summary>Information (assumptions, unknown parts of the regime).</summary>
    Notice,
}

/// <summary>One problem with a data set, by field name (<c>ioss_vat_id</c>, <c>items[2].commodity_code_hs6</c>, …).</summary>
/// <param name="Field">Field id, with <c>items[n].</c> (1-based) for item fields; <c>destination</c>, <c>regime</c> for the whole set.</param>
/// <param name="Severity">Severity.</param>
/// <param name="Message">What is wrong and what is expected.</param>
public sealed record LowValueIssue(string Field, LowValueIssueSeverity Severity, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()}: {Field}: {Message}";
}

/// <summary>One field's value in a data set.</summary>
/// <param name="Spec">The field (with its source).</param>
/// <param name="Value">The value as text (invariant culture), or <see langword="null"/> when the entry does not have it.</param>
/// <param name="Note">Where the value came from or a qualification (e.g. "Kuajing estimate").</param>
public sealed record LowValueValue(LowValueFieldSpec Spec, string? Value, string? Note);

/// <summary>A destination low-value data set produced from one entry, with its validation issues. Immutable.</summary>
/// <param name="Dataset">Data set id (<c>EU-H7</c>, <c>GB-LV</c>, <c>US-321</c>).</param>
/// <param name="Destination">The destination kind.</param>
/// <param name="Country">The order's destination country.</param>
/// <param name="OrderId">Order (invoice) number.</param>
/// <param name="OrderDate">Order date (the rules of that date apply).</param>
/// <param name="Status">Whether the regime applies.</param>
/// <param name="Regime">The threshold row used, or <see langword="null"/> when none is in force.</param>
/// <param name="Header">Header fields in field-list order.</param>
/// <param name="Items">Item fields per order line, in line order.</param>
/// <param name="Issues">Errors, gaps and notices.</param>
public sealed record LowValueDataset(
    string Dataset,
    LowValueDestination Destination,
    string Country,
    string OrderId,
    LocalDate OrderDate,
    LowValueDatasetStatus Status,
    LowValueRegime? Regime,
    IReadOnlyList<LowValueValue> Header,
    IReadOnlyList<IReadOnlyList<LowValueValue>> Items,
    IReadOnlyList<LowValueIssue> Issues)
{
    /// <summary>True when any issue is an <see cref="LowValueIssueSeverity.Error"/>: the data set cannot be filed.</summary>
    public bool HasErrors => Issues.Any(i => i.Severity == LowValueIssueSeverity.Error);

    /// <summary>The value of a header field, or <see langword="null"/>.</summary>
    /// <param name="field">Field id.</param>
    /// <returns>The value.</returns>
    public string? HeaderValue(string field) => Header.FirstOrDefault(v => v.Spec.Field == field)?.Value;

    /// <summary>The value of an item field, or <see langword="null"/>.</summary>
    /// <param name="item">0-based item index.</param>
    /// <param name="field">Field id.</param>
    /// <returns>The value.</returns>
    public string? ItemValue(int item, string field) => Items[item].FirstOrDefault(v => v.Spec.Field == field)?.Value;
}
