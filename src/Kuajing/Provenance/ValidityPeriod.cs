using NodaTime;

namespace Kuajing.Provenance;

/// <summary>
/// The dates a rule, rate or lane is in force: from <see cref="From"/> (inclusive) until
/// <see cref="Until"/> (exclusive), open-ended when <see cref="Until"/> is <see langword="null"/>.
/// </summary>
/// <param name="From">First day in force (inclusive).</param>
/// <param name="Until">First day no longer in force (exclusive); <see langword="null"/> when no end is known.</param>
public readonly record struct ValidityPeriod(LocalDate From, LocalDate? Until)
{
    /// <summary>A period covering every date (used only for facts the sources call long-standing).</summary>
    public static ValidityPeriod Always => new(LocalDate.MinIsoValue, null);

    /// <summary>True when the rule is in force on <paramref name="date"/>.</summary>
    /// <param name="date">The date to test, usually the order date.</param>
    /// <returns>Whether <see cref="From"/> ≤ date &lt; <see cref="Until"/>.</returns>
    public bool Contains(LocalDate date) => date >= From && (Until is null || date < Until.Value);
}
