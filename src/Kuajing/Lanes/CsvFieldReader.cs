using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using NodaTime;
using NodaTime.Text;

namespace Kuajing.Lanes;

/// <summary>
/// Reads named fields of a header-first CSV row by row with CsvHelper and collects every problem as
/// "file:line: field 'x': message" instead of stopping at the first one. Support code for the
/// catalogue and emission-factor loaders.
/// </summary>
internal sealed class CsvFieldReader : IDisposable
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    private readonly StreamReader _stream;
    private readonly CsvReader _csv;
    private readonly List<string> _errors;
    private readonly HashSet<string> _header;

    public CsvFieldReader(string path, IReadOnlyList<string> requiredColumns, List<string> errors)
    {
        FileName = Path.GetFileName(path);
        _errors = errors;
        _stream = new StreamReader(path);
        _csv = new CsvReader(_stream, new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = false, TrimOptions = TrimOptions.None });
        if (!_csv.Read() || !_csv.ReadHeader())
        {
            errors.Add($"{FileName}:1: file is empty, expected a header row");
            _header = [];
            return;
        }

        _header = new HashSet<string>(_csv.HeaderRecord ?? [], StringComparer.Ordinal);
        foreach (var column in requiredColumns.Where(c => !_header.Contains(c)))
        {
            errors.Add($"{FileName}:1: header lacks column '{column}'");
        }
    }

    public string FileName { get; }

    /// <summary>1-based line number of the current record in the file (the header is line 1).</summary>
    public int Line => _csv.Parser.RawRow;

    public bool HeaderOk => _header.Count > 0;

    public bool Read() => _csv.Read();

    public void Error(string field, string message) => _errors.Add($"{FileName}:{Line}: field '{field}': {message}");

    public string Text(string field, bool required = true)
    {
        var value = _header.Contains(field) ? (_csv.GetField(field) ?? "").Trim() : "";
        if (required && value.Length == 0)
        {
            Error(field, "is empty, a value is required");
        }

        return value;
    }

    public decimal Decimal(string field, decimal fallback = 0m, decimal min = 0m)
    {
        var text = Text(field, required: false);
        return text.Length == 0 ? fallback : ParseDecimal(field, text, min) ?? fallback;
    }

    public decimal? OptionalDecimal(string field, decimal min = 0m)
    {
        var text = Text(field, required: false);
        return text.Length == 0 ? null : ParseDecimal(field, text, min);
    }

    public decimal RequiredDecimal(string field, decimal min = 0m)
    {
        var text = Text(field);
        return text.Length == 0 ? 0m : ParseDecimal(field, text, min) ?? 0m;
    }

    public double Double(string field, double min, double max)
    {
        var text = Text(field);
        if (text.Length == 0)
        {
            return 0;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Error(field, $"'{text}' is not a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
            return 0;
        }

        return value;
    }

    public int Int(string field, int fallback, int min, int max)
    {
        var text = Text(field, required: false);
        if (text.Length == 0)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Error(field, $"'{text}' is not a whole number from {min} to {max}");
            return fallback;
        }

        return value;
    }

    public bool Bool(string field, bool fallback)
    {
        var text = Text(field, required: false);
        if (text.Length == 0)
        {
            return fallback;
        }

        if (!bool.TryParse(text, out var value))
        {
            Error(field, $"'{text}' is not true or false");
            return fallback;
        }

        return value;
    }

    public TEnum Enum<TEnum>(string field, TEnum fallback, bool required = true)
        where TEnum : struct, Enum
    {
        var text = Text(field, required);
        if (text.Length == 0)
        {
            return fallback;
        }

        if (text.All(char.IsAsciiDigit) || !System.Enum.TryParse<TEnum>(text, ignoreCase: false, out var value) || !System.Enum.IsDefined(value))
        {
            Error(field, $"'{text}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>())}");
            return fallback;
        }

        return value;
    }

    public LocalDate? Date(string field, bool required)
    {
        var text = Text(field, required);
        if (text.Length == 0)
        {
            return null;
        }

        var result = DatePattern.Parse(text);
        if (!result.Success)
        {
            Error(field, $"'{text}' is not an ISO date (yyyy-MM-dd)");
            return null;
        }

        return result.Value;
    }

    public LocalTime Time(string field, LocalTime fallback)
    {
        var text = Text(field, required: false);
        if (text.Length == 0)
        {
            return fallback;
        }

        var result = TimePattern.Parse(text);
        if (!result.Success)
        {
            Error(field, $"'{text}' is not a local time HH:mm");
            return fallback;
        }

        return result.Value;
    }

    public void Dispose()
    {
        _csv.Dispose();
        _stream.Dispose();
    }

    private decimal? ParseDecimal(string field, string text, decimal min)
    {
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            Error(field, $"'{text}' is not a decimal number ≥ {min.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return value;
    }
}
