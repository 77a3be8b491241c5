using System.Text.Json;

namespace Kuajing.Tracking.Numbers;

/// <summary>
/// One courier format's checksum, parsed from the <c>validation.checksum</c> object of a courier JSON file
/// (<c>jkeen/tracking_number_data</c> @ b79ce4bf) and evaluated with <see cref="CheckDigits"/>.
/// </summary>
internal sealed class ChecksumRule
{
    private static readonly int[] S10Weightings = [8, 6, 4, 2, 3, 5, 9, 7];

    private readonly int _evensMultiplier;
    private readonly int _oddsMultiplier;
    private readonly bool _reverse;
    private readonly int[] _weightings;
    private readonly int _modulo1;
    private readonly int _modulo2;

    private ChecksumRule(string name, int evensMultiplier, int oddsMultiplier, bool reverse, int[] weightings, int modulo1, int modulo2)
    {
        Name = name;
        _evensMultiplier = evensMultiplier;
        _oddsMultiplier = oddsMultiplier;
        _reverse = reverse;
        _weightings = weightings;
        _modulo1 = modulo1;
        _modulo2 = modulo2;
    }

    /// <summary>The algorithm name as in the data: mod10, mod7, s10, luhn, mod_37_36, sum_product_with_weightings_and_modulo.</summary>
    public string Name { get; }

    /// <summary>Reads a checksum object; <paramref name="where"/> names file and JSON path for errors.</summary>
    public static ChecksumRule Parse(JsonElement checksum, string where)
    {
        var name = checksum.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
            ? n.GetString()!
            : throw new InvalidDataException($"{where}.name: missing; expected a checksum algorithm name");
        switch (name)
        {
            case "mod10":
                return new ChecksumRule(
                    name,
                    OptionalInt(checksum, "evens_multiplier", where) ?? 1,
                    OptionalInt(checksum, "odds_multiplier", where) ?? 1,
                    checksum.TryGetProperty("reverse", out var r) && r.ValueKind == JsonValueKind.True,
                    [],
                    10,
                    10);
            case "mod7":
            case "luhn":
            case "mod_37_36":
                return new ChecksumRule(name, 1, 1, false, [], 1, 1);
            case "s10":
                var s10 = Weightings(checksum, where);
                if (!s10.AsSpan().SequenceEqual(S10Weightings))
                {
                    throw new InvalidDataException($"{where}.weightings: [{string.Join(',', s10)}]; expected the UPU S10 weights [8,6,4,2,3,5,9,7]");
                }

                return new ChecksumRule(name, 1, 1, false, s10, 11, 11);
            case "sum_product_with_weightings_and_modulo":
                var w = Weightings(checksum, where);
                var m1 = OptionalInt(checksum, "modulo1", where) ?? throw new InvalidDataException($"{where}.modulo1: missing; expected a positive integer");
                var m2 = OptionalInt(checksum, "modulo2", where) ?? throw new InvalidDataException($"{where}.modulo2: missing; expected a positive integer");
                if (m1 < 1 || m2 < 1)
                {
                    throw new InvalidDataException($"{where}.modulo1/modulo2: {m1}/{m2}; expected positive integers");
                }

                return new ChecksumRule(name, 1, 1, false, w, m1, m2);
            default:
                throw new InvalidDataException(
                    $"{where}.name: '{name}'; expected one of mod10, mod7, s10, luhn, mod_37_36, sum_product_with_weightings_and_modulo");
        }
    }

    /// <summary>Whether <paramref name="checkDigit"/> is the check character of <paramref name="serial"/>; false (not an exception) when the serial holds characters the algorithm cannot weigh.</summary>
    public bool Validates(string serial, string checkDigit)
    {
        if (serial.Length == 0 || checkDigit.Length != 1)
        {
            return false;
        }

        var printed = checkDigit[0];
        try
        {
            return Name switch
            {
                "mod10" => CheckDigits.Mod10(serial, _evensMultiplier, _oddsMultiplier, _reverse) == printed - '0',
                "mod7" => CheckDigits.Mod7(serial) == printed - '0',
                "s10" => CheckDigits.S10(serial) == printed - '0',
                "luhn" => CheckDigits.Luhn(serial) == printed - '0',
                "mod_37_36" => CheckDigits.Mod37Hybrid36(serial) == printed,
                _ => CheckDigits.SumProductWithWeightingsAndModulo(serial, _weightings, _modulo1, _modulo2) == printed - '0',
            };
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int[] Weightings(JsonElement checksum, string where)
    {
        if (!checksum.TryGetProperty("weightings", out var w) || w.ValueKind != JsonValueKind.Array || w.GetArrayLength() == 0)
        {
            throw new InvalidDataException($"{where}.weightings: missing or empty; expected an array of integers");
        }

        return [.. w.EnumerateArray().Select(e => e.TryGetInt32(out var v) ? v : throw new InvalidDataException($"{where}.weightings: '{e}' is not an integer"))];
    }

    private static int? OptionalInt(JsonElement obj, string property, string where)
    {
        if (!obj.TryGetProperty(property, out var v))
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)
            ? i
            : throw new InvalidDataException($"{where}.{property}: '{v}'; expected an integer");
    }
}
