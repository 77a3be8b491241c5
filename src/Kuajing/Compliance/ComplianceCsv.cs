using Kuajing.Provenance;
using Kuajing.ReferenceData;
using NodaTime;
using NodaTime.Text;

namespace Kuajing.Compliance;

/// <summary>Field parsers shared by the compliance CSV files; errors name file, line and field.</summary>
internal static class ComplianceCsv
{
    public static SourceStatus Status(CsvInput csv)
    {
        try
        {
            return DataSource.ParseStatus(csv.Required("status"));
        }
        catch (FormatException)
        {
            throw csv.Error("status", $"'{csv.Text("status")}' is not C, D, U or E");
        }
    }

    public static LocalDate? Date(CsvInput csv, string column)
    {
        var text = csv.Has(column) ? csv.Text(column).Trim() : "";
        if (text.Length == 0)
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(text);
        return parsed.Success ? parsed.Value : throw csv.Error(column, $"'{text}' is not an ISO date yyyy-MM-dd (or empty)");
    }
}
