using System.Globalization;

namespace Kuajing.Goods;

/// <summary>Outer dimensions of a parcel or carton in centimetres.</summary>
/// <param name="LengthCm">Length in cm, &gt; 0.</param>
/// <param name="WidthCm">Width in cm, &gt; 0.</param>
/// <param name="HeightCm">Height in cm, &gt; 0.</param>
public readonly record struct Dimensions(decimal LengthCm, decimal WidthCm, decimal HeightCm)
{
    /// <summary>Volume in cubic centimetres.</summary>
    public decimal VolumeCm3 => checked(LengthCm * WidthCm * HeightCm);

    /// <summary>Volume in cubic metres (1 m³ = 1,000,000 cm³).</summary>
    public decimal VolumeM3 => VolumeCm3 / 1_000_000m;

    /// <summary>The longest side in cm (postal and express size limits).</summary>
    public decimal LongestSideCm => Math.Max(LengthCm, Math.Max(WidthCm, HeightCm));

    /// <summary>Sum of the three sides in cm (UPU "L + W + H" limit).</summary>
    public decimal SumOfSidesCm => LengthCm + WidthCm + HeightCm;

    /// <summary>Length plus girth in cm: longest side + 2 × (the other two), the courier size limit.</summary>
    public decimal LengthPlusGirthCm
    {
        get
        {
            var longest = LongestSideCm;
            return longest + (2m * (SumOfSidesCm - longest));
        }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{LengthCm:0.#}x{WidthCm:0.#}x{HeightCm:0.#} cm");
}
