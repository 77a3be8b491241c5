using System.Globalization;

namespace Kuajing.Money;

/// <summary>
/// An amount of money in one ISO 4217 currency, held as a <see cref="decimal"/> (never floating point).
/// Arithmetic between two amounts requires the same currency; convert with <see cref="FxRates"/> first.
/// </summary>
/// <param name="Amount">The amount in major units (e.g. pounds, not pence). May be negative for credits.</param>
/// <param name="Currency">The currency.</param>
public readonly record struct Money(decimal Amount, CurrencyCode Currency) : IComparable<Money>
{
    /// <summary>Zero in the given currency.</summary>
    /// <param name="currency">The currency.</param>
    /// <returns>A zero amount.</returns>
    public static Money Zero(CurrencyCode currency) => new(0m, currency);

    /// <summary>Adds two amounts of the same currency.</summary>
    /// <exception cref="InvalidOperationException">When the currencies differ.</exception>
    public static Money operator +(Money a, Money b) => new(checked(a.Amount + SameCurrency(a, b).Amount), a.Currency);

    /// <summary>Subtracts two amounts of the same currency.</summary>
    /// <exception cref="InvalidOperationException">When the currencies differ.</exception>
    public static Money operator -(Money a, Money b) => new(checked(a.Amount - SameCurrency(a, b).Amount), a.Currency);

    /// <summary>Scales an amount (e.g. a rate times a quantity).</summary>
    public static Money operator *(Money a, decimal factor) => new(checked(a.Amount * factor), a.Currency);

    /// <summary>Scales an amount (e.g. a quantity times a rate).</summary>
    public static Money operator *(decimal factor, Money a) => a * factor;

    /// <summary>Compares two amounts of the same currency.</summary>
    public static bool operator <(Money a, Money b) => a.CompareTo(b) < 0;

    /// <summary>Compares two amounts of the same currency.</summary>
    public static bool operator >(Money a, Money b) => a.CompareTo(b) > 0;

    /// <summary>Compares two amounts of the same currency.</summary>
    public static bool operator <=(Money a, Money b) => a.CompareTo(b) <= 0;

    /// <summary>Compares two amounts of the same currency.</summary>
    public static bool operator >=(Money a, Money b) => a.CompareTo(b) >= 0;

    /// <summary>Named alternative to the + operator.</summary>
    /// <param name="other">An amount in the same currency.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="InvalidOperationException">When the currencies differ.</exception>
    public Money Add(Money other) => this + other;

    /// <summary>Rounds to <paramref name="decimals"/> places, midpoint away from zero (commercial rounding).</summary>
    /// <param name="decimals">Decimal places, 0–6; 2 for most currencies.</param>
    /// <returns>The rounded amount.</returns>
    public Money Round(int decimals = 2) => new(Math.Round(Amount, decimals, MidpointRounding.AwayFromZero), Currency);

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">When the currencies differ.</exception>
    public int CompareTo(Money other) => Amount.CompareTo(SameCurrency(this, other).Amount);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Amount:0.00} {Currency}");

    private static Money SameCurrency(Money a, Money b) =>
        a.Currency == b.Currency
            ? b
            : throw new InvalidOperationException($"cannot combine {a.Currency} with {b.Currency} without an FX conversion");
}
