namespace Kuajing.Geography;

/// <summary>An ISO 3166-1 alpha-2 country code (two upper-case letters, e.g. CN, GB, DE).</summary>
public readonly record struct CountryCode
{
    /// <summary>The two-letter code.</summary>
    public string Value { get; }

    /// <summary>Creates a country code.</summary>
    /// <param name="value">Two ASCII letters; lower case is accepted and upper-cased.</param>
    /// <exception cref="FormatException">When <paramref name="value"/> is not exactly two ASCII letters.</exception>
    public CountryCode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length != 2 || !value.All(char.IsAsciiLetter))
        {
            throw new FormatException($"country code '{value}' is not two letters (ISO 3166-1 alpha-2)");
        }

        Value = value.ToUpperInvariant();
    }

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}
