using Kuajing.Provenance;
using Kuajing.ReferenceData;
using NodaTime;
using NodaTime.Text;

namespace Kuajing.Customs.RetailImport;

/// <summary>Shared field parsers for the <c>data/customs/*.csv</c> files (dates, status, validity), over <see cref="CsvInput"/>.</summary>
internal static class CustomsCsv
{
    /// <summary>Folder of the customs data under the data directory.</summary>
    public const string Folder = "customs";

    /// <summary>Parses an optional ISO date column (<c>yyyy-MM-dd</c>); empty gives <see langword="null"/>.</summary>
    /// <exception cref="ReferenceDataException">When the text is not an ISO date.</exception>
    public static LocalDate? Date(CsvInput csv, string column)
    {
        var text = csv.Text(column).Trim();
        if (text.Length == 0)
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(text);
        return parsed.Success ? parsed.Value : throw csv.Error(column, $"'{text}' is not a date yyyy-MM-dd");
    }

    /// <summary>
    /// Reads <c>valid_from</c>/<c>valid_until</c>. An empty <c>valid_from</c> means the start date is not known (the
    /// source calls the rule long-standing or gives no date): the period then starts at <see cref="LocalDate.MinIsoValue"/>.
    /// </summary>
    /// <exception cref="ReferenceDataException">When a date is malformed or until ≤ from.</exception>
    public static ValidityPeriod Validity(CsvInput csv)
    {
        var from = Date(csv, "valid_from") ?? LocalDate.MinIsoValue;
        var until = Date(csv, "valid_until");
        return until is { } u && u <= from
            ? throw csv.Error("valid_until", $"{u:uuuu-MM-dd} is not after valid_from")
            : new ValidityPeriod(from, until);
    }

    /// <summary>Reads <c>status</c> and <c>source</c> into a <see cref="DataSource"/> dated by <c>valid_from</c>.</summary>
    /// <exception cref="ReferenceDataException">When the status is not C, D, U or E or the source is empty.</exception>
    public static DataSource Source(CsvInput csv)
    {
        SourceStatus status;
        try
        {
            status = DataSource.ParseStatus(csv.Required("status"));
        }
        catch (FormatException e)
        {
            throw csv.Error("status", e.Message);
        }

        return new DataSource(csv.Required("source"), Date(csv, "valid_from"), status);
    }
}
