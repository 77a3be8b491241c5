namespace Kuajing.Tracking.Numbers;

/// <summary>Shared text handling for transport-document numbers.</summary>
internal static class NumberText
{
    /// <summary>
    /// The lookup key of a number: its ASCII letters (upper-cased) and digits only, dropping spaces, hyphens, slashes
    /// and dots that labels and documents print between groups ("176-1234 5675" → "17612345675").
    /// </summary>
    public static string Key(ReadOnlySpan<char> text)
    {
        Span<char> buffer = text.Length <= 128 ? stackalloc char[text.Length] : new char[text.Length];
        var n = Key(text, buffer);
        return new string(buffer[..n]);
    }

    /// <summary>Writes the key of <paramref name="text"/> into <paramref name="destination"/> (at least as long as the text); returns its length.</summary>
    public static int Key(ReadOnlySpan<char> text, Span<char> destination)
    {
        var n = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c))
            {
                destination[n++] = c;
            }
            else if (char.IsAsciiLetterLower(c))
            {
                destination[n++] = char.ToUpperInvariant(c);
            }
        }

        return n;
    }

    /// <summary>Whether every character is an ASCII letter, digit, whitespace or one of the separators - / . that documents print between groups.</summary>
    public static bool OnlyAlphanumericAndSeparators(ReadOnlySpan<char> text, out char offending)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !char.IsWhiteSpace(c) && c is not '-' and not '/' and not '.')
            {
                offending = c;
                return false;
            }
        }

        offending = '\0';
        return true;
    }
}
