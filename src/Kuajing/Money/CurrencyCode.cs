namespace Kuajing.Money;

/// <summary>An ISO 4217 alphabetic currency code (three upper-case letters, e.g. GBP, EUR, CNY).</summary>
public readonly record struct CurrencyCode
{
    /// <summary>The three-letter code.</summary>
    public string Value { get; }

    /// <summary>Creates a currency code.</summary>
    /// <param name="value">Three ASCII letters; lower case is accepted and upper-cased.</param>
    /// <exception cref="FormatException">When <paramref name="value"/> is not exactly three ASCII letters.</exception>
    public CurrencyCode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length != 3 || !value.All(char.IsAsciiLetter))
        {
            throw new FormatException($"currency code '{value}' is not three letters (ISO 4217)");
        }

        Value = value.ToUpperInvariant();
    }

    /// <summary>Pound sterling.</summary>
    public static CurrencyCode Gbp => new("GBP");

    /// <summary>Euro.</summary>
    public static CurrencyCode Eur => new("EUR");

    /// <summary>US dollar.</summary>
    public static CurrencyCode Usd => new("USD");

    /// <summary>Chinese yuan renminbi.</summary>
    public static CurrencyCode Cny => new("CNY");

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}
