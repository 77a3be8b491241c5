using NodaTime;

namespace Kuajing.Provenance;

/// <summary>
/// How far a figure can be trusted, following the status column of
/// <c>shared/reference/lanes-and-rates.md</c> and <c>regulatory-facts.md</c>.
/// </summary>
public enum SourceStatus
{
    /// <summary>Stated in the cited source ("C").</summary>
    Confirmed,

    /// <summary>Derived by arithmetic from confirmed figures ("D").</summary>
    Derived,

    /// <summary>No source, only a weak one, or sources disagree ("U"). Shown as unconfirmed wherever used.</summary>
    Unconfirmed,

    /// <summary>A Kuajing assumption, not a published figure (e.g. a product weight estimate). Shown as an estimate wherever used.</summary>
    Estimated,
}

/// <summary>
/// Where a data row came from: a citation (URL, regulation or dataset), the date the figure describes,
/// and its <see cref="SourceStatus"/>. Every rate, threshold, factor and lane carries one.
/// </summary>
/// <param name="Citation">Source reference: URL(s), regulation number, or dataset name with version. Never empty.</param>
/// <param name="AsOf">The date the figure describes (assessment week, tariff date), not the date it was read; <see langword="null"/> when the source gives none.</param>
/// <param name="Status">Confidence of the figure.</param>
public sealed record DataSource(string Citation, LocalDate? AsOf, SourceStatus Status)
{
    /// <summary>True when the figure must be flagged to the user (unconfirmed or estimated).</summary>
    public bool NeedsFlag => Status is SourceStatus.Unconfirmed or SourceStatus.Estimated;

    /// <summary>Parses the status letters used in the reference files and the data CSVs: C, D, U, E (or the full names).</summary>
    /// <param name="text">Status text, case-insensitive.</param>
    /// <returns>The parsed status.</returns>
    /// <exception cref="FormatException">When <paramref name="text"/> is not one of C, D, U, E, confirmed, derived, unconfirmed, estimated.</exception>
    public static SourceStatus ParseStatus(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().ToUpperInvariant() switch
        {
            "C" or "CONFIRMED" => SourceStatus.Confirmed,
            "D" or "DERIVED" => SourceStatus.Derived,
            "U" or "UNCONFIRMED" => SourceStatus.Unconfirmed,
            "E" or "ESTIMATED" or "ESTIMATE" => SourceStatus.Estimated,
            _ => throw new FormatException($"source status '{text}' is not one of C, D, U, E"),
        };
    }
}
