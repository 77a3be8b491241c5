using System.Globalization;
using System.IO.Compression;
using CsvHelper;
using CsvHelper.Configuration;

namespace Kuajing.ReferenceData;

/// <summary>
/// Opens CSV data files (plain or gzip by the <c>.gz</c> extension) with CsvHelper and reads fields by header
/// name, turning every parse failure into a <see cref="ReferenceDataException"/> naming file, line and field.
/// </summary>
internal sealed class CsvInput : IDisposable
{
    private readonly CsvReader _csv;
    private readonly Dictionary<string, int> _columns = new(StringComparer.OrdinalIgnoreCase);

    private CsvInput(string path, bool hasHeader)
    {
        Path = path;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = hasHeader,
            BadDataFound = null,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
            TrimOptions = TrimOptions.None,
        };
        _csv = new CsvReader(OpenText(path), config);
        if (hasHeader)
        {
            if (!_csv.Read())
            {
                throw new ReferenceDataException(path, 1, "(header)", "file is empty; a header row was expected");
            }

            _csv.ReadHeader();
            var header = _csv.HeaderRecord ?? [];
            for (var i = 0; i < header.Length; i++)
            {
                // The first header name may carry a UTF-8 BOM (sections.csv does).
                _columns.TryAdd(header[i].Trim('\uFEFF', ' '), i);
            }
        }
    }

    /// <summary>Path as opened.</summary>
    public string Path { get; }

    /// <summary>1-based line number of the current record.</summary>
    public int Line => _csv.Parser.RawRow;

    /// <summary>Number of fields in the current record.</summary>
    public int FieldCount => _csv.Parser.Count;

    /// <summary>Opens a file, decompressing gzip when the name ends in <c>.gz</c>.</summary>
    public static TextReader OpenText(string path)
    {
        Stream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReferenceDataException(path, 0, "(file)", $"cannot open: {e.Message}", e);
        }

        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        return new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
    }

    /// <summary>Opens a CSV file with a header row.</summary>
    public static CsvInput Open(string path, params string[] requiredColumns)
    {
        var input = new CsvInput(path, hasHeader: true);
        foreach (var column in requiredColumns)
        {
            if (!input._columns.ContainsKey(column))
            {
                input.Dispose();
                throw new ReferenceDataException(path, 1, column, $"column missing from header; expected columns {string.Join(",", requiredColumns)}");
            }
        }

        return input;
    }

    /// <summary>Opens a CSV file without a header row (OpenFlights .dat files).</summary>
    public static CsvInput OpenHeaderless(string path) => new(path, hasHeader: false);

    /// <summary>Advances to the next record.</summary>
    public bool Read() => _csv.Read();

    /// <summary>True when the header has the column.</summary>
    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>Raw text of a named column (empty when the record is short).</summary>
    public string Text(string column) => Text(_columns[column]);

    /// <summary>Raw text of a field by index (empty when the record is short).</summary>
    public string Text(int index) => index < _csv.Parser.Count ? _csv.Parser[index] ?? "" : "";

    /// <summary>Trimmed text of a required, non-empty column.</summary>
    public string Required(string column)
    {
        var text = Text(column).Trim();
        return text.Length > 0 ? text : throw Error(column, "empty; a value is required");
    }

    /// <summary>Parses a decimal column (invariant culture, '.' separator).</summary>
    public decimal Decimal(string column)
    {
        var text = Text(column).Trim();
        return decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(column, $"'{text}' is not a decimal number (invariant culture, '.' as decimal separator)");
    }

    /// <summary>Parses an optional decimal column; empty gives <see langword="null"/>.</summary>
    public decimal? OptionalDecimal(string column) => Has(column) && Text(column).Trim().Length > 0 ? Decimal(column) : null;

    /// <summary>Parses a double field by index (coordinates).</summary>
    public double Double(int index, string name)
    {
        var text = Text(index).Trim();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(name, $"'{text}' is not a number");
    }

    /// <summary>An error at the current record.</summary>
    public ReferenceDataException Error(string column, string reason) => new(Path, Line, column, reason);

    /// <inheritdoc/>
    public void Dispose() => _csv.Dispose();
}
