using System.Globalization;

namespace Kuajing.Goods;

/// <summary>A mass in kilograms (decimal). Gross, net, volumetric and chargeable weights are all <see cref="Mass"/>.</summary>
/// <param name="Kilograms">Mass in kg, ≥ 0.</param>
public readonly record struct Mass(decimal Kilograms) : IComparable<Mass>
{
    /// <summary>Zero kilograms.</summary>
    public static Mass Zero => new(0m);

    /// <summary>Creates a mass from grams.</summary>
    /// <param name="grams">Grams, ≥ 0.</param>
    /// <returns>The mass.</returns>
    public static Mass FromGrams(decimal grams) => new(grams / 1000m);

    /// <summary>Adds two masses.</summary>
    public static Mass operator +(Mass a, Mass b) => new(checked(a.Kilograms + b.Kilograms));

    /// <summary>Scales a mass.</summary>
    public static Mass operator *(Mass a, decimal factor) => new(checked(a.Kilograms * factor));

    /// <summary>Compares masses.</summary>
    public static bool operator <(Mass a, Mass b) => a.Kilograms < b.Kilograms;

    /// <summary>Compares masses.</summary>
    public static bool operator >(Mass a, Mass b) => a.Kilograms > b.Kilograms;

    /// <summary>Compares masses.</summary>
    public static bool operator <=(Mass a, Mass b) => a.Kilograms <= b.Kilograms;

    /// <summary>Compares masses.</summary>
    public static bool operator >=(Mass a, Mass b) => a.Kilograms >= b.Kilograms;

    /// <summary>Named alternative to +.</summary>
    /// <param name="other">Mass to add.</param>
    /// <returns>The sum.</returns>
    public Mass Add(Mass other) => this + other;

    /// <summary>The larger of two masses (chargeable weight = max(actual, volumetric)).</summary>
    /// <param name="a">First mass.</param>
    /// <param name="b">Second mass.</param>
    /// <returns>The larger.</returns>
    public static Mass Max(Mass a, Mass b) => a >= b ? a : b;

    /// <inheritdoc/>
    public int CompareTo(Mass other) => Kilograms.CompareTo(other.Kilograms);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Kilograms:0.###} kg");
}
